// anchor: a source text + some words → the passages that hold them, exactly as the text has them,
// ready to paste as a claim's quote: the sentence (or, in a long one, the clause) of one paragraph
// line that holds most of the words, trimmed to word boundaries, and checked with findQuote.
//
// A passage is never edited: it is a substring of the text. A sentence that runs on across a line
// break (a page break, a footnote block, a hard-wrapped line) is not quoted whole, since the quote
// would no longer be in the text as written; its longest part on one line is offered, and said so.
import { findQuote, prepareText, type PreparedText, type Range } from './find-quote.ts';
import { isInterruptionLine } from './interruptions.ts';
import { locate, textLocations, type TextLocations } from './locator.ts';
import { textWords, type TextWords } from './nearest.ts';
import { lineColumnAt } from '../core/paths.ts';

interface Passage {
  /** The passage, a substring of the text: text.slice(start, end). */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  /** A little of the same paragraph before and after, to read it in context. */
  readonly before: string;
  readonly after: string;
  readonly line: number;
  readonly locator: string | undefined;
  /** How findQuote anchors the passage: exact, unless something is wrong. */
  readonly status: string;
  /** How many of the distinct words asked for it holds. */
  readonly matched: number;
  /** Why the passage is only part of its sentence, when it is. */
  readonly cut?: 'line-break' | 'page-break';
}

/** Words that say little about where a passage is: they count only when nothing else is asked for. */
const STOP = new Set(
  'a an and are as at be but by for from has have in is it its of on or that the their this to was were which with'.split(
    ' ',
  ),
);
/** Beyond this length a sentence is trimmed to the clauses that hold the words. */
const LONG_SENTENCE = 300;
const CONTEXT = 80;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** The sentences of one line, as spans: split after . ! ? (and closing quotes or markers) before a space. */
function sentencesOf(text: string, line: Span): Span[] {
  const spans: Span[] = [];
  const body = text.slice(line.start, line.end);
  const end = /[.!?]["'”’)\]]*(?:[\u00B9\u00B2\u00B3\u2070-\u2079]+|\$\^\{[^}]*\}\$)?(?=\s+\S)/g;
  let from = 0;
  for (let m = end.exec(body); m; m = end.exec(body)) {
    // "Mr. Fidan", "U.S. faces", "Nov. 4": a capital or a digit after the stop is needed, and no short abbreviation before it.
    const rest = body.slice(m.index + m[0].length).trimStart();
    const word = /(\S+)$/.exec(body.slice(from, m.index + 1))?.[1] ?? '';
    if (
      !/^[\p{Lu}\p{N}"“‘'([]/u.test(rest) ||
      /^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Nov|Dec|Jan|Feb|Aug|Sept?|Oct|No|vs|etc|al|cf|e\.g|i\.e)\.$/.test(word)
    )
      continue;
    spans.push({ start: line.start + from, end: line.start + m.index + m[0].length });
    from = m.index + m[0].length;
    while (from < body.length && /\s/.test(body[from]!)) from++;
  }
  if (from < body.length) spans.push({ start: line.start + from, end: line.end });
  return spans;
}

/** A span without the spaces, unbalanced Markdown emphasis and footnote markers at its edges. */
function trimmed(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /[\s*_]/.test(text[start]!)) start++;
  // A footnote marker after the last word is the capture's, not the author's sentence: left out (the quote still stands as written).
  for (let again = true; again; ) {
    again = false;
    // So is a comma or semicolon where a clause or a line was cut.
    while (end > start && /[\s*_,;\u00B9\u00B2\u00B3\u2070-\u2079]/.test(text[end - 1]!)) {
      end--;
      again = true;
    }
    const latex = /\$\^\{[^}]*\}\$$/.exec(text.slice(start, end));
    if (latex) {
      end -= latex[0].length;
      again = true;
    }
  }
  return { start, end };
}

export interface PassageSearch {
  readonly passages: readonly Passage[];
  /** How many distinct words were asked for (stop words left out when others are asked). */
  readonly asked: number;
}

/**
 * The best passages (up to `max`, best first) of a text for some words: those holding at least half
 * of the distinct words asked, more words first, then the words in the order asked, then shorter.
 * Excluded ranges (reader comments, boilerplate) are never offered.
 */
export function findPassages(
  text: string,
  query: string,
  options: {
    excluded?: readonly Range[];
    max?: number;
    words?: readonly TextWords[];
    where?: TextLocations;
    prepared?: PreparedText;
  } = {},
): PassageSearch {
  const max = options.max ?? 3;
  const excluded = options.excluded ?? [];
  const all = [...new Set(textWords(query).map((w) => w.folded))];
  const content = all.filter((w) => !STOP.has(w));
  const want = new Set(content.length ? content : all);
  if (want.size === 0) return { passages: [], asked: 0 };
  const words = (options.words ?? textWords(text)).filter((w) => want.has(w.folded));
  if (words.length === 0) return { passages: [], asked: want.size };

  // Lines that hold an asked word; each is cut into sentences, each sentence scored.
  const lines = new Map<number, Span>();
  for (const w of words) {
    const start = text.lastIndexOf('\n', w.index) + 1;
    if (lines.has(start)) continue;
    const nl = text.indexOf('\n', w.index);
    lines.set(start, { start, end: nl < 0 ? text.length : nl });
  }
  const inExcluded = (s: Span) => excluded.some((r) => s.start < r.end && s.end > r.start);
  const candidates: { span: Span; matched: number; order: number; cut?: Passage['cut'] }[] = [];
  for (const line of lines.values()) {
    if (isInterruptionLine(text.slice(line.start, line.end).trim())) continue;
    for (const sentence of sentencesOf(text, line)) {
      if (inExcluded(sentence)) continue;
      const hits = words.filter((w) => w.index >= sentence.start && w.index + w[0].length <= sentence.end);
      const matched = new Set(hits.map((h) => h.folded)).size;
      if (matched === 0) continue;
      const span = sentence.end - sentence.start > LONG_SENTENCE ? clauses(text, sentence, hits) : sentence;
      candidates.push({
        span: trimmed(text, span),
        matched,
        order: inOrder(
          hits.map((h) => h.folded),
          [...want],
        ),
        ...runsOn(text, line, sentence),
      });
    }
  }
  const need = Math.ceil(want.size / 2);
  candidates.sort(
    (a, b) =>
      b.matched - a.matched ||
      b.order - a.order ||
      a.span.end - a.span.start - (b.span.end - b.span.start) ||
      a.span.start - b.span.start,
  );
  const where = options.where ?? textLocations(text);
  const prepared = options.prepared ?? prepareText(text, excluded);
  const passages: Passage[] = [];
  for (const c of candidates) {
    // A few more than asked for, so that those the locator cannot place (a pull quote, a note) can yield to those it can.
    if (passages.length >= max + 2 || c.matched < need) break;
    const quote = text.slice(c.span.start, c.span.end);
    const anchor = findQuote(prepared, quote);
    // The same words may stand earlier in the text (a pull quote): a claim quoting them anchors there, so that is where it is shown.
    const span = anchor.status === 'exact' ? { start: anchor.start!, end: anchor.end! } : c.span;
    if (passages.some((p) => span.start < p.end && span.end > p.start)) continue;
    passages.push({
      quote,
      start: span.start,
      end: span.end,
      before: contextBefore(text, span.start),
      after: contextAfter(text, span.end),
      line: lineColumnAt(text, span.start).line,
      locator: locate(where, span.start, span.end),
      status: anchor.status,
      matched: c.matched,
      ...(c.cut ? { cut: c.cut } : {}),
    });
  }
  const placed = where.breaks.length
    ? passages
    : [...passages.filter((p) => p.locator !== undefined), ...passages.filter((p) => p.locator === undefined)];
  return { passages: placed.slice(0, max), asked: want.size };
}

/** How many neighbouring pairs of the words found stand in the order asked: "two states one military" over "one military, two states". */
function inOrder(found: readonly string[], asked: readonly string[]): number {
  let n = 0;
  for (let i = 1; i < found.length; i++) if (asked.indexOf(found[i]!) === asked.indexOf(found[i - 1]!) + 1) n++;
  return n;
}

/** A long sentence cut to the clauses (between , ; : — – and parentheses) from the first word found to the last. */
function clauses(text: string, sentence: Span, hits: readonly TextWords[]): Span {
  const first = hits[0]!.index;
  const last = hits.at(-1)!.index + hits.at(-1)![0].length;
  const body = text.slice(sentence.start, sentence.end);
  const breaks = [...body.matchAll(/[,;:(—–]\s/g)].map((m) => sentence.start + m.index + m[0].length);
  const start = Math.max(sentence.start, ...breaks.filter((b) => b <= first));
  const after = breaks.filter((b) => b > last);
  // The clause ends before its comma (which is not the author's full stop and need not be quoted).
  const end = after.length ? Math.min(...after) - 2 : sentence.end;
  return { start, end: Math.max(end, last) };
}

/** The next (dir 1) or previous (dir -1) line of prose from a line, and whether blank lines or notes stand between. */
function proseLine(text: string, line: Span, dir: 1 | -1): { text: string; across: boolean } | undefined {
  let across = false;
  let at = dir === 1 ? line.end + 1 : line.start - 1;
  while (at > 0 && at <= text.length) {
    const start = dir === 1 ? at : text.lastIndexOf('\n', at - 1) + 1;
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const body = text.slice(start, end).trim();
    if (body && !isInterruptionLine(body)) return { text: body, across };
    across = true;
    if (dir === 1 && nl < 0) return undefined;
    if (dir === -1 && start === 0) return undefined;
    at = dir === 1 ? end + 1 : start - 1;
  }
  return undefined;
}

const STOPPED = /[.!?:]["'”’)\]*_]*(?:[\u00B9\u00B2\u00B3\u2070-\u2079]+|\$\^\{[^}]*\}\$)?$/;

/** Does the sentence run on past its line (no stop at the end, and the next line of prose goes on in lower case)? Then it is cut there, and why is said. */
function runsOn(text: string, line: Span, sentence: Span): { cut?: Passage['cut'] } {
  const here = text.slice(line.start, line.end).trim();
  if (sentence.end >= line.end && !STOPPED.test(here)) {
    const next = proseLine(text, line, 1);
    if (next && /^\p{Ll}/u.test(next.text)) return { cut: next.across ? 'page-break' : 'line-break' };
  }
  if (sentence.start <= line.start && /^\p{Ll}/u.test(here)) {
    const previous = proseLine(text, line, -1);
    if (previous && !STOPPED.test(previous.text)) return { cut: previous.across ? 'page-break' : 'line-break' };
  }
  return {};
}

/** Up to CONTEXT characters of the same line before `at`, from a word start. */
function contextBefore(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let from = Math.max(lineStart, at - CONTEXT);
  if (from > lineStart) from = text.indexOf(' ', from) + 1 || at;
  return text.slice(Math.min(from, at), at);
}

/** Up to CONTEXT characters of the same line after `at`, to a word end. */
function contextAfter(text: string, at: number): string {
  const nl = text.indexOf('\n', at);
  const lineEnd = nl < 0 ? text.length : nl;
  let to = Math.min(lineEnd, at + CONTEXT);
  if (to < lineEnd) to = Math.max(at, text.lastIndexOf(' ', to));
  return text.slice(at, to);
}
