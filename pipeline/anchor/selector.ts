// anchor: a W3C Web Annotation TextQuoteSelector for an anchored span, with enough context to be unique.
// Offsets are UTF-16 code units (JavaScript string indices), not the code points the W3C model counts.
import { createHash } from 'node:crypto';

export interface TextQuoteSelector {
  readonly type: 'TextQuoteSelector';
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0 && n < 2; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

/** Grows prefix and suffix (as Apache Annotator does) until prefix + exact + suffix occurs once, then to word boundaries. */
export function describeQuote(text: string, start: number, end: number): TextQuoteSelector {
  const exact = text.slice(start, end);
  let grow = 16;
  let prefix = '';
  let suffix = '';
  for (; grow <= 512; grow *= 2) {
    prefix = text.slice(Math.max(0, start - grow), start);
    suffix = text.slice(end, end + grow);
    if (count(text, prefix + exact + suffix) === 1) break;
  }
  // Trim to word boundaries (at least 32 characters kept), but only if the selector stays unique.
  const wordStart = prefix.length > 32 ? prefix.lastIndexOf(' ', prefix.length - 32) : -1;
  const wordEnd = suffix.length > 32 ? suffix.indexOf(' ', 32) : -1;
  const trimmedPrefix = wordStart > 0 ? prefix.slice(wordStart + 1) : prefix;
  const trimmedSuffix = wordEnd > 0 ? suffix.slice(0, wordEnd) : suffix;
  if (count(text, trimmedPrefix + exact + trimmedSuffix) === 1) {
    prefix = trimmedPrefix;
    suffix = trimmedSuffix;
  }
  return { type: 'TextQuoteSelector', exact, prefix, suffix };
}

/** W3C RangeSelector: from the start of one selection to the end of another. */
export interface RangeSelector {
  readonly type: 'RangeSelector';
  readonly startSelector: TextQuoteSelector;
  readonly endSelector: TextQuoteSelector;
}

/** A span may hold more than its quote: this much more, and it is described by its two ends instead. */
const SPAN_SLACK = 64;
/** Each end of such a span keeps at most this much, cut at a line break or a space. */
const END_LENGTH = 48;
const CONTEXT = 16;

/**
 * A selector that does not copy out what a quote jumps over. A span found across a footnote block or
 * an omission holds text the quote does not; a record meant to be shared (the evidence lock) keeps
 * the span's two ends as a RangeSelector rather than that text.
 */
export function compactSelector(selector: TextQuoteSelector, quoteLength: number): TextQuoteSelector | RangeSelector {
  const { exact, prefix, suffix } = selector;
  if (exact.length <= quoteLength + SPAN_SLACK) return selector;
  const firstBreak = exact.indexOf('\n');
  const lastBreak = exact.lastIndexOf('\n');
  const space = (from: number, dir: 1 | -1) => (dir === 1 ? exact.lastIndexOf(' ', from) : exact.indexOf(' ', from));
  const headEnd = firstBreak > 0 && firstBreak <= END_LENGTH ? firstBreak : Math.max(space(END_LENGTH, 1), 1);
  const tailStart =
    lastBreak >= 0 && exact.length - lastBreak - 1 <= END_LENGTH
      ? lastBreak + 1
      : Math.min(space(exact.length - END_LENGTH, -1) + 1 || exact.length - END_LENGTH, exact.length - 1);
  const head = exact.slice(0, headEnd).trimEnd();
  const tail = exact.slice(tailStart).trimStart();
  const tailAt = exact.length - tail.length;
  return {
    type: 'RangeSelector',
    startSelector: {
      type: 'TextQuoteSelector',
      exact: head,
      prefix,
      suffix: exact.slice(head.length, head.length + CONTEXT),
    },
    endSelector: {
      type: 'TextQuoteSelector',
      exact: tail,
      prefix: exact.slice(Math.max(0, tailAt - CONTEXT), tailAt),
      suffix,
    },
  };
}
