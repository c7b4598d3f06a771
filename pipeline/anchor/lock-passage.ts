// anchor: where a quote the evidence lock recorded stood in a text that changed since, found by the
// text around it (the selector's prefix and suffix), for E_QUOTE_NOT_FOUND and a re-capture.
import type { LockEntry } from './lock.ts';
import type { RangeSelector, TextQuoteSelector } from './selector.ts';

/** What the current text holds where the lock's selector stood: between its prefix and suffix, after one, before the other, or nothing. */
export type LockedPassage =
  | { readonly kind: 'between' | 'after-prefix' | 'before-suffix'; readonly text: string }
  | { readonly kind: 'gone' };

/** Of the places `needle` stands in `text`, the one nearest `near`. */
function nearest(text: string, needle: string, near: number): number | undefined {
  let best: number | undefined;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best === undefined || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best;
}

/** What stood before and after the locked span. */
const around = (s: TextQuoteSelector | RangeSelector) =>
  s.type === 'RangeSelector'
    ? { prefix: s.startSelector.prefix, suffix: s.endSelector.suffix }
    : { prefix: s.prefix, suffix: s.suffix };

export function lockedPassage(text: string, entry: LockEntry): LockedPassage {
  const { prefix, suffix } = around(entry.selector);
  const length = entry.end - entry.start;
  // A suffix further away than this belongs to another passage.
  const reach = Math.max(4 * length, 400);
  const p = prefix ? nearest(text, prefix, entry.start - prefix.length) : 0;
  if (p !== undefined) {
    const from = p + prefix.length;
    const s = suffix ? text.indexOf(suffix, from) : text.length;
    if (s >= 0 && s - from <= reach) return { kind: 'between', text: text.slice(from, s) };
    let end = Math.min(text.length, from + length);
    while (end < text.length && /\S/.test(text[end]!) && end - from < length + 30) end++; // to the end of a word
    return { kind: 'after-prefix', text: text.slice(from, end) };
  }
  const s = suffix ? nearest(text, suffix, entry.end) : undefined;
  if (s !== undefined) {
    let start = Math.max(0, s - length);
    while (start > 0 && /\S/.test(text[start - 1]!) && s - start < length + 30) start--; // from the start of a word
    return { kind: 'before-suffix', text: text.slice(start, s) };
  }
  return { kind: 'gone' };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const clip = (s: string, max = 240) => (s.length > max ? `${s.slice(0, max - 70)} … ${s.slice(-60)}` : s);
/** The end of the prefix and the start of the suffix, as quoted in a message. */
const before = (s: string) =>
  !oneLine(s) ? 'the start of the text' : `“${oneLine(s).length > 30 ? '…' : ''}${oneLine(s).slice(-30)}”`;
const after = (s: string) =>
  !oneLine(s) ? 'the end of the text' : `“${oneLine(s).slice(0, 30)}${oneLine(s).length > 30 ? '…' : ''}”`;

/** For E_QUOTE_NOT_FOUND: a sentence on what the text now holds where the lock had the quote. */
export function passageNote(text: string, entry: LockEntry): string {
  const found = lockedPassage(text, entry);
  const { prefix, suffix } = around(entry.selector);
  const shown = (s: string) => (oneLine(s) ? `“${clip(oneLine(s))}”` : 'nothing');
  switch (found.kind) {
    case 'between':
      return `where the evidence lock had it, between ${before(prefix)} and ${after(suffix)}, the text now reads ${shown(found.text)}`;
    case 'after-prefix':
      return `where the evidence lock had it, after ${before(prefix)}, the text now reads ${shown(found.text)} (what followed it, ${after(suffix)}, is gone)`;
    case 'before-suffix':
      return `where the evidence lock had it, before ${after(suffix)}, the text now reads ${shown(found.text)} (what came before it, ${before(prefix)}, is gone)`;
    default:
      return `the passage the evidence lock recorded is gone from the text: neither what came before it (${before(prefix)}) nor what followed it (${after(suffix)}) is there any more`;
  }
}
