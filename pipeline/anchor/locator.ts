// anchor: a source text + an offset → where a reader finds it: "p. 7" in a text captured from a PDF
// (pages separated by form feeds), else the section and paragraph ("“Mounting tensions”, para. 2").
//
// Only what the text shows is said. A heading is a Markdown ATX line ("## Heading") when the text
// has any; otherwise a short title-like line standing alone between blank lines (no final stop,
// under 90 characters, a capital first, not page furniture), as plain captures print them, and
// never one of the title lines before the first paragraph (title, subtitle, byline). Paragraphs
// are blocks between blank lines (a text with no blank line at all has one a line); blocks of
// footnotes, captions and page numbers are not counted, nor pull quotes (a line with no final stop
// printed again elsewhere), nor a block that carries on a sentence a page break or a footnote block
// cut (the paragraph before it ends mid-sentence).
import { isInterruptionLine, midSentence } from './interruptions.ts';

/** A text with this character separates its pages: page = 1 + the form feeds before an offset. */
const PAGE_BREAK = '\f';

/** Where one block of the text starts, and what a quote that starts in it is located by. */
interface Block {
  readonly start: number;
  /** The heading in force (the nearest one before), cleaned of its markup; undefined before any. */
  readonly heading: string | undefined;
  /** The paragraph's number within its section; 0 for the heading line itself; undefined for furniture. */
  readonly para: number | undefined;
}

/** A text's pages, or its blocks, computed once and asked about many offsets. */
export interface TextLocations {
  /** Offsets of each form feed, in order; empty for an unpaged text. */
  readonly breaks: readonly number[];
  readonly blocks: readonly Block[];
}

const MARKERS = /(?:\$\^\{[^}]*\}\$|[\u00B9\u00B2\u00B3\u2070-\u2079]+)\s*$/;
/** A line this long with no address in it is prose, even if it starts like a note ("54). It is noteworthy…", after a page break). */
const LONG_PROSE = 240;
const isProse = (line: string) => {
  const t = line.trim();
  return t !== '' && (!isInterruptionLine(t) || (t.length >= LONG_PROSE && !/https?:\/\/|www\./i.test(t)));
};

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const MAX_HEADING = 90;
/** How much of a long heading a locator repeats. */
const SHOWN_HEADING = 72;

/** A heading as a reader sees it: no Markdown emphasis or escapes, one line, clipped at a word. */
function headingText(raw: string): string {
  const plain = raw
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/(\*\*|__|\*|_(?=\S)|(?<=\S)_)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= SHOWN_HEADING) return plain;
  const cut = plain.lastIndexOf(' ', SHOWN_HEADING - 1);
  return `${plain.slice(0, cut > 20 ? cut : SHOWN_HEADING - 1).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A short line that reads as a title: a capital (or number) first, no final stop, not furniture. */
export function isTitleLike(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || t.length > MAX_HEADING) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(t.replace(/^[*_"“‘'([]+/, ''))) return false;
  // A stop before a footnote marker is still a stop ("…crisis.⁴⁶").
  if (/[.,;:!]["'”’)\]*_]*$/.test(t.replace(MARKERS, ''))) return false;
  // "2. The exercise cycle" is a numbered heading, not the note "2 Ibid." it starts like.
  if (isInterruptionLine(t.replace(/^\d{1,2}(?:[.-]\d{1,2})*\.?\s+(?=\p{Lu})/u, ''))) return false;
  // A reference cut from its note ('Mark Trevelyan, "Armenia: …') names a work, not a section.
  if (/,\s*["“]/.test(t)) return false;
  // A date line or a time stamp ("27 March 2023 - 22:10") is furniture, not a section.
  if (/\b\d{1,2}:\d{2}\b/.test(t)) return false;
  return /\p{L}{2}/u.test(t);
}

/** A pull quote may be shortened from the sentence it repeats: its opening words are compared. */
const PULL_PROBE = 40;
/** Does this stand in the text more than once? */
const repeated = (text: string, line: string) => {
  const i = text.indexOf(line);
  return i >= 0 && text.indexOf(line, i + 1) >= 0;
};

/** The text's blocks, numbered: see the head of this file. */
function blocksOf(text: string): Block[] {
  const lines: { start: number; end: number; text: string }[] = [];
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) break;
    start = nl + 1;
  }
  const blank = (l: { text: string }) => l.text.trim() === '';
  const hasBlank = lines.some((l, i) => blank(l) && i > 0 && i < lines.length - 1);
  const markdown = lines.some((l) => ATX.test(l.text));
  // Runs of lines: separated by blank lines, each ATX heading a run of its own; one a line in a text without blank lines.
  const runs: (typeof lines)[] = [];
  let run: typeof lines = [];
  const flush = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  for (const l of lines) {
    if (blank(l)) flush();
    else if ((markdown && ATX.test(l.text)) || !hasBlank) {
      flush();
      runs.push([l]);
    } else run.push(l);
  }
  flush();

  const blocks: Block[] = [];
  let heading: string | undefined;
  let para = 0;
  let seenParagraph = false;
  /** The last prose line counted, to tell whether the next block carries its sentence on. */
  let lastProseEnd: number | undefined;
  for (const r of runs) {
    const first = r[0]!;
    const atx = markdown ? ATX.exec(first.text) : null;
    if (atx) {
      heading = headingText(atx[2]!);
      para = 0;
      lastProseEnd = undefined;
      blocks.push({ start: first.start, heading, para: 0 });
      continue;
    }
    const short = (l: { text: string }) =>
      l.text.trim().length <= MAX_HEADING && !/[.!?]["'”’)\]*_]*$/.test(l.text.trim().replace(MARKERS, ''));
    // Title, subtitle, byline and dateline before the first paragraph name the text, not a section of it.
    if (!seenParagraph && r.every(short)) {
      blocks.push({ start: first.start, heading, para: undefined });
      continue;
    }
    // A heading never cuts a sentence: a short line there is a caption or the tail of a note.
    // (In a text of one paragraph a line, a line without a stop is a pull quote or a heading, not a cut.)
    const cut = hasBlank && lastProseEnd !== undefined && midSentence(text, lastProseEnd);
    if (!markdown && hasBlank && r.length === 1 && cut && isTitleLike(first.text)) {
      blocks.push({ start: first.start, heading, para: undefined });
      continue;
    }
    if (!markdown && hasBlank && r.length === 1 && isTitleLike(first.text)) {
      heading = headingText(first.text);
      para = 0;
      lastProseEnd = undefined;
      blocks.push({ start: first.start, heading, para: 0 });
      continue;
    }
    const prose = r.filter((l) => isProse(l.text));
    // A pull quote: a line with no final stop that the text prints again elsewhere, in full.
    const pull =
      r.length === 1 &&
      short({ text: first.text.slice(-MAX_HEADING) }) &&
      repeated(text, first.text.trim().slice(0, PULL_PROBE));
    if (prose.length === 0 || pull) {
      blocks.push({ start: first.start, heading, para: undefined });
      continue;
    }
    seenParagraph = true;
    if (!cut) para++;
    blocks.push({ start: first.start, heading, para });
    lastProseEnd = prose.at(-1)!.end;
  }
  return blocks;
}

/** Computed once per text; then `locate` answers for any offset. */
export function textLocations(text: string): TextLocations {
  const breaks: number[] = [];
  for (let i = text.indexOf(PAGE_BREAK); i >= 0; i = text.indexOf(PAGE_BREAK, i + 1)) breaks.push(i);
  return { breaks, blocks: breaks.length ? [] : blocksOf(text) };
}

/** How many of the sorted offsets are before `at`. */
function countBefore(sorted: readonly number[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The page an offset of a paged text stands on (1-based); undefined for an unpaged text. */
export const pageAt = (where: TextLocations, offset: number): number | undefined =>
  where.breaks.length ? 1 + countBefore(where.breaks, offset) : undefined;

/**
 * The locator of a span [start, end) (end defaults to start): "p. 7", "pp. 7–8" for a span across
 * a page break; else `“Heading”, para. 3`, `para. 12` with no heading before, `“Heading”` for the
 * heading line itself; undefined where the text says nothing (a footnote block before any heading).
 */
export function locate(where: TextLocations, start: number, end = start): string | undefined {
  if (where.breaks.length) {
    const from = pageAt(where, start)!;
    // The last character of the span, not the offset after it: a span ending at a page break is on one page.
    const to = end > start ? pageAt(where, end - 1)! : from;
    return to > from ? `pp. ${from}–${to}` : `p. ${from}`;
  }
  const i =
    countBefore(
      where.blocks.map((b) => b.start),
      start + 1,
    ) - 1;
  const block = where.blocks[i];
  if (!block) return undefined;
  const heading = block.heading === undefined ? undefined : `“${block.heading}”`;
  if (block.para === undefined || block.para === 0) return heading;
  return heading ? `${heading}, para. ${block.para}` : `para. ${block.para}`;
}

/** For one offset of one text; to locate many quotes in a text, compute textLocations once. */
export const locatorAt = (text: string, start: number, end?: number): string | undefined =>
  locate(textLocations(text), start, end);

/** The pages a written locator names ("p. 7", "page 7", "pp. 7–8", "pages 7-8"); undefined when it names none. */
export function writtenPages(locator: string): { from: number; to: number } | undefined {
  const m = /(?:^|[\s(,;])(?:pp?\.|pages?)\s*(\d+)(?:\s*[–—-]\s*(\d+))?/i.exec(locator);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] === undefined ? from : Math.max(from, Number(m[2])) };
}
