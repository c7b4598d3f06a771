// anchor: what may interrupt a quoted sentence in a capture, judged on the original text.
// A jump is allowed only where the sentence breaks off mid-way (no full stop before the break)
// and only over lines that look like page furniture: footnote entries, references and URLs,
// photo captions, page numbers. Ordinary paragraphs are never jumped, so a quote cannot be
// stitched from two places, nor lose a word that stands on a line of its own.
import type { Folded } from './normalize.ts';

const FOOTNOTE_ENTRY = /^\s*(?:[\u00B9\u00B2\u00B3\u2070-\u2079]+|\$\^\{|\d{1,3}[\s.)\]])/;
const REFERENCE = /https?:\/\/|www\.|\b(?:doi|ibid|accessed|retrieved)\b/i;
// A caption's parentheses close before the next "(": checked first, so a line of "(((…" costs one scan.
const CAPTION = /\((?=[^()]*\))(?:[^)]*\b(?:photo|via|source|credit|courtesy|image|wiki\w*|getty|reuters|afp|ap)\b[^)]*)\)|©/i;
const PAGE_FURNITURE = /^\s*(?:page\s+)?\d{1,4}\s*$/i;
const MARKERS = /(?:\$\^\{[^}]*\}\$|[\u00B9\u00B2\u00B3\u2070-\u2079]+|\d{1,3})\s*$/;

export function isInterruptionLine(line: string): boolean {
  return FOOTNOTE_ENTRY.test(line) || REFERENCE.test(line) || CAPTION.test(line) || PAGE_FURNITURE.test(line);
}

/** Does the original text before `offset` end mid-sentence (ignoring footnote markers and a hyphen)? */
function midSentence(original: string, offset: number): boolean {
  const before = original.slice(Math.max(0, offset - 80), offset).replace(/\s+$/, '').replace(MARKERS, '').replace(/\s+$/, '');
  return !/[.!?]["'\u201D\u2019)\]]?$/.test(before);
}

/** For a folded pass: may the folded text [from, to) be jumped over? */
export function interruptionCheck(original: string, folded: Folded): (from: number, to: number) => boolean {
  return (from, to) => {
    // `from` may sit on the "\n" itself or just after it; the jumped lines are those wholly inside.
    const breakAt = from > 0 && folded.text[from - 1] === '\n' ? from - 1 : from;
    const startOrig = (folded.map[breakAt - 1] ?? -1) + 1;
    const endOrig = folded.map[to] ?? original.length;
    const region = original.slice(startOrig, endOrig);
    const firstBreak = region.indexOf('\n');
    // A break is jumped only from the end of a line: what is left of it is punctuation and a marker at most.
    if (firstBreak < 0 || firstBreak > 40) return false;
    // The rest of the line the quote broke off on may hold only punctuation and a marker.
    const lineEnd = startOrig + firstBreak;
    if (!/^[\s,;:\-\u2010-\u2014]*(?:\$\^\{[^}]*\}\$|[\u00B9\u00B2\u00B3\u2070-\u2079]+|\d{1,3})?\s*$/.test(region.slice(0, firstBreak))) return false;
    if (!midSentence(original, lineEnd)) return false;
    const jumped = region.slice(firstBreak).split('\n').map((l) => l.trim()).filter(Boolean);
    // What lies between must be page furniture (a quote may also run straight on over blank lines).
    return jumped.every(isInterruptionLine);
  };
}

/** For a folded pass: is folded offset `at` the first character of a paragraph (after a blank line, or of the text)? */
export function paragraphStartCheck(original: string, folded: Folded): (at: number) => boolean {
  return (at) => {
    if (at === 0) return true;
    if (folded.text[at - 1] !== '\n') return false;
    const prev = folded.map[at - 2];
    const here = folded.map[at];
    if (prev === undefined || here === undefined) return false;
    return /\n[ \t]*\n/.test(original.slice(prev, here));
  };
}
