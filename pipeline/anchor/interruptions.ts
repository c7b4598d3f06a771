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
export function midSentence(original: string, offset: number): boolean {
  const before = original.slice(Math.max(0, offset - 80), offset).replace(/\s+$/, '').replace(MARKERS, '').replace(/\s+$/, '');
  return !/[.!?]["'\u201D\u2019)\]]?$/.test(before);
}

/** For a folded pass: may the folded text [from, to) be jumped over? */
export function interruptionCheck(original: string, folded: Folded): (from: number, to: number) => boolean {
  // A quote is tried from many places, each against many lines: every line is judged once, and a
  // jump weighed by counting lines, not by reading them again (which took minutes on a long text).
  let breaks: number[] | undefined;
  /** prose[i]: how many of lines 0…i-1 are prose, which is never jumped (line i ends at breaks[i]). */
  let prose: number[] | undefined;
  const lineEndingAt = (offset: number) => {
    let lo = 0;
    let hi = breaks!.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks![mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The line break a jump from folded offset `from` starts at, or -1 where no jump may start. */
  const breakOf = (from: number): number => {
    // `from` may sit on the "\n" itself or just after it.
    const breakAt = from > 0 && folded.text[from - 1] === '\n' ? from - 1 : from;
    const startOrig = (folded.map[breakAt - 1] ?? -1) + 1;
    const firstBreak = original.indexOf('\n', startOrig);
    // A break is jumped only from the end of a line: what is left of it is punctuation and a marker at most.
    if (firstBreak < 0 || firstBreak - startOrig > 40) return -1;
    if (!/^[\s,;:\-\u2010-\u2014]*(?:\$\^\{[^}]*\}\$|[\u00B9\u00B2\u00B3\u2070-\u2079]+|\d{1,3})?\s*$/.test(original.slice(startOrig, firstBreak))) return -1;
    return midSentence(original, firstBreak) ? firstBreak : -1;
  };
  // The matcher weighs many jumps from one place in a row.
  let lastFrom = -1;
  let lastBreak = -1;
  return (from, to) => {
    if (from !== lastFrom) [lastFrom, lastBreak] = [from, breakOf(from)];
    const firstBreak = lastBreak;
    const endOrig = folded.map[to] ?? original.length;
    if (firstBreak < 0 || firstBreak >= endOrig) return false;
    if (!breaks || !prose) {
      breaks = [];
      prose = [0];
      let lineStart = 0;
      for (let i = original.indexOf('\n'); i >= 0; i = original.indexOf('\n', i + 1)) {
        const line = original.slice(lineStart, i).trim();
        prose.push(prose.at(-1)! + (line && !isInterruptionLine(line) ? 1 : 0));
        breaks.push(i);
        lineStart = i + 1;
      }
    }
    // The lines wholly between the two breaks, not the head of the line the quote goes on in (the "*"
    // of "*changed*", folded away), must be page furniture, or blank (a quote may run on over blank
    // lines). So a jump that fails fails for every later line too, and the matcher stops there.
    const a = lineEndingAt(firstBreak);
    const b = lineEndingAt(original.lastIndexOf('\n', endOrig - 1));
    return prose[b + 1] === prose[a + 1];
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
