// anchor: a lock entry and the claim's quote → whether the entry's own record of the text (its
// selector) holds that quote. A forged entry (quote and quoteSha256 changed together) contradicts
// the passage it records, and must not vouch for the new quote without the texts (R6).
import { findQuote, prepareText, type AnchorStatus } from './find-quote.ts';
import type { LockEntry } from './lock.ts';

const VERIFIED: readonly AnchorStatus[] = ['exact', 'normalized', 'fuzzy'];
const holds = (passage: string, quote: string) =>
  quote.trim() !== '' && VERIFIED.includes(findQuote(prepareText(passage), quote).status);

/** How many words a snippet has; a range's ends are compared on that many words of the quote. */
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * True when the entry's recorded passage holds the quote, matched the way anchoring matches it in a
 * text (typography, line breaks, footnote markers and page breaks folded; a fuzzy quote's small
 * differences allowed). A TextQuoteSelector records the whole span; a RangeSelector only its two
 * ends, so the quote's first and last words are held to them (the middle cannot be checked).
 */
export function entryHoldsQuote(entry: LockEntry, quote: string): boolean {
  const s = entry.selector;
  if (s.type === 'TextQuoteSelector') return holds(s.exact, quote);
  const q = words(quote.replace(/\[?(?:\u2026|\.\s?\.\s?\.)\]?/g, ' '));
  // The snippets end at a line break or a space, but a word may be cut by a hyphen at a line end.
  const n = (snippet: string) => Math.max(1, Math.min(q.length, wordCount(snippet) - 1));
  const head = q.slice(0, n(s.startSelector.exact)).join(' ');
  const tail = q.slice(q.length - n(s.endSelector.exact)).join(' ');
  return holds(s.startSelector.exact, head) && holds(s.endSelector.exact, tail);
}
