// render: year ranges in titles kept on one line, and note numbers after a digit set apart.
import { describe, expect, it } from 'vitest';
import { keepYearRanges, lineBreaks, markNotesAfterDigits } from '../../../pipeline/render/line-breaks.ts';

const range = (r: string) => `<span class="range">${r}</span>`;

describe('a year range in a title', () => {
  it('is kept whole in a heading, a subtitle and a figure title (the chronology broke after "2005–")', () => {
    const html =
      '<h1>Azerbaijan, Turkey and Iran: a chronology, 2005–2025</h1>' +
      '<p class="subtitle">From the 2005 pact, 2005 - 2025</p>' +
      '<h3 class="period">The thaw <span class="period-dates">2022–23</span></h3>' +
      '<span class="chart-title">Drills, 2010—2024</span>';
    expect(keepYearRanges(html)).toBe(
      `<h1>Azerbaijan, Turkey and Iran: a chronology, ${range('2005–2025')}</h1>` +
        `<p class="subtitle">From the 2005 pact, ${range('2005 - 2025')}</p>` +
        `<h3 class="period">The thaw <span class="period-dates">${range('2022–23')}</span></h3>` +
        `<span class="chart-title">Drills, ${range('2010—2024')}</span>`,
    );
  });

  it('is left as it is in prose and attributes, and a year then a day is no range', () => {
    const html = '<p>From 2005–2025 the sides drifted.</p><h2 title="2005–2025">September 2020 – 10 November 2020</h2>';
    expect(keepYearRanges(html)).toBe(html);
  });

  it('is wrapped once, however often the pass is run (a pack embeds finished documents)', () => {
    const once = keepYearRanges('<h1>A chronology, 2005–2025</h1>');
    expect(keepYearRanges(once)).toBe(once);
  });
});

describe('a note number after a digit', () => {
  it('is marked to stand apart ("2023⁴¹" read as a power), inside inline elements too', () => {
    expect(markNotesAfterDigits('in 2023<sup class="fn-ref"><a href="#note-41">41</a></sup>')).toBe(
      'in 2023<sup class="fn-ref after-digit"><a href="#note-41">41</a></sup>',
    );
    expect(markNotesAfterDigits('<strong>Drills of 2021</strong><sup class="fn-ref">3</sup>')).toBe(
      '<strong>Drills of 2021</strong><sup class="fn-ref after-digit">3</sup>',
    );
  });

  it('stays tight after a letter, and after a closing quote', () => {
    const html = 'a word<sup class="fn-ref">1</sup> <q>in 2023</q><sup class="fn-ref">2</sup>';
    expect(markNotesAfterDigits(html)).toBe(html);
    expect(lineBreaks(html)).toBe(html);
  });
});
