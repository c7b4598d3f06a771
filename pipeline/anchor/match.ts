// anchor: finds a folded quote in a folded text, across the interruptions real captures have.
//
// A sentence may be cut by a page break, a photo caption or a block of footnotes; such an
// interruption starts and ends at line boundaries ("\n" in the folded text). The matcher
// walks the quote through the text and, only where the text breaks its line in mid-sentence,
// may jump to a later line where the quote goes on, if what it jumps over looks like an
// interruption (the caller decides: `canSkip`). It never skips a character of the QUOTE but
// one: the capital of a paragraph's first word, lost as a drop capital in capture. A match
// must also start and end on word boundaries, so "likely" is not found in "unlikely".

import { onBoundaries } from './boundaries.ts';

export interface Match {
  /** Folded-text offsets of the first matched character and one past the last. */
  readonly start: number;
  readonly end: number;
  /** Interruptions jumped over. */
  readonly skips: number;
  /** Letters of the quote missing from the text (lost drop capitals). */
  readonly lost: number;
}

export interface MatchOptions {
  /** Longest interruption, in folded characters. */
  readonly maxSkip: number;
  readonly maxSkips: number;
  /** Search only for starts in [from, to). */
  readonly from?: number;
  readonly to?: number;
  /**
   * May the text from folded offset `from` up to `to` (a line start) be jumped over? Once false for
   * some `to`, false for every later one (jumping further only adds lines): the search stops there.
   */
  readonly canSkip?: (from: number, to: number) => boolean;
  /** Is folded offset `at` the first character of a paragraph (where drop capitals stand)? */
  readonly paragraphStart?: (at: number) => boolean;
  /** Per character of the quote: was it a capital? Only capitals can be lost drop capitals. */
  readonly capitals?: readonly boolean[];
}

const DEFAULTS: MatchOptions = { maxSkip: 6000, maxSkips: 3 };
const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

/** Offsets just after each "\n": the places an interruption may end. */
export function lineStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function findFolded(
  text: string,
  quote: string,
  starts: readonly number[],
  options: Partial<MatchOptions> = {},
): Match | undefined {
  const o = { ...DEFAULTS, ...options };
  if (quote.length === 0) return undefined;
  const from = o.from ?? 0;
  const to = o.to ?? text.length;
  /** A match may not begin or end inside a word or a number. */
  const bounded = (start: number, end: number, lost: number) => onBoundaries(text, start, end, quote, lost > 0);

  // Fast path: the quote whole, with line breaks read as spaces.
  const flat = text.replace(/\n/g, ' ');
  for (let i = flat.indexOf(quote, from); i >= 0 && i < to; i = flat.indexOf(quote, i + 1)) {
    if (bounded(i, i + quote.length, 0)) return { start: i, end: i + quote.length, skips: 0, lost: 0 };
  }

  const firstStartAfter = (offset: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // walk() depends on nothing but its arguments, and lines that repeat a quote's words lead it to the
  // same state from many seeds and down many jumps: a state that failed once is not walked again.
  const failed = new Set<number>();
  const walk = (qi: number, ti: number, skips: number, lost: number): Omit<Match, 'start'> | undefined => {
    const state = ((qi * (text.length + 1) + ti) * (o.maxSkips + 1) + skips) * 2 + lost;
    if (failed.has(state)) return undefined;
    const found = walkFrom(qi, ti, skips, lost);
    if (!found) failed.add(state);
    return found;
  };
  const walkFrom = (qi: number, ti: number, skips: number, lost: number): Omit<Match, 'start'> | undefined => {
    while (qi < quote.length) {
      const q = quote[qi]!;
      const t = text[ti];
      if (t === q || (t === '\n' && q === ' ')) {
        // A line break read as the quote's space may also be where an interruption starts: the
        // quote's next word can begin like the first line of a block of notes ("agreement" after
        // "¹ Author…", or "2020" after a page number "20"), so reading on greedily is tried first
        // and, where it fails, the jump below (walk() remembers failed states: still linear).
        if (t !== '\n' || !o.canSkip || skips >= o.maxSkips) {
          qi++;
          ti++;
          continue;
        }
        const on = walk(qi + 1, ti + 1, skips, lost);
        if (on) return on;
      }
      // A word hyphenated across a line break: "initi-\natives", "Turkish-\nAzerbaijani".
      if (t === '-' && text[ti + 1] === '\n' && isLetter(q) && isLetter(text[ti - 1])) {
        const joined = walk(qi, ti + 2, skips, lost);
        if (joined) return joined;
      }
      if (t === '\n' && isLetter(q) && text[ti - 1] === '-') {
        const joined = walk(qi, ti + 1, skips, lost);
        if (joined) return joined;
      }
      // A drop capital lost in capture: the paragraph starts one letter into its first word.
      if (
        lost === 0 &&
        o.capitals?.[qi] &&
        (qi === 0 || quote[qi - 1] === ' ') &&
        quote[qi + 1] === t &&
        o.paragraphStart?.(ti)
      ) {
        const dropped = walk(qi + 1, ti, skips, lost + 1);
        if (dropped) return dropped;
      }
      // An interruption: only where the text breaks its line in mid-quote.
      const atBreak = t === '\n' || text[ti - 1] === '\n' || (t === '-' && text[ti + 1] === '\n');
      if (!atBreak || skips >= o.maxSkips || ti >= text.length || !o.canSkip) return undefined;
      const qNext = q === ' ' ? qi + 1 : qi;
      // The lines a jump may land on run from here to the first it may not (no later one may either):
      // that one is found by bisection, not by trying line after line, which made a text of short
      // lines (numbered, or "#") take minutes.
      const first = firstStartAfter(ti);
      let stop = firstStartAfter(ti + o.maxSkip);
      for (let lo = first; lo < stop; ) {
        const mid = (lo + stop) >> 1;
        if (o.canSkip(ti, starts[mid]!)) lo = mid + 1;
        else stop = mid;
      }
      for (let k = first; k < stop; k++) {
        const j = starts[k]!;
        if (text[j] !== quote[qNext]) continue;
        const rest = walk(qNext, j, skips + 1, lost);
        if (rest) return rest;
      }
      return undefined;
    }
    return { end: ti, skips, lost };
  };

  // Candidate starts: where the quote's first word stands, or (a lost drop capital) its second letter.
  const firstWord = quote.split(' ')[0]!;
  const seeds: [string, number][] = [[firstWord, 0]];
  if (firstWord.length >= 3 && o.capitals?.[0]) seeds.push([firstWord.slice(1), 1]);
  for (const [seed, skipped] of seeds) {
    for (let i = flat.indexOf(seed, from); i >= 0 && i < to; i = flat.indexOf(seed, i + 1)) {
      if (skipped && !o.paragraphStart?.(i)) continue;
      const r = walk(skipped, i, 0, skipped);
      if (r && bounded(i, r.end, skipped)) return { start: i, ...r };
    }
  }
  return undefined;
}
