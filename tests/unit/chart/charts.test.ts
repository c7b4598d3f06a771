// chart: SVG in Node, labels measured with the bundled fonts, built-in timeline and stance charts.
import { describe, expect, it } from 'vitest';
import { createChartRenderer, MAX_MARKS } from '../../../pipeline/chart/index.ts';
import { stanceAlt, timelineAlt } from '../../../pipeline/chart/alt-text.ts';
import { abbreviationsNote, stanceSpec } from '../../../pipeline/chart/builtin.ts';
import { timelineSpec } from '../../../pipeline/chart/timeline.ts';
import { makeTextWidth } from '../../../pipeline/chart/text-metrics.ts';
import { bundledFonts } from '../../../pipeline/config/fonts.ts';
import { edtfBounds } from '../../../pipeline/core/edtf.ts';
import type { CorpusEvent } from '../../../pipeline/model/index.ts';

const fonts = bundledFonts();
const renderer = createChartRenderer(fonts);

function event(id: string, date: string, category: CorpusEvent['category'] = 'diplomacy'): CorpusEvent {
  return {
    id,
    date,
    title: id,
    category,
    actors: ['AZ'],
    evidence: [],
    dated_otherwise: [],
    bounds: edtfBounds(date)!,
    at: { file: 'x', line: 1, column: 1 },
  };
}

describe('text metrics', () => {
  const width = makeTextWidth(fonts);
  it('measures real glyph widths, not 0.8 em a character', () => {
    const w = width({ font: 'Brief Sans', fontSize: 10 }, 'Illinois');
    expect(w).toBeGreaterThan(20);
    expect(w).toBeLessThan(0.8 * 10 * 8 * 0.6);
    expect(width({ font: 'Brief Sans', fontSize: 10, fontWeight: 'bold' }, 'Azerbaijan')).toBeGreaterThan(
      width({ font: 'Brief Sans', fontSize: 10 }, 'Azerbaijan'),
    );
  });
  it('measures Azerbaijani letters from the latin-ext subset and numbers as text', () => {
    expect(width({ font: 'Brief Sans', fontSize: 10 }, 'Əliyev')).toBeGreaterThan(15);
    expect(width({ font: 'Brief Sans', fontSize: 10 }, 12 as unknown as string)).toBeGreaterThan(5);
  });
});

describe('charts', () => {
  it('draws a bar chart to SVG without cutting its labels', async () => {
    const labels = ['Turkey–Azerbaijan and partners', 'Iran with Russia'];
    const chart = await renderer.render('bars', {
      title: 'Exercises',
      width: 200,
      height: 100,
      data: { values: labels.map((l, i) => ({ bloc: l, n: i + 1 })) },
      mark: 'bar',
      encoding: { y: { field: 'bloc', type: 'nominal' }, x: { field: 'n', type: 'quantitative' } },
    });
    expect(chart.svg.startsWith('<svg')).toBe(true);
    for (const l of labels) expect(chart.svg).toContain(`>${l}<`);
    expect(chart.svg).not.toContain('…');
    // The longest label is about 140 px at 10.5 px: the chart grew by that much, not by 0.8 em a character.
    expect(chart.width).toBeGreaterThan(200 + 100);
    expect(chart.width).toBeLessThan(200 + 0.8 * 10.5 * labels[0]!.length);
    expect(chart.svg).not.toMatch(/<script|href="http/);
  });

  it('draws day-precise events as points and vaguer ones as bars', async () => {
    const spec = timelineSpec(
      [event('a', '2021-06-15'), event('b', '2021-10'), event('c', '2022-12/2023-06', 'incident')],
      'category',
      (k) => k,
      'Timeline',
    );
    const layers = spec.layer as {
      data: { values: { point?: boolean; start?: string; end?: string; label?: string }[] };
    }[];
    const values = layers.at(-1)!.data.values;
    expect(values.map((v) => v.point)).toEqual([true, false, false]);
    expect(values[2]).toMatchObject({ start: '2022-12-01', end: '2023-06-30' });
    const chart = await renderer.render('timeline', spec);
    expect(chart.svg).toContain('role-mark');
    expect(chart.description).toMatch(/Points: events dated to the day/);
  });

  it('draws an event with an open start without failing', async () => {
    const spec = timelineSpec([event('a', '../2021'), event('b', '2021-06-15')], 'category', (k) => k, 'Timeline');
    const chart = await renderer.render('timeline', spec);
    expect(chart.svg).toContain('<svg');
  });

  it('refuses to load data from a URL while drawing', async () => {
    await expect(
      renderer.render('remote', {
        data: { url: 'http://127.0.0.1:9/x.csv' },
        mark: 'point',
        encoding: { x: { field: 'a', type: 'quantitative' } },
      }),
    ).rejects.toThrow(/may not load/);
  });

  it('widens the crowded years of a long timeline and says so', () => {
    const sparse = ['2005', '2008', '2012', '2016'].map((d, i) => event(`s${i}`, d));
    const dense = Array.from({ length: 30 }, (_, i) =>
      event(`d${i}`, `${2021 + (i % 4)}-${String((i % 12) + 1).padStart(2, '0')}`),
    );
    const spec = timelineSpec([...sparse, ...dense], 'category', (k) => k, 'Timeline');
    expect((spec.title as { subtitle: string }).subtitle).toMatch(/The scale is wider from 20\d\d on/);
    const ticks = (spec.layer as { data: { values: { year: number; px: number }[] } }[])[0]!.data.values;
    const px = (year: string) => ticks.find((t) => t.year === Number(year))?.px;
    // Four dense years get more room than eleven sparse ones.
    expect(px('2023')! - px('2019')!).toBeGreaterThan(px('2016')! - px('2005')!);
  });

  it('shows a silent source as "not addressed", not as neutral', async () => {
    const spec = stanceSpec(
      [
        { sourceLabel: 'A 2021', questionLabel: 'Threat', stance: 0 },
        { sourceLabel: 'B 2022', questionLabel: 'Threat', stance: undefined },
      ],
      'Stances',
    );
    const chart = await renderer.render('stances', spec);
    expect(chart.svg).toContain('>not addressed<');
    expect(chart.svg).toContain('>0<');
  });

  it('spells out in its caption the actor ids its question labels abbreviate (the executive comparison never did)', () => {
    const cells = [
      { sourceLabel: 'A 2021', questionLabel: 'TR–AZ threat to Iran', stance: 1 },
      { sourceLabel: 'A 2021', questionLabel: 'AZ–IR normalisation', stance: -1 },
      { sourceLabel: 'A 2021', questionLabel: 'Who drove the crisis', stance: 0 },
    ];
    const names = new Map([
      ['AZ', 'Azerbaijan'],
      ['IR', 'Iran'],
      ['TR', 'Turkey'],
      ['RU', 'Russia'],
    ]);
    const note = abbreviationsNote(cells, names);
    expect(note).toBe('In the questions, AZ = Azerbaijan, IR = Iran, TR = Turkey.');
    expect((stanceSpec(cells, 'Stances', note).title as { subtitle: string }).subtitle).toMatch(
      /the high end\. In the questions, AZ = Azerbaijan, IR = Iran, TR = Turkey\.$/,
    );
    expect(stanceAlt(cells, 'Stances', note)).toContain('TR = Turkey');
    // Labels that abbreviate nothing the corpus names need no note.
    expect(abbreviationsNote([cells[2]!], names)).toBeUndefined();
    expect(abbreviationsNote([{ ...cells[0]!, questionLabel: 'NATO’s role' }], names)).toBeUndefined();
  });

  it('does not mutate the spec it is given', async () => {
    const spec = {
      title: 'T',
      data: { values: [{ x: 1 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' } },
    };
    const before = JSON.stringify(spec);
    await renderer.render('p', spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('gives the same SVG for the same spec', async () => {
    const spec = {
      title: 'T',
      data: { values: [{ x: 1 }, { x: 2 }] },
      mark: 'bar',
      encoding: { x: { field: 'x', type: 'ordinal' }, y: { aggregate: 'count', type: 'quantitative' } },
    };
    expect((await renderer.render('p', spec)).svg).toBe((await renderer.render('p', spec)).svg);
  });
});

describe('a chart too dense to print', () => {
  const points = (n: number) => ({
    title: 'Every drill',
    mark: 'point',
    width: 300,
    height: 120,
    data: { values: Array.from({ length: n }, (_, i) => ({ troops: i, bloc: i % 2 ? 'a' : 'b' })) },
    encoding: { x: { field: 'troops', type: 'quantitative' }, y: { field: 'bloc', type: 'nominal' } },
  });
  it('is refused with the count and the limit, before any SVG is made', async () => {
    await expect(renderer.render('dense', points(MAX_MARKS + 1))).rejects.toThrow(
      /would draw 5,0\d\d marks, and the limit is 5,000/,
    );
  });
  it('draws 50,000 rows aggregated to a few bars', async () => {
    const rows = points(50_000);
    const chart = await renderer.render('bars', {
      ...rows,
      mark: 'bar',
      encoding: { x: { field: 'bloc', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative' } },
    });
    expect(chart.svg).toContain('<svg');
  });

  it('is one figure for assistive technology: no ARIA on marks or axes, the SVG hidden, the alt text on the chart', async () => {
    const chart = await renderer.render('p', {
      title: 'Drills',
      description: 'Two bars.',
      data: { values: [{ x: 'a' }, { x: 'b' }] },
      mark: 'bar',
      encoding: { x: { field: 'x', type: 'nominal' }, y: { aggregate: 'count', type: 'quantitative' } },
    });
    expect(chart.svg).not.toMatch(/\srole="|aria-label|aria-roledescription/);
    expect(chart.svg).toMatch(/^<svg aria-hidden="true"/);
    expect(chart.alt).toBe('Drills: Two bars.');
  });
});

describe('alternate text of the built-in charts', () => {
  it('says every stance the matrix shows, and which cells are blank', () => {
    const alt = stanceAlt(
      [
        { sourceLabel: 'A 2021', questionLabel: 'Threat', stance: 1.5 },
        { sourceLabel: 'B 2022', questionLabel: 'Threat', stance: undefined },
        { sourceLabel: 'A 2021', questionLabel: 'Trade', stance: -2 },
        { sourceLabel: 'B 2022', questionLabel: 'Trade', stance: 0 },
      ],
      'Where the sources stand',
    );
    expect(alt).toContain('mean stance of 2 sources on 2 questions');
    expect(alt).toContain('1 cell not addressed');
    expect(alt).toContain('Threat: A 2021 +1.5, B 2022 not addressed; Trade: A 2021 \u22122, B 2022 0.');
  });

  it('says how many events the timeline shows, over which years, in which lanes', () => {
    const events = [event('a', '2021-03-01'), event('b', '2022-05'), event('c', '2022-07-02', 'economy')];
    const alt = timelineAlt(events, 'category', (k) => k.replace(/^./, (c) => c.toUpperCase()), 'Timeline of events');
    expect(alt).toBe(
      'Timeline of events: 3 events from 2021 to 2022, in 2 lanes by category: Diplomacy (2), Economy (1). ' +
        'The most fall in 2022 (2). Exact days are drawn as points, vaguer dates as bars over their range, each numbered as in the table of entries.',
    );
  });
});
