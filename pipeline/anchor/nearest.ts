// anchor: for a quote that is not in its text, the passage of the text nearest to it and how the
// two differ word by word ("pact" → "declaration"), so the analyst fixes the quote or the claim in
// one look. The word diff is jsdiff's; finding the passage is a sliding window of word overlap,
// written here because it must run on 10 MB texts in one linear pass.
import { diffWords } from 'diff';
import { lineColumnAt } from '../core/paths.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const fold = (w: string) => w.toLowerCase().replace(/’/g, "'");

export interface NearestPassage {
  /** The passage as the text has it. */
  readonly text: string;
  readonly line: number;
  /** Share of the quote's words the passage holds, 0–1. */
  readonly overlap: number;
  /** Each change from quote to text: a word the quote has that the text does not, and its replacement. */
  readonly changes: readonly { readonly quote: string; readonly text: string }[];
}

export interface TextWords {
  readonly index: number;
  readonly 0: string;
  readonly folded: string;
}

/** A text's words with their offsets, folded: computed once per text, however many quotes are looked for in it. */
export const textWords = (text: string): readonly TextWords[] =>
  [...text.matchAll(WORD)].map((m) => ({ index: m.index, 0: m[0], folded: fold(m[0]) }));

/** The best window of the text, as long as the quote, by the words the two share; undefined below half. */
export function nearestPassage(
  text: string,
  quote: string,
  words: readonly TextWords[] = textWords(text),
): NearestPassage | undefined {
  const want = [...quote.matchAll(WORD)].map((m) => fold(m[0]));
  if (want.length < 3) return undefined;
  if (words.length === 0) return undefined;
  const need = new Map<string, number>();
  for (const w of want) need.set(w, (need.get(w) ?? 0) + 1);
  const have = new Map<string, number>();
  let shared = 0;
  const add = (w: string, step: 1 | -1) => {
    const n = (have.get(w) ?? 0) + step;
    const cap = need.get(w) ?? 0;
    if (step === 1 && n <= cap) shared++;
    if (step === -1 && n < cap) shared--;
    have.set(w, n);
  };
  const size = Math.min(want.length, words.length);
  let best = { shared: -1, start: 0 };
  for (let i = 0; i < words.length; i++) {
    add(words[i]!.folded, 1);
    if (i >= size) add(words[i - size]!.folded, -1);
    if (i >= size - 1 && shared > best.shared) best = { shared, start: i - size + 1 };
  }
  if (best.shared / want.length < 0.5) return undefined;
  // The text may say it in more words: grow the window while that brings in more of the quote's.
  const inWindow = new Map<string, number>();
  let got = 0;
  let end = best.start;
  let bestEnd = best.start + size - 1;
  for (; end < Math.min(words.length, best.start + size + Math.ceil(size / 2)); end++) {
    const w = words[end]!.folded;
    const n = (inWindow.get(w) ?? 0) + 1;
    inWindow.set(w, n);
    if (n <= (need.get(w) ?? 0)) got++;
    if (end >= best.start + size - 1 && got > best.shared) {
      best = { ...best, shared: got };
      bestEnd = end;
    }
  }
  // Words at either edge that the quote does not have are the window's, not the passage's.
  let from = best.start;
  while (from < bestEnd && !need.has(words[from]!.folded)) from++;
  while (bestEnd > from && !need.has(words[bestEnd]!.folded)) bestEnd--;
  const first = words[from]!;
  const last = words[bestEnd]!;
  const passage = text.slice(first.index, last.index + last[0].length).replace(/\s+/g, ' ');
  const parts = diffWords(quote.replace(/\s+/g, ' '), passage, { ignoreCase: true });
  const changes: { quote: string; text: string }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.removed && !p.added) continue;
    const next = parts[i + 1];
    if (p.removed && next?.added) {
      changes.push({ quote: p.value.trim(), text: next.value.trim() });
      i++;
    } else if (p.removed) changes.push({ quote: p.value.trim(), text: '' });
    else changes.push({ quote: '', text: p.value.trim() });
  }
  // Punctuation at the edges of the window is not a difference worth a word.
  const worded = changes.filter((c) => /[\p{L}\p{N}]/u.test(`${c.quote}${c.text}`));
  return {
    text: passage,
    line: lineColumnAt(text, first.index).line,
    overlap: best.shared / want.length,
    changes: worded,
  };
}

/** "pact" → "declaration"; "not" (not in the text); "also" (only in the text). */
export function describeChanges(changes: NearestPassage['changes'], max = 4): string {
  const shown = changes
    .slice(0, max)
    .map((c) =>
      c.quote && c.text
        ? `"${c.quote}" → "${c.text}"`
        : c.quote
          ? `"${c.quote}" (not in the text)`
          : `"${c.text}" (only in the text)`,
    );
  return `${shown.join('; ')}${changes.length > max ? `; and ${changes.length - max} more` : ''}`;
}
