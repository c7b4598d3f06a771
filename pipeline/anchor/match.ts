// anchor: finds a folded quote in a folded text, across the interruptions real captures have.
//
// A sentence may be cut by a page break, a photo caption or a block of footnotes; such an
// interruption starts and ends at line boundaries ("\n" in the folded text). The matcher
// walks the quote through the text and, only where the text's line ends (or a line starts),
// may jump ahead to a later line start where the quote goes on. It never skips a word of
// the QUOTE, so an added, removed, replaced or moved word, a changed digit or a dropped
// "not" cannot match. One exception, for drop capitals lost in capture: the first letter of
// a paragraph may be missing from the text.

export interface Match {
  /** Folded-text offsets of the first matched character and one past the last. */
  readonly start: number;
  readonly end: number;
  /** Interruptions jumped over. */
  readonly skips: number;
  /** Letters of the quote missing from the text (lost drop capitals). */
  readonly lost: number;
}

export interface MatchLimits {
  /** Longest interruption, in folded characters. */
  readonly maxSkip: number;
  readonly maxSkips: number;
  /** Search only from `from` (inclusive) to `to` (exclusive) for the start. */
  readonly from?: number;
  readonly to?: number;
}

const DEFAULT_LIMITS: MatchLimits = { maxSkip: 6000, maxSkips: 3 };
const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

/** Offsets just after each "\n": the places an interruption may end. */
export function lineStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function findFolded(text: string, quote: string, starts: readonly number[], limits: Partial<MatchLimits> = {}): Match | undefined {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  if (quote.length === 0) return undefined;
  const from = lim.from ?? 0;
  const to = lim.to ?? text.length;

  // Fast path: the quote whole, with line breaks read as spaces.
  const flat = text.replace(/\n/g, ' ');
  const direct = flat.indexOf(quote, from);
  if (direct >= 0 && direct < to) return { start: direct, end: direct + quote.length, skips: 0, lost: 0 };

  /** Lower bound in `starts` for an offset. */
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

  const walk = (qi: number, ti: number, skips: number, lost: number): Omit<Match, 'start'> | undefined => {
    while (qi < quote.length) {
      const q = quote[qi]!;
      const t = text[ti];
      if (t === q || (t === '\n' && q === ' ')) {
        qi++;
        ti++;
        continue;
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
      // A drop capital lost in capture: the text's paragraph starts one letter into the word.
      if (lost === 0 && text[ti - 1] === '\n' && isLetter(q) && quote[qi + 1] === t && (qi === 0 || quote[qi - 1] === ' ')) {
        const dropped = walk(qi + 1, ti, skips, lost + 1);
        if (dropped) return dropped;
      }
      // An interruption: only where the text breaks its line in mid-quote.
      const atBreak = t === '\n' || text[ti - 1] === '\n' || (t === '-' && text[ti + 1] === '\n');
      if (!atBreak || skips >= lim.maxSkips || ti >= text.length) return undefined;
      for (let k = firstStartAfter(ti); k < starts.length && starts[k]! - ti <= lim.maxSkip; k++) {
        const j = starts[k]!;
        // The quote goes on at the new line: its next character (a space is the break itself).
        const qNext = q === ' ' ? qi + 1 : qi;
        if (text[j] !== quote[qNext]) continue;
        const rest = walk(qNext, j, skips + 1, lost);
        if (rest) return rest;
      }
      return undefined;
    }
    return { end: ti, skips, lost };
  };

  // Candidate starts: where the quote's first word stands (or, for a lost drop capital, its second letter).
  const firstWord = quote.split(' ')[0]!;
  const seeds = [firstWord, firstWord.length >= 3 ? firstWord.slice(1) : ''];
  const tried = new Set<number>();
  for (const [s, seed] of seeds.entries()) {
    if (!seed) continue;
    for (let i = flat.indexOf(seed, from); i >= 0 && i < to; i = flat.indexOf(seed, i + 1)) {
      if (s === 1 && text[i - 1] !== '\n') continue;
      if (tried.has(i * 2 + s)) continue;
      tried.add(i * 2 + s);
      const r = s === 0 ? walk(0, i, 0, 0) : walk(1, i, 0, 1);
      if (r) return { start: i, ...r };
    }
  }
  return undefined;
}
