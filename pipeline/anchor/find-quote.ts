// anchor: one quote in one text → an Anchor (status, span, score), honouring excluded ranges.
import { findFolded, lineStarts, type Match } from './match.ts';
import { foldQuote, foldText, quoteCapitals, quoteParts, type Folded } from './normalize.ts';
import { onBoundaries } from './boundaries.ts';
import { interruptionCheck, paragraphStartCheck } from './interruptions.ts';

export const AnchorStatus = {
  exact: 'exact',
  normalized: 'normalized',
  fuzzy: 'fuzzy',
  notFound: 'not-found',
  excluded: 'excluded',
  noText: 'no-text',
} as const;
export type AnchorStatus = (typeof AnchorStatus)[keyof typeof AnchorStatus];

export interface Anchor {
  readonly status: AnchorStatus;
  /** Span in the original text, in UTF-16 code units (JavaScript string indices). */
  readonly start?: number;
  readonly end?: number;
  /** For fuzzy anchors: 1 minus penalties for interruptions jumped and letters lost. */
  readonly score?: number;
  /** The quote marks an omission (…) and its parts were found in order within one paragraph. */
  readonly elided?: boolean;
}

/** A half-open range of the original text, [start, end). */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** A text prepared once and searched for many quotes. */
export interface PreparedText {
  readonly text: string;
  readonly excluded: readonly Range[];
  /** Folded without, then with, plain-digit footnote markers; excluded characters masked with NUL. */
  readonly passes: readonly Pass[];
}

interface Pass {
  readonly folded: Folded;
  readonly masked: string;
  readonly starts: number[];
  readonly canSkip: (from: number, to: number) => boolean;
  readonly paragraphStart: (at: number) => boolean;
}

const inRanges = (offset: number, ranges: readonly Range[]) => ranges.some((r) => offset >= r.start && offset < r.end);

/**
 * A text made ready for quotes. Its folded forms are made only when a quote is not found as it
 * is written, which is almost never: most texts are never folded at all.
 */
export function prepareText(text: string, excluded: readonly Range[] = []): PreparedText {
  let passes: PreparedText['passes'] | undefined;
  return {
    text,
    excluded,
    get passes() {
      passes ??= [false, true].map((plain) => {
        const folded = foldText(text, plain);
        // Unit by unit, as the map is: by characters (Array.from), each emoji before an excluded part
        // moved its mask one place on, and a quote from the reader comments was taken for the author's.
        const masked = excluded.length
          ? folded.text
              .split('')
              .map((ch, i) => (inRanges(folded.map[i]!, excluded) ? '\u0000' : ch))
              .join('')
          : folded.text;
        return {
          folded,
          masked,
          starts: lineStarts(folded.text),
          canSkip: interruptionCheck(text, folded),
          paragraphStart: paragraphStartCheck(text, folded),
        };
      });
      return passes;
    },
  };
}

const MIN_PART_WORDS = 3;
/** An ellipsis part must start within this many folded characters of prose after the last. */
const MAX_ELLIPSIS_GAP = 600;

/** Words whose omission turns a statement round: an ellipsis may not leave one out. */
const NEGATION = /\b(?:not|never|no|nor|neither|none|nothing|nobody|nowhere|cannot|without)\b|n['\u2019]t\b/i;

/**
 * The prose omitted between two ellipsis parts, or undefined when an ellipsis may not omit it:
 * it leaves the paragraph, or it holds a negation ("will … accept" for "will never accept it.
 * Later, it may accept"). It may cross a page break in mid-sentence, and the block of notes or
 * furniture printed there, which is not prose and does not count towards its length.
 */
function omittedProse(text: string, from: number, to: number, pass: Pass): string | undefined {
  const first = text.indexOf('\n', from);
  const last = text.lastIndexOf('\n', to - 1);
  const prose =
    first < 0 || first >= to
      ? text.slice(from, to)
      : pass.canSkip(first, last + 1)
        ? `${text.slice(from, first)} ${text.slice(last + 1, to)}`
        : undefined;
  return prose === undefined || NEGATION.test(prose) ? undefined : prose;
}

/** All parts in order, each starting close after the last in the same paragraph; undefined if any is missing. */
function matchParts(
  text: string,
  parts: readonly string[],
  pass: Pass,
  capitals: readonly boolean[] | undefined,
): Match[] | undefined {
  const found: Match[] = [];
  for (const [i, part] of parts.entries()) {
    const previous = found.at(-1);
    // The first occurrence after the last part: a later one could only omit more.
    const m = findFolded(text, part, pass.starts, {
      from: previous?.end ?? 0,
      canSkip: pass.canSkip,
      paragraphStart: pass.paragraphStart,
      ...(i === 0 && capitals ? { capitals } : {}),
    });
    if (!m) return undefined;
    if (previous) {
      const omitted = omittedProse(text, previous.end, m.start, pass);
      if (omitted === undefined || omitted.length > MAX_ELLIPSIS_GAP) return undefined;
    }
    found.push(m);
  }
  return found;
}

export function findQuote(prepared: PreparedText, quote: string): Anchor {
  const { text, excluded } = prepared;
  // Nothing to verify; and "" is at every offset, which step 1 would try for ever (indexOf stops at the end).
  if (quote === '') return { status: 'not-found' };
  // 1. Exactly as written, outside the excluded ranges.
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    const end = i + quote.length;
    // Whole words only: "likely" is not in "unlikely", "500 troops" not in "2,500 troops".
    if (onBoundaries(text, i, end, quote) && !inRanges(i, excluded) && !inRanges(end - 1, excluded))
      return { status: 'exact', start: i, end };
  }
  const rawParts = quoteParts(quote);
  const parts = rawParts.map(foldQuote).filter(Boolean);
  const capitals = rawParts[0] === undefined ? undefined : quoteCapitals(rawParts[0]);
  const hasEllipsis = parts.length > 1;
  // An ellipsis part of a word or two could be found anywhere: refuse rather than guess.
  if (hasEllipsis && parts.some((p) => p.split(' ').length < MIN_PART_WORDS)) return { status: 'not-found' };
  if (parts.length === 0) return { status: 'not-found' };

  const search = (masked: boolean): Anchor | undefined => {
    for (const pass of prepared.passes) {
      const matches = matchParts(masked ? pass.masked : pass.folded.text, parts, pass, capitals);
      if (!matches) continue;
      const first = matches[0]!;
      const last = matches[matches.length - 1]!;
      const skips = matches.reduce((n, m) => n + m.skips, 0);
      const lost = matches.reduce((n, m) => n + m.lost, 0);
      const start = pass.folded.map[first.start]!;
      // The whole of the last character: an emoji is two units, and the span must not end between them.
      const lastAt = pass.folded.map[last.end - 1]!;
      const end = lastAt + (text.codePointAt(lastAt)! > 0xffff ? 2 : 1);
      const elided = hasEllipsis ? { elided: true } : {};
      if (skips === 0 && lost === 0) return { status: 'normalized', start, end, ...elided };
      const score = Math.round((1 - 0.05 * skips - 0.1 * lost) * 100) / 100;
      return { status: 'fuzzy', start, end, score, ...elided };
    }
    return undefined;
  };
  const outside = search(true);
  if (outside) return outside;
  if (excluded.length && search(false)) return { status: 'excluded' };
  return { status: 'not-found' };
}
