// Anchoring on short texts written for these tests: each defect of real captures, with the
// quote that must anchor beside altered quotes that must not.
import { describe, expect, it } from 'vitest';
import { findQuote, prepareText, type Anchor } from '../../../pipeline/anchor/index.ts';
import { describeQuote } from '../../../pipeline/anchor/selector.ts';

const anchor = (text: string, quote: string, excluded: { start: number; end: number }[] = []): Anchor =>
  findQuote(prepareText(text, excluded), quote);
const status = (text: string, quote: string) => anchor(text, quote).status;

describe('exact and normalized', () => {
  const text = 'Trade grew by 8% in 2023.\nTehran said the drills were “not a threat” to anyone –\nthey were routine.';
  it('finds an exact quote with its offsets in UTF-16 units', () => {
    expect(anchor(text, 'Trade grew by 8% in 2023')).toEqual({ status: 'exact', start: 0, end: 24 });
    const astral = '𝐀 note: the leaders met in Şuşa.';
    expect(anchor(astral, 'the leaders met in Şuşa')).toMatchObject({ status: 'exact', start: 9, end: 32 });
  });
  it('folds curly quotes, dashes and line breaks', () => {
    const a = anchor(text, 'the drills were "not a threat" to anyone - they were routine');
    expect(a.status).toBe('normalized');
    expect(text.slice(a.start, a.end)).toBe('the drills were “not a threat” to anyone –\nthey were routine');
  });
  it('folds Unicode compatibility forms, no-break spaces and soft hyphens', () => {
    expect(
      status('The ﬁrst\u00A0phase of the re\u00ADarmament began.', 'The first phase of the rearmament began.'),
    ).toBe('normalized');
  });
  it('reads Markdown emphasis and escapes as plain text', () => {
    const md = 'Moscow prefers the *status quo* and trade of \\$600 million, the **largest** ever.';
    expect(status(md, 'Moscow prefers the status quo and trade of $600 million, the largest ever.')).toBe('normalized');
    expect(status(md, 'trade of $700 million')).toBe('not-found');
  });
  it('takes any quotation mark for any other', () => {
    expect(status('Iran\'s "Look East" policy', 'Iran’s ‘Look East’ policy')).toBe('normalized');
  });
  it('ignores case and Turkish dotted capitals', () => {
    expect(status('İLHAM ƏLIYEV SAID SO.', 'İlham Əliyev said so.')).toBe('normalized');
  });
});

describe('footnote markers', () => {
  it.each([
    [
      'superscript glued to a word',
      'Relations cooled sharply.¹ Then trade fell.',
      'Relations cooled sharply. Then trade fell.',
    ],
    [
      'superscript after a comma',
      'competition to the IRGC,³ subdued the opposition',
      'competition to the IRGC, subdued the opposition',
    ],
    [
      'plain digits after a full stop',
      'under U.S. sanctions.37 Eventually the deal collapsed',
      'under U.S. sanctions. Eventually the deal collapsed',
    ],
    [
      'plain digits glued to a comma',
      'the biggest supplier for the EU,6 Russia was',
      'the biggest supplier for the EU, Russia was',
    ],
    [
      'LaTeX superscripts',
      'the gas deal with Turkmenistan$^{\\rm 17}$ collapsed in 2022',
      'the gas deal with Turkmenistan collapsed in 2022',
    ],
  ])('%s', (_, text, quote) => {
    expect(status(text, quote)).toBe('normalized');
  });
  it('keeps real numbers that follow punctuation', () => {
    expect(status('In the war, 44 days passed.', 'In the war, 44 days passed.')).toBe('exact');
    expect(status('In the war, 44 days passed.', 'In the war, 45 days passed.')).toBe('not-found');
    expect(status('In the war, 44 days passed.', 'In the war, days passed.')).toBe('not-found');
    expect(status('In the war,44 days passed.', 'In the war,44 days passed.')).toBe('exact');
    // A spaced number after a comma is a marker only between markers of its own sequence.
    expect(
      status(
        'has never been uncontested, 5 but the principle held',
        'has never been uncontested, but the principle held',
      ),
    ).toBe('not-found');
    const footnoted =
      'Trade fell.⁴ The policy has never been uncontested, 5 but the principle held across the EU,6 and beyond.';
    expect(status(footnoted, 'The policy has never been uncontested, but the principle held')).toBe('normalized');
    expect(status(footnoted, 'The policy has never been uncontested, 6 but the principle held')).toBe('not-found');
    expect(status('Trade fell.⁴ In the war, 44 days passed, and the EU,6 met.', 'In the war, days passed')).toBe(
      'not-found',
    );
  });
});

describe('breaks and interruptions', () => {
  it('joins a word hyphenated across a line break', () => {
    expect(
      status(
        'The common denominator of these initi-\natives was clear.',
        'The common denominator of these initiatives was clear.',
      ),
    ).toBe('normalized');
    expect(status('a Turkish-\nAzerbaijani drill', 'a Turkish-Azerbaijani drill')).toBe('normalized');
  });
  it('reads across a page break in mid-sentence', () => {
    expect(
      status(
        'the effect of the wars have\n\nchanged the landscape of the region',
        'the effect of the wars have changed the landscape',
      ),
    ).toBe('normalized');
  });
  it('jumps a photo caption that interrupts a sentence', () => {
    const text =
      'The conflicts in Syria and Gaza have\n\n\n\nSoldiers on the river bank. (Photo: archive)\n\nchanged the security landscape for good.';
    const a = anchor(text, 'The conflicts in Syria and Gaza have changed the security landscape');
    expect(a.status).toBe('fuzzy');
    expect(a.score).toBeLessThan(1);
    expect(text.slice(a.start, a.end)).toMatch(/^The conflicts.*landscape$/s);
  });
  it('jumps a long block of footnotes, even in mid-word', () => {
    const notes = Array.from(
      { length: 40 },
      (_, i) => `${i + 1} A. Author, "A title about the region," Journal, 2021, https://example.org/${i}.`,
    ).join('\n\n');
    const text = `The common denominator between these initi-\n\n${notes}\n\natives was that Iran was engaged as a stake-holder.`;
    expect(text.length).toBeGreaterThan(2500);
    expect(status(text, 'The common denominator between these initiatives was that Iran was engaged')).toBe('fuzzy');
    expect(status(text, 'The common denominator between these initiatives was that Iran was not engaged')).toBe(
      'not-found',
    );
  });
  it('lets a quote drop the comma and marker left at a break', () => {
    const text =
      'Trade with Iran is surging, ¹⁷\n\n¹⁷ D. Jones, "A note," 2023.\n\nin 2023 by an impressive 42%. Then more.';
    expect(status(text, 'Trade with Iran is surging in 2023 by an impressive 42%.')).toBe('fuzzy');
    expect(status(text, 'Trade with Iran is surging in 2023 by an impressive 24%.')).toBe('not-found');
  });
  it('accepts a letter lost as a drop capital, as fuzzy', () => {
    const text = 'Conceptually,\n\nran does not have a sphere of influence in the region.';
    expect(status(text, 'Conceptually, Iran does not have a sphere of influence')).toBe('fuzzy');
    expect(status(text, 'Iran does not have a sphere of influence')).toBe('fuzzy');
    expect(status(text, 'Iran does have a sphere of influence')).toBe('not-found');
  });
  it('does not jump where the text does not break its line', () => {
    expect(status('Iran does not have a sphere of influence here.', 'Iran does have a sphere of influence')).toBe(
      'not-found',
    );
  });
});

describe('ellipses', () => {
  const text =
    'Baku and Ankara are moving fast. They share procurement plans, staff colleges and doctrine. The goal is one military.';
  it('marks an elided quote as such', () => {
    expect(anchor(text, 'Baku and Ankara are moving fast … The goal is one military')).toMatchObject({
      status: 'normalized',
      elided: true,
    });
  });
  it.each([
    'Baku and Ankara are moving fast … The goal is one military',
    'Baku and Ankara are moving fast ... The goal is one military',
    'Baku and Ankara are moving fast […] The goal is one military',
  ])('anchors "%s"', (quote) => {
    expect(status(text, quote)).toBe('normalized');
  });
  it('refuses parts out of order, too far apart, or too short to place', () => {
    expect(status(text, 'The goal is one military … Baku and Ankara are moving fast')).toBe('not-found');
    expect(
      status(
        `Baku and Ankara are moving fast. ${'Filler text here. '.repeat(60)}The goal is one military.`,
        'Baku and Ankara are moving fast … The goal is one military',
      ),
    ).toBe('not-found');
    expect(
      status(
        'Baku and Ankara are moving fast.\n\nThe goal is one military.',
        'Baku and Ankara are moving fast … The goal is one military',
      ),
    ).toBe('not-found');
    expect(status(text, 'Baku … military')).toBe('not-found');
  });
});

describe('altered quotes never anchor', () => {
  const text =
    'In October 2021 the IRGC held an unprecedented exercise with 50,000 troops near the border.\n\nBaku said it was not a threat.';
  it.each([
    ['a changed digit', 'In October 2022 the IRGC held an unprecedented exercise'],
    ['a changed figure', 'an unprecedented exercise with 60,000 troops'],
    ['an added negation', 'Baku said it was not not a threat'],
    ['a removed negation', 'Baku said it was a threat'],
    ['an added word', 'the IRGC held an unprecedented large exercise'],
    ['a removed word', 'the IRGC held an exercise with 50,000 troops'],
    ['a replaced word', 'the army held an unprecedented exercise'],
    ['a moved word', 'the IRGC held an exercise unprecedented with 50,000 troops'],
    ['another name', 'Tehran said it was not a threat'],
    ['two sentences stitched across the paragraph break', 'near the border. Tehran said it was not a threat'],
  ])('%s', (_, quote) => {
    expect(status(text, quote)).toBe('not-found');
  });
  it.each([
    ['a word inside a longer word', 'Talks are unlikely to succeed.', 'likely to succeed'],
    ['a number inside a longer number', 'They sent 2,500 troops to the border.', '500 troops to the border'],
    ['a number cut short', 'The army lost 150 tanks.', 'The army lost 15'],
    ['a prefix dropped', 'Iran is a non-nuclear weapons state.', 'nuclear weapons state'],
    [
      'a word alone on a line',
      'Baku insists the drills are\nnot\naimed at Iran.',
      'Baku insists the drills are aimed at Iran.',
    ],
    [
      'a clause on its own line',
      'Ankara would\nnever, under any circumstances,\nallow a corridor there.',
      'Ankara would allow a corridor there.',
    ],
    [
      'paragraphs stitched together',
      'Baku wants calm\n\nTehran wants talks.\n\nboth sides want trade.',
      'Baku wants calm both sides want trade.',
    ],
    ['digits after a thousands comma', 'The war cost 2,500 lives.', 'The war cost 2 lives.'],
    ['digits after a decimal point', 'Growth was 1.25 percent.', 'Growth was 1. percent.'],
    [
      'a lowercase letter "lost" at a line start',
      'This behaviour is\ntypical of the region.',
      'This behaviour is atypical of the region.',
    ],
    [
      'a negation cut by an ellipsis across paragraphs',
      'The government will\n\nnever accept it. Later, it may accept the corridor under any circumstances.',
      'The government will … accept the corridor under any circumstances',
    ],
  ])('%s (review case)', (_, text, quote) => {
    expect(status(text, quote)).toBe('not-found');
  });
  it('the original, beside them, does anchor', () => {
    expect(status(text, 'In October 2021 the IRGC held an unprecedented exercise with 50,000 troops')).toBe('exact');
  });
});

describe('excluded ranges', () => {
  const article = 'The author argues that the corridor is a threat.\n';
  const comments = 'Reader 1: the corridor is a threat to everyone.\nReader 2: nonsense.\n';
  const text = article + comments;
  const excluded = [{ start: article.length, end: text.length }];
  it('marks a quote found only in an excluded part as excluded', () => {
    expect(anchor(text, 'the corridor is a threat to everyone', excluded).status).toBe('excluded');
  });
  it('anchors the author’s own words outside it', () => {
    expect(anchor(text, 'the corridor is a threat', excluded)).toMatchObject({ status: 'exact', start: 23 });
  });
});

describe('selectors', () => {
  it('grows prefix and suffix until the quote is unique', () => {
    const text = 'alpha beta gamma. delta beta gamma. epsilon';
    const start = text.indexOf('beta gamma', 10);
    const s = describeQuote(text, start, start + 'beta gamma'.length);
    expect(s.exact).toBe('beta gamma');
    expect(text.indexOf(s.prefix + s.exact + s.suffix)).toBe(start - s.prefix.length);
    expect(text.split(s.prefix + s.exact + s.suffix).length).toBe(2);
  });
});

describe('an ellipsis across a page break', () => {
  const notes = Array.from(
    { length: 40 },
    (_, i) => `${i + 1} A. Author, "A title about the region," Journal, 2021, https://example.org/${i}.`,
  ).join('\n\n');
  const quote = 'Baku and Ankara are moving fast … The goal is one military';
  it('omits a part that a page break cuts in mid-sentence', () => {
    expect(
      anchor(
        'Baku and Ankara are moving fast. They share procurement plans, staff\n\ncolleges and doctrine. The goal is one military.',
        quote,
      ),
    ).toMatchObject({ status: 'normalized', elided: true });
  });
  it('omits a part that a block of notes interrupts, the notes not counted as omitted prose', () => {
    const text = `Baku and Ankara are moving fast. They share procurement plans, staff\n\n${notes}\n\ncolleges and doctrine. The goal is one military.`;
    const a = anchor(text, quote);
    expect(a.status).not.toBe('not-found');
    expect(text.slice(a.start, a.end)).toMatch(/^Baku.*military$/s);
    expect(status(text, 'Baku and Ankara are moving fast … The goal is one army')).toBe('not-found');
    expect(status(text, 'Baku and Ankara are moving slowly … The goal is one military')).toBe('not-found');
  });
  it('still refuses a gap across a paragraph, or prose between the notes', () => {
    expect(
      status(`Baku and Ankara are moving fast. They share plans.\n\n${notes}\n\nThe goal is one military.`, quote),
    ).toBe('not-found');
    expect(
      status(
        'Baku and Ankara are moving fast. They share procurement plans, staff\n\nA new paragraph of prose begins here.\n\ncolleges and doctrine. The goal is one military.',
        quote,
      ),
    ).toBe('not-found');
  });
});

describe('a sentence that resumes after a long block of notes at a page break', () => {
  it('anchors, and the altered quote does not', () => {
    const notes = Array.from(
      { length: 60 },
      (_, i) => `${i + 1} See B. Writer, "Security in the Caucasus," Review ${i}, 2022, pp. ${i}–${i + 9}.`,
    ).join('\n');
    const text = `The common denominator between these initiatives was\n\n${notes}\n\nthat Iran was engaged as a stake-holder.`;
    expect(status(text, 'The common denominator between these initiatives was that Iran was engaged')).not.toBe(
      'not-found',
    );
    expect(status(text, 'The common denominator between these initiatives was that Iran was not engaged')).toBe(
      'not-found',
    );
  });
});

describe('an ellipsis that leaves out a negation', () => {
  it('is refused, within a paragraph as across a page break', () => {
    expect(
      status(
        'The government will never accept it. Later, it may accept the corridor under any circumstances.',
        'The government will … accept the corridor under any circumstances',
      ),
    ).toBe('not-found');
    expect(
      status(
        "Ankara says it won't join. It will join the talks on the corridor next year.",
        'Ankara says it … will join the talks on the corridor',
      ),
    ).toBe('not-found');
    expect(
      status(
        'Ankara says it will wait. It will join the talks on the corridor next year.',
        'Ankara says it … will join the talks on the corridor',
      ),
    ).toBe('normalized');
  });
});
