// anchor: one quote in one text → an Anchor (status, span, score), honouring excluded ranges.
import { findFolded, lineStarts, type Match } from './match.ts';
import { foldQuote, foldText, quoteParts, type Folded } from './normalize.ts';

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
  readonly passes: readonly { folded: Folded; masked: string; starts: number[] }[];
}

const inRanges = (offset: number, ranges: readonly Range[]) => ranges.some((r) => offset >= r.start && offset < r.end);

export function prepareText(text: string, excluded: readonly Range[] = []): PreparedText {
  const passes = [false, true].map((plain) => {
    const folded = foldText(text, plain);
    const masked = excluded.length ? Array.from(folded.text, (ch, i) => (inRanges(folded.map[i]!, excluded) ? '\u0000' : ch)).join('') : folded.text;
    return { folded, masked, starts: lineStarts(folded.text) };
  });
  return { text, excluded, passes };
}

const MIN_PART_WORDS = 3;
/** An ellipsis part may start at most this far (folded characters) after the previous part. */
const MAX_ELLIPSIS_GAP = 2500;

/** All parts in order, each starting close after the last; undefined if any is missing. */
function matchParts(text: string, parts: readonly string[], starts: number[]): Match[] | undefined {
  const found: Match[] = [];
  let from = 0;
  let to: number | undefined;
  for (const part of parts) {
    const m = findFolded(text, part, starts, { from, ...(to === undefined ? {} : { to }) });
    if (!m) return undefined;
    found.push(m);
    from = m.end;
    to = m.end + MAX_ELLIPSIS_GAP;
  }
  return found;
}

export function findQuote(prepared: PreparedText, quote: string): Anchor {
  const { text, excluded } = prepared;
  // 1. Exactly as written, outside the excluded ranges.
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    if (!inRanges(i, excluded) && !inRanges(i + quote.length - 1, excluded)) return { status: 'exact', start: i, end: i + quote.length };
  }
  const parts = quoteParts(quote).map(foldQuote).filter(Boolean);
  const hasEllipsis = parts.length > 1;
  // An ellipsis part of a word or two could be found anywhere: refuse rather than guess.
  if (hasEllipsis && parts.some((p) => p.split(' ').length < MIN_PART_WORDS)) return { status: 'not-found' };
  if (parts.length === 0) return { status: 'not-found' };

  const search = (masked: boolean): Anchor | undefined => {
    for (const pass of prepared.passes) {
      const matches = matchParts(masked ? pass.masked : pass.folded.text, parts, pass.starts);
      if (!matches) continue;
      const first = matches[0]!;
      const last = matches[matches.length - 1]!;
      const skips = matches.reduce((n, m) => n + m.skips, 0);
      const lost = matches.reduce((n, m) => n + m.lost, 0);
      const start = pass.folded.map[first.start]!;
      const end = pass.folded.map[last.end - 1]! + 1;
      if (skips === 0 && lost === 0) return { status: 'normalized', start, end };
      const score = Math.round((1 - 0.05 * skips - 0.1 * lost) * 100) / 100;
      return { status: 'fuzzy', start, end, score };
    }
    return undefined;
  };
  const outside = search(true);
  if (outside) return outside;
  if (excluded.length && search(false)) return { status: 'excluded' };
  return { status: 'not-found' };
}
