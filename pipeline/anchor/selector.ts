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
