// anchor: properties over random texts and quotes (fast-check). findQuote never throws and its
// anchors lie in the text; a quote copied from the text is found; a quote with a digit changed,
// a "not" put in or taken out, or two words swapped is not; a long text is searched in bounded time.
// find-quote.test.ts holds the hand-made cases these generalise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnchorStatus, findQuote, prepareText, type Anchor, type Range } from '../../../pipeline/anchor/index.ts';
import { isInterruptionLine } from '../../../pipeline/anchor/interruptions.ts';
import { nearestPassage } from '../../../pipeline/anchor/nearest.ts';
import { foldText } from '../../../pipeline/anchor/normalize.ts';

// ---------------------------------------------------------------------------------------------
// Texts: words, and every kind of character the folding treats specially.

const WORDS = [
  'Baku',
  'Tehran',
  'Ankara',
  'the',
  'drills',
  'were',
  'not',
  'a',
  'threat',
  'troops',
  'border',
  'Şuşa',
  'İlham',
  'Əliyev',
  'trade',
  'grew',
  'by',
  'in',
  'said',
  'never',
  'initi',
  'atives',
  'stake-holder',
  'Iran’s',
  'non-nuclear',
  'Conceptually',
  'ran',
];
const PIECES = [
  ' ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '\n\n\n',
  '\r\n',
  '\t',
  '\u00A0',
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '-',
  '-\n',
  '–',
  '—',
  '…',
  '...',
  '[…]',
  '“',
  '”',
  '"',
  "'",
  '’',
  '‘',
  '«',
  '»',
  '¹',
  '²⁴',
  '$^{17}$',
  '$^{\\rm 3}$',
  '*',
  '**',
  '_',
  '<b>',
  '</b>',
  '\\$',
  '\\',
  '\u00AD',
  '\u200B',
  '\uFEFF',
  '\u0000',
  '\uD800',
  'ﬁ',
  'ß',
  'İ',
  '𝐀',
  '(Photo: archive)',
  '©',
  'https://example.org/x',
  'www.',
  'doi',
  'page 12',
  '\n12 ',
  '.37 ',
  ',6 ',
  ', 5 ',
  '2,500',
  '1.25',
  '50,000',
  '#',
  '[',
  ']',
  '(',
  ')',
  '@',
];
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
);
const texty = (maxLength: number) => fc.array(piece, { maxLength }).map((p) => p.join(''));

const splitsPair = (text: string, at: number) =>
  /[\uD800-\uDBFF]/.test(text[at - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[at] ?? '');

/**
 * Excluded ranges inside `text`, from pairs of random offsets. On character boundaries, as the
 * ranges anchoring makes from a source's exclude snippets are: not between the halves of an emoji.
 */
const rangesIn = (text: string, pairs: readonly [number, number][]): Range[] => {
  const boundary = (offset: number) => (splitsPair(text, offset) ? offset - 1 : offset);
  return pairs
    .map(([a, b]) => [boundary(a % (text.length + 1)), boundary(b % (text.length + 1))].sort((x, y) => x - y))
    .map(([start, end]) => ({ start: start!, end: end! }));
};

const FOUND: readonly string[] = [AnchorStatus.exact, AnchorStatus.normalized, AnchorStatus.fuzzy];
const inRanges = (offset: number, ranges: readonly Range[]) => ranges.some((r) => offset >= r.start && offset < r.end);

/** What every anchor promises, whatever the text and the quote. */
function expectWellFormed(a: Anchor, text: string, quote: string, excluded: readonly Range[]): void {
  expect(Object.values(AnchorStatus)).toContain(a.status);
  expect(a.status, 'findQuote never says no-text: that is for a missing text').not.toBe(AnchorStatus.noText);
  if (excluded.length === 0) expect(a.status).not.toBe(AnchorStatus.excluded);
  const found = FOUND.includes(a.status);
  expect(a.start !== undefined && a.end !== undefined, `a ${a.status} anchor ${found ? 'has' : 'has no'} span`).toBe(
    found,
  );
  if (found) {
    const { start, end } = a as { start: number; end: number };
    expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThanOrEqual(end);
    expect(end).toBeLessThanOrEqual(text.length);
    // The span begins and ends in the author's text (it may run across an excluded block inside).
    if (end > start)
      expect(
        inRanges(start, excluded) || inRanges(end - 1, excluded),
        'an anchor begins or ends in excluded text',
      ).toBe(false);
    // Nor between the two halves of an emoji, unless the quote itself is cut there.
    if (a.status !== AnchorStatus.exact && !/\p{Cs}/u.test(quote)) {
      expect(splitsPair(text, start) || splitsPair(text, end), 'an anchor cuts a character in two').toBe(false);
    }
  }
  if (a.status === AnchorStatus.exact) expect(text.slice(a.start, a.end)).toBe(quote);
  if (a.status === AnchorStatus.fuzzy) {
    expect(Number.isFinite(a.score)).toBe(true);
    expect(a.score!).toBeLessThan(1);
  } else expect(a.score).toBeUndefined();
  if (a.elided) expect(quote).toMatch(/\u2026|\.\s?\.\s?\./);
}

describe('any text, any quote', () => {
  it('never throws, and the anchor is well formed (in the text, exact means verbatim, outside excluded text)', () => {
    fc.assert(
      fc.property(
        texty(80),
        fc.oneof(texty(20), fc.string({ unit: 'binary', maxLength: 30 })),
        fc.nat(),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
        (text, randomQuote, a, b, pairs) => {
          // Half the time a piece of the text itself, so that quotes are found, not only missed.
          const from = a % (text.length + 1);
          const quote = b % 2 ? randomQuote : text.slice(from, from + (b % 60));
          for (const excluded of [[], rangesIn(text, pairs)]) {
            expectWellFormed(findQuote(prepareText(text, excluded), quote), text, quote, excluded);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same anchor from a text prepared once and searched for many quotes as from a fresh one', () => {
    fc.assert(
      fc.property(texty(60), fc.array(fc.oneof(texty(12), fc.nat()), { minLength: 1, maxLength: 5 }), (text, asks) => {
        const quotes = asks.map((q) =>
          typeof q === 'number' ? text.slice(q % (text.length + 1), (q % (text.length + 1)) + 25) : q,
        );
        const shared = prepareText(text);
        for (const quote of quotes) expect(findQuote(shared, quote)).toEqual(findQuote(prepareText(text), quote));
      }),
      { numRuns: 150 },
    );
  });

  it('the nearest passage of a missed quote never throws and lies in the text', () => {
    fc.assert(
      fc.property(texty(80), texty(25), (text, quote) => {
        const near = nearestPassage(text, quote);
        if (!near) return;
        expect(near.line).toBeGreaterThanOrEqual(1);
        expect(near.line).toBeLessThanOrEqual(text.split('\n').length);
        expect(near.overlap).toBeGreaterThanOrEqual(0.5);
        expect(near.overlap).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Quotes copied from the text.

/** The piece of `text` from the a-th word start to the b-th word end after it (words: runs of non-space). */
function wordSlice(text: string, a: number, b: number): string | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  if (starts.length === 0) return undefined;
  const first = a % starts.length;
  const last = first + (b % (starts.length - first));
  return text.slice(starts[first], ends[last]);
}

const quotable = (quote: string | undefined): quote is string =>
  quote !== undefined && quote.length >= 20 && /\p{L}/u.test(quote);

describe('a quote copied from the text', () => {
  it('is found exactly, at a place that holds it verbatim', () => {
    fc.assert(
      fc.property(texty(120), fc.nat(), fc.nat(), (text, a, b) => {
        const quote = wordSlice(text, a, b);
        fc.pre(quotable(quote));
        const found = findQuote(prepareText(text), quote);
        expect(found.status).toBe(AnchorStatus.exact);
        expect(text.slice(found.start, found.end)).toBe(quote);
      }),
      { numRuns: 300 },
    );
  });

  // The text as captured: words broken across lines and pages, curly quotes and dashes, a ligature,
  // footnote markers; the quote as an analyst types it.
  const TYPOGRAPHY: [string, string][] = [
    ["'", '’'],
    ['"', '“'],
    ['-', '–'],
    ['fi', 'ﬁ'],
  ];
  const plainWord = fc.oneof(
    fc.constantFrom(
      'Baku',
      'Tehran',
      'drills',
      'threat',
      'Şuşa',
      'İlham',
      'Əliyev',
      "Iran's",
      'said "no"',
      'first',
      'Turkish-Azerbaijani',
      'well-known',
    ),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzçğışöü'), minLength: 1, maxLength: 9 }),
  );
  const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '  ', '\t', '\u00A0', ' \n '];
  it('is found, exact or normalized, across line breaks, typography and footnote markers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            plainWord,
            fc.constantFrom(...SEPARATORS),
            fc.constantFrom('', '', '', '¹', '²³', '$^{4}$'),
            fc.boolean(),
          ),
          { minLength: 4, maxLength: 40 },
        ),
        fc.nat(),
        fc.nat(),
        (words, a, b) => {
          const first = a % words.length;
          const last = first + (b % (words.length - first));
          const quote = words
            .slice(first, last + 1)
            .map(([w]) => w)
            .join(' ');
          fc.pre(quotable(quote));
          const text = words
            .map(([w, sep, marker, curly], i) => {
              const typeset = curly ? TYPOGRAPHY.reduce((s, [plain, fancy]) => s.split(plain).join(fancy), w) : w;
              // A marker glued to the last word of the quote would make it another word ("threat¹" is not "threat").
              return `${typeset}${i === last ? '' : marker}${sep}`;
            })
            .join('');
          expect([AnchorStatus.exact, AnchorStatus.normalized]).toContain(findQuote(prepareText(text), quote).status);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Altered quotes. The texts are prose without page furniture (no line is a footnote entry,
// reference, caption or page number), so no jump over an interruption could explain a match:
// a quote whose altered form is not in the text must then be missed. find-quote.test.ts,
// "altered quotes never anchor", has the hand-made cases.

// No word is another without its first letter ("ran" of "Iran"): a lost drop capital could explain that.
const PROSE_WORDS = [
  'Baku',
  'Tehran',
  'Ankara',
  'Moscow',
  'the',
  'drills',
  'were',
  'not',
  'a',
  'threat',
  'troops',
  'border',
  'said',
  'it',
  'was',
  'held',
  'an',
  'unprecedented',
  'exercise',
  'near',
  'with',
  'in',
  'October',
  'trade',
  'grew',
  'by',
  'percent',
  'would',
  'never',
  'allow',
  'corridor',
  'there',
  'Şuşa',
  'İlham',
  'Əliyev',
  'leaders',
  'met',
];
const number = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map(String),
  fc.integer({ min: 1, max: 999 }).map((n) => `${n},${String((n * 7) % 1000).padStart(3, '0')}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 1990, max: 2030 }).map(String),
);
const proseToken = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PROSE_WORDS) },
  { weight: 2, arbitrary: number },
);
const proseLine = fc
  .tuple(
    fc.constantFrom(...PROSE_WORDS),
    fc.array(fc.tuple(proseToken, fc.constantFrom('', '', '', '', ',', '.')), { maxLength: 14 }),
  )
  .map(([head, rest]) => [head, ...rest.map(([t, p]) => `${t}${p}`)].join(' '));
const prose = fc
  .array(fc.tuple(proseLine, fc.constantFrom(' ', '\n', '\n\n', '\nnot\n')), { minLength: 1, maxLength: 8 })
  .map((lines) => lines.map(([l, sep]) => `${l}${sep}`).join(''))
  .filter((text) => text.split('\n').every((line) => !line.trim() || !isInterruptionLine(line.trim())));

const folds = (text: string) => [
  text,
  foldText(text, false).text.replace(/\n/g, ' '),
  foldText(text, true).text.replace(/\n/g, ' '),
];
/** The altered quote, folded as anchoring folds it, is in none of the text's folded forms. */
const absent = (text: string, quote: string) => {
  const q = foldText(quote, false).text.replace(/\s+/g, ' ').trim();
  return folds(text).every((t) => !t.includes(q));
};

/** A quote's words (wordSlice keeps the text's own spaces: one between words of one line). */
const words = (quote: string) => quote.split(' ');

describe('an altered quote', () => {
  it('with a digit changed is not found (the changed number is nowhere in the text)', () => {
    fc.assert(
      fc.property(prose, fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 9 }), (text, a, b, which, by) => {
        const quote = wordSlice(text, a, b);
        fc.pre(quotable(quote) && /\d/.test(quote));
        const digits = [...quote.matchAll(/\d/g)].map((m) => m.index);
        const at = digits[which % digits.length]!;
        const altered = `${quote.slice(0, at)}${(Number(quote[at]) + by) % 10}${quote.slice(at + 1)}`;
        // The number the changed digit now belongs to, whole: if the text has it somewhere, the altered
        // quote might truly be there.
        const run = /\d+$/.exec(altered.slice(0, at + 1))![0] + /^\d*/.exec(altered.slice(at + 1))![0];
        fc.pre(![...text.matchAll(/\d+/g)].some((m) => m[0] === run));
        expect(findQuote(prepareText(text), altered).status).toBe(AnchorStatus.notFound);
      }),
      { numRuns: 300 },
    );
  });

  it('with "not" put in or taken out is not found', () => {
    fc.assert(
      fc.property(prose, fc.nat(), fc.nat(), fc.nat(), (text, a, b, where) => {
        const quote = wordSlice(text, a, b);
        fc.pre(quotable(quote));
        const w = words(quote);
        const nots = w.flatMap((word, i) => (word === 'not' ? [i] : []));
        // Take a "not" out when there is one (every other time), else put one in after a word.
        const altered =
          nots.length && where % 2
            ? w.filter((_, i) => i !== nots[where % nots.length]).join(' ')
            : [...w.slice(0, 1 + (where % w.length)), 'not', ...w.slice(1 + (where % w.length))].join(' ');
        fc.pre(absent(text, altered));
        const found = findQuote(prepareText(text), altered);
        expect(found.status).toBe(AnchorStatus.notFound);
      }),
      { numRuns: 300 },
    );
  });

  it('with two words swapped is not found', () => {
    fc.assert(
      fc.property(prose, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (text, a, b, i, j) => {
        const quote = wordSlice(text, a, b);
        fc.pre(quotable(quote));
        const w = words(quote);
        const [x, y] = [i % w.length, j % w.length];
        fc.pre(w[x] !== w[y]);
        [w[x], w[y]] = [w[y]!, w[x]!];
        const altered = w.join(' ');
        fc.pre(absent(text, altered));
        expect(findQuote(prepareText(text), altered).status).toBe(AnchorStatus.notFound);
      }),
      { numRuns: 300 },
    );
  });

  it('is never exact, in any text, when it is not verbatim in the text', () => {
    fc.assert(
      fc.property(
        texty(120),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 2 }),
        (text, a, b, where, how) => {
          const quote = wordSlice(text, a, b);
          fc.pre(quotable(quote));
          const w = words(quote);
          const at = where % w.length;
          const digits = [...quote.matchAll(/\d/g)].map((m) => m.index);
          const altered =
            how === 0 && digits.length
              ? `${quote.slice(0, digits[at % digits.length])}${(Number(quote[digits[at % digits.length]!]) + 1) % 10}${quote.slice(digits[at % digits.length]! + 1)}`
              : how === 1
                ? [...w.slice(0, at + 1), 'not', ...w.slice(at + 1)].join(' ')
                : [...w.slice(0, at), w[at + 1] ?? '', w[at], ...w.slice(at + 2)].join(' ');
          fc.pre(!text.includes(altered));
          const found = findQuote(prepareText(text), altered);
          expect(found.status).not.toBe(AnchorStatus.exact);
          expectWellFormed(found, text, altered, []);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Time. A guard against a search that backtracks or tries every combination of jumps, not a benchmark:
// the bound is many times what the search takes, on a loaded machine too.

/** CPU milliseconds `fn` takes (this process only: others running beside it do not count). */
function cpuMs(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** About `size` characters: the lines, over and over, in an order the seed picks. */
function longText(lines: readonly string[], seed: number, size: number): string {
  const out: string[] = [];
  let length = 0;
  let s = seed >>> 0;
  while (length < size) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const line = lines[s % lines.length]!;
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n');
}

const LONG = 200_000;
const BOUND_MS = 3000;

describe('a long text', () => {
  it(`of ${LONG / 1000} kB, made of a few random lines repeated, is searched for a random quote in under ${BOUND_MS / 1000} s`, () => {
    const line = fc.oneof(
      texty(12),
      proseLine,
      fc.constantFrom('12 the the', 'the the', '1 A. Author, https://example.org', 'page 3', '(Photo: archive)', ''),
    );
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.integer(),
        fc.oneof(texty(30), proseLine),
        (lines, seed, tail) => {
          const text = longText(lines, seed, LONG);
          // A quote made of the text's own lines, with something at its end the text does not have:
          // the search goes a long way down every partial match before it gives up.
          const quote = `${lines.join(' ')} ${tail}`.slice(-400);
          const ms = cpuMs(() => {
            const prepared = prepareText(text);
            findQuote(prepared, quote);
            findQuote(prepared, tail);
            nearestPassage(text, quote);
          });
          expect(ms).toBeLessThan(BOUND_MS);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('regressions found by these properties', () => {
  // Lines that repeat a quote's words between numbered lines (read as footnote entries): from every
  // seed the matcher jumped each numbered line to every later line where the quote could go on,
  // and weighed each jump by reading the lines between again. 2 kB took seconds; 20 kB, minutes.
  it("lines that repeat a quote's words between numbered lines are searched in linear time", () => {
    const text = longText(['12 the the', 'the the'], 1, LONG);
    const ms = cpuMs(() =>
      expect(findQuote(prepareText(text), 'the the the the the the the the the the the the the the x').status).toBe(
        AnchorStatus.notFound,
      ),
    );
    expect(ms).toBeLessThan(BOUND_MS);
  });
  it('so are a hundred thousand one-character lines', () => {
    const text = Array(LONG / 2)
      .fill('#')
      .join('\n');
    const ms = cpuMs(() => expect(findQuote(prepareText(text), '# "').status).toBe(AnchorStatus.notFound));
    expect(ms).toBeLessThan(BOUND_MS);
  });
  it('so are lines that all look like references', () => {
    const text = Array.from({ length: LONG / 4 / 13 }, (_, i) => (i % 2 ? 'xyz www. the' : 'the www. the')).join('\n');
    const ms = cpuMs(() =>
      expect(findQuote(prepareText(text), 'the www. the the www. the the www. the the www. the q').status).toBe(
        AnchorStatus.notFound,
      ),
    );
    expect(ms).toBeLessThan(BOUND_MS);
  });
  it('emoji before an excluded part do not move it: a quote from the reader comments stays excluded', () => {
    const article = `The author likes emoji: ${'😀'.repeat(50)}.\n`;
    const text = `${article}Reader: the “corridor” is a threat to everyone.\n`;
    const excluded = [{ start: article.length, end: text.length }];
    expect(findQuote(prepareText(text, excluded), 'the "corridor" is a threat to everyone').status).toBe(
      AnchorStatus.excluded,
    );
  });
  it('a span that ends in an emoji holds all of it', () => {
    const text = 'He wrote “good news” 😀 and left.';
    const a = findQuote(prepareText(text), 'He wrote "good news" 😀');
    expect(a.status).toBe(AnchorStatus.normalized);
    expect(text.slice(a.start, a.end)).toBe('He wrote “good news” 😀');
  });
  it('an empty quote is not found, at once (indexOf("") at the end of the text looped for ever)', () => {
    expect(findQuote(prepareText(' ', [{ start: 0, end: 1 }]), '')).toEqual({ status: AnchorStatus.notFound });
    expect(findQuote(prepareText('Baku'), '')).toEqual({ status: AnchorStatus.notFound });
  });
  it('a quote of NUL characters does not match the mask over excluded text', () => {
    expect(findQuote(prepareText('Baku', [{ start: 0, end: 4 }]), '\u0000').status).toBe(AnchorStatus.notFound);
  });
  // A jump was weighed with the head of the line the quote goes on in, markup that folding drops
  // ("*" of "*changed*"), counted as a jumped line, which is never furniture.
  it('a sentence that goes on in emphasis after a caption is read across it', () => {
    const text =
      'The conflicts in Syria and Gaza have\n\nSoldiers on the river bank. (Photo: archive)\n\n*changed* the security landscape for good.';
    expect(
      findQuote(prepareText(text), 'The conflicts in Syria and Gaza have changed the security landscape').status,
    ).toBe(AnchorStatus.fuzzy);
    expect(
      findQuote(prepareText(text), 'The conflicts in Syria and Gaza have not changed the security landscape').status,
    ).toBe(AnchorStatus.notFound);
  });
});
