// anchor: what may interrupt a quoted sentence in a capture, judged on the original text.
// A jump is allowed only where the sentence breaks off mid-way (no full stop before the break)
// and only over lines that look like page furniture: footnote entries, references and URLs,
// photo captions, page numbers, and the running heads and feet of a captured PDF (lines that repeat
// beside its form-feed page breaks). Ordinary paragraphs are never jumped, so a quote cannot be
// stitched from two places, nor lose a word that stands on a line of its own.
import type { Folded } from './normalize.ts';

const FOOTNOTE_ENTRY = /^\s*(?:[\u00B9\u00B2\u00B3\u2070-\u2079]+|\$\^\{|\d{1,3}[\s.)\]])/;
const REFERENCE = /https?:\/\/|www\.|\b(?:doi|ibid|accessed|retrieved)\b/i;
// A caption's parentheses close before the next "(": checked first, so a line of "(((…" costs one scan.
const CAPTION =
  /\((?=[^()]*\))(?:[^)]*\b(?:photo|via|source|credit|courtesy|image|wiki\w*|getty|reuters|afp|ap)\b[^)]*)\)|©/i;
const PAGE_FURNITURE = /^\s*(?:page\s+)?\d{1,4}\s*$/i;
const MARKERS = /(?:\$\^\{[^}]*\}\$|[\u00B9\u00B2\u00B3\u2070-\u2079]+|\d{1,3})\s*$/;

export function isInterruptionLine(line: string): boolean {
  return FOOTNOTE_ENTRY.test(line) || REFERENCE.test(line) || CAPTION.test(line) || PAGE_FURNITURE.test(line);
}

/** How far from a page break (a line holding only a form feed) a running head or foot stands, in non-blank lines. */
const EDGE_LINES = 3;
const MAX_HEAD_LENGTH = 120;
const headKey = (line: string) => line.replace(/\d+/g, '0');

/**
 * The running heads and feet of a text with page breaks: the lines (trimmed, digits folded, at
 * most 120 characters) that occur at least twice and, at every occurrence, within 3 non-blank
 * lines of a form-feed line (or of the text's start or end). A line that also stands in the body is prose, however often it
 * repeats. Computed once a text; `lines` are the text's lines, trimmed.
 */
export function runningHeads(lines: readonly string[]): Set<string> {
  const heads = new Set<string>();
  const breaks: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i] === '\f') breaks.push(i);
  if (breaks.length === 0) return heads;
  // The first page's head and the last page's foot stand at the start and the end of the text.
  breaks.unshift(-1);
  breaks.push(lines.length);
  /** Lines within EDGE_LINES non-blank lines of a break. */
  const edge = new Set<number>();
  for (const b of breaks) {
    for (const step of [-1, 1]) {
      let seen = 0;
      for (let i = b + step; i >= 0 && i < lines.length && seen < EDGE_LINES; i += step) {
        if (lines[i] === '\f') break;
        if (!lines[i]) continue;
        edge.add(i);
        seen++;
      }
    }
  }
  const near = new Map<string, number>();
  for (const i of edge) {
    if (lines[i]!.length > MAX_HEAD_LENGTH) continue;
    const key = headKey(lines[i]!);
    near.set(key, (near.get(key) ?? 0) + 1);
  }
  const candidates = new Map([...near].filter(([, n]) => n >= 2));
  if (candidates.size === 0) return heads;
  // A candidate also met away from the page edges is body text.
  const away = new Set<string>();
  lines.forEach((line, i) => {
    if (!edge.has(i) && line && line.length <= MAX_HEAD_LENGTH && candidates.has(headKey(line)))
      away.add(headKey(line));
  });
  for (const key of candidates.keys()) if (!away.has(key)) heads.add(key);
  return heads;
}

/** Does the original text before `offset` end mid-sentence (ignoring footnote markers and a hyphen)? */
export function midSentence(original: string, offset: number): boolean {
  const before = original
    .slice(Math.max(0, offset - 80), offset)
    .replace(/\s+$/, '')
    .replace(MARKERS, '')
    .replace(/\s+$/, '');
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
    if (
      !/^[\s,;:\-\u2010-\u2014]*(?:\$\^\{[^}]*\}\$|[\u00B9\u00B2\u00B3\u2070-\u2079]+|\d{1,3})?\s*$/.test(
        original.slice(startOrig, firstBreak),
      )
    )
      return -1;
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
      // A page break's form feed is a line of its own; String.prototype.trim drops it, so that line is blank.
      const heads = original.includes('\f')
        ? runningHeads(original.split('\n').map((l) => (l.trim() === '' && l.includes('\f') ? '\f' : l.trim())))
        : undefined;
      let lineStart = 0;
      for (let i = original.indexOf('\n'); i >= 0; i = original.indexOf('\n', i + 1)) {
        const line = original.slice(lineStart, i).trim();
        const furniture =
          !line ||
          isInterruptionLine(line) ||
          (heads !== undefined && heads.size > 0 && line.length <= MAX_HEAD_LENGTH && heads.has(headKey(line)));
        prose.push(prose.at(-1)! + (furniture ? 0 : 1));
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
