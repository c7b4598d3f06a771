// anchor: folds a capture and a quote into comparable forms, keeping a map from every
// character of the folded text back to its offset in the original (UTF-16 units).
//
// Hand-written: no library folds Markdown, footnote markers and typography while keeping
// an offset map, and the map is what lets an anchor be shown and re-checked in the real text.

export interface Folded {
  /** Folded text: lowercase, typography folded; a line break in the original is "\n". */
  readonly text: string;
  /** map[i] = offset in the original of folded character i (4 bytes a character: a 10 MB text folds in bounded memory). */
  readonly map: Int32Array;
}

type Rep = string | ((match: RegExpExecArray) => string);

/** An offset map built by appending, grown as it fills. */
class MapBuilder {
  private buf: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Int32Array(Math.max(16, capacity));
  }
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Int32Array(Math.max(this.length + n, Math.ceil(this.buf.length * 1.5)));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
  copy(from: Int32Array, start: number, end: number): void {
    this.room(end - start);
    this.buf.set(from.subarray(start, end), this.length);
    this.length += end - start;
  }
  repeat(value: number, n: number): void {
    this.room(n);
    this.buf.fill(value, this.length, this.length + n);
    this.length += n;
  }
  done(): Int32Array {
    return this.buf.length === this.length ? this.buf : this.buf.slice(0, this.length);
  }
}

/** Replaces every match; replacement characters map to the match's start. A pass that matches nothing copies nothing. */
function replace(f: Folded, re: RegExp, rep: Rep): Folded {
  re.lastIndex = 0;
  if (!re.test(f.text)) return f;
  let text = '';
  const map = new MapBuilder(f.map.length);
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(f.text); m; m = re.exec(f.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    text += f.text.slice(last, m.index);
    map.copy(f.map, last, m.index);
    const r = typeof rep === 'string' ? rep : rep(m);
    text += r;
    map.repeat(f.map[m.index]!, r.length);
    last = m.index + m[0].length;
  }
  text += f.text.slice(last);
  map.copy(f.map, last, f.map.length);
  return { text, map: map.done() };
}

/** Each character that is not ASCII, in NFKC (ASCII is its own NFKC): ligatures and full-width forms unfold. */
const NON_ASCII = /[^\x00-\x7F]/gu;

/**
 * Lowercase, character by character (İ gives i and a combining dot, which is dropped). Where
 * lowercasing the whole text changes no length, drops no dot and meets no Σ (whose lowercase
 * depends on its neighbours), that is the same thing at a fraction of the cost, and the map stays.
 */
function lowercase(f: Folded): Folded {
  if (!/[\u03A3\u0130\u0307]/.test(f.text)) {
    const lower = f.text.toLowerCase();
    if (lower.length === f.text.length && !lower.includes('\u0307')) return { text: lower, map: f.map };
  }
  return replace(f, /[^\x00-\x40\x5B-\x7F]/gu, (m) => m[0].toLowerCase().replace(/\u0307/g, ''));
}

/** Every quotation mark and apostrophe folds to one: ‘Look East’ quotes "Look East". */
const QUOTE_MARKS = /[\u2018\u2019\u201A\u201B\u2032\u00B4`"\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// NUL too: it masks the excluded parts of a text, and a quote must not match the mask.
const INVISIBLE = /[\u0000\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;
/** Footnote markers that are never text: superscript digits and LaTeX superscripts. Stripped before NFKC, which would turn ¹ into 1. */
const SUPERSCRIPTS = /\$\^\{[^}$]*\}\$|[\u2070\u00B9\u00B2\u00B3\u2074-\u207F]+/g;
/**
 * Plain-digit footnote markers glued to punctuation ("sanctions.37 Eventually", "EU,6 Russia").
 * Text only, and only in a second pass.
 */
const PLAIN_MARKERS = /(?<=(?:^|\D)[.,;:!?"'\u201D\u2019)\]])\d{1,3}(?=\s|$)/g;
/** A number after punctuation and a space ("uncontested, 5 but"): a marker only if the markers around it say so. */
const SPACED_CANDIDATES = /(?<=(?:^|\D)[.,;:])[ ](\d{1,3})(?=[ ][a-z])/g;
const SUPERSCRIPT_DIGITS = '\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079';
const ANY_MARKER = new RegExp(
  `\\$\\^\\{(?:\\\\rm\\s*)?(\\d+)\\}\\$|([${SUPERSCRIPT_DIGITS}]+)|(?<=(?:^|\\D)[.,;:!?"'\u201D\u2019)\\]])(\\d{1,3})(?=\\s|$)`,
  'g',
);
/** How far to look for the markers before and after a candidate. */
const MARKER_WINDOW = 6000;

/**
 * The spaced numbers that sit between two certain markers of the same footnote sequence
 * (…⁴ … 5 … 6…): those are markers too. "In the war, 44 days" has no 43 and 45 around it,
 * so it stays a number; a quote that drops it is not found.
 */
function spacedMarkers(text: string): Set<number> {
  const markers: { at: number; n: number }[] = [];
  for (const m of text.matchAll(ANY_MARKER)) {
    // Markers in running text only: a footnote entry ("⁵ Hamidreza Azizi, …") starts its line.
    if (m.index === 0 || /\s/.test(text[m.index - 1]!)) continue;
    const digits = m[1] ?? m[3] ?? [...(m[2] ?? '')].map((ch) => SUPERSCRIPT_DIGITS.indexOf(ch)).join('');
    markers.push({ at: m.index, n: Number(digits) });
  }
  const accepted = new Set<number>();
  for (const m of text.matchAll(SPACED_CANDIDATES)) {
    const n = Number(m[1]);
    const before = markers.filter((k) => k.at < m.index && m.index - k.at <= MARKER_WINDOW).at(-1);
    const after = markers.find((k) => k.at > m.index && k.at - m.index <= MARKER_WINDOW);
    if (before && after && before.n < n && n < after.n && after.n - before.n <= 4) accepted.add(m.index);
  }
  return accepted;
}
// The patterns on source texts never scan past the next "<" or "$": one that did would rescan the
// rest of a long line from every "<" of "<a<a<a…" (quadratic; minutes on one 100 kB line).
const HTML_TAGS = /<\/?[a-zA-Z][^<>\n]*>/g;
const MD_ESCAPE = /\\([\\`*_{}[\]()#+\-.!$|~<>])/g;
const MD_EMPHASIS = /\*{1,3}|(?<![\p{L}\p{N}])_{1,3}|_{1,3}(?![\p{L}\p{N}])/gu;
const HYPHEN_IN_WORD = /(?<=\p{L})-(?=\p{L})/gu;
const PUNCTUATION_COMMA = /,(?=\s|$)/g;

function foldCommon(f: Folded, lower = true): Folded {
  f = replace(f, SUPERSCRIPTS, '');
  f = replace(f, HTML_TAGS, '');
  f = replace(f, MD_ESCAPE, (m) => m[1]!);
  f = replace(f, MD_EMPHASIS, '');
  f = replace(f, NON_ASCII, (m) => m[0].normalize('NFKC'));
  f = replace(f, QUOTE_MARKS, "'");
  f = replace(f, DASHES, '-');
  f = replace(f, INVISIBLE, '');
  f = replace(f, SPACES, ' ');
  // İ lowercases to i + combining dot; the dot carries nothing for matching.
  if (lower) f = lowercase(f);
  f = replace(f, HYPHEN_IN_WORD, '');
  // A comma before a space or line end is punctuation a careful quoter may drop at a break
  // ("is surging, ¹⁷ … in 2023" quoted as "is surging in 2023"); digit-group commas (50,000) stay.
  return replace(f, PUNCTUATION_COMMA, '');
}

const identity = (text: string): Folded => {
  const map = new Int32Array(text.length);
  for (let i = 0; i < map.length; i++) map[i] = i;
  return { text, map };
};

/**
 * The source text, folded. With `plainMarkers`, digits glued after punctuation are taken
 * for footnote markers too; that pass runs only when the first finds nothing, so a
 * quote's real numbers are never thrown away.
 */
export function foldText(text: string, plainMarkers: boolean): Folded {
  let f = identity(text);
  if (plainMarkers) {
    const spaced = spacedMarkers(text);
    f = replace(f, SPACED_CANDIDATES, (m) => (spaced.has(m.index) ? '' : m[0]));
    f = replace(f, PLAIN_MARKERS, '');
  }
  f = foldCommon(f);
  // A whitespace run that holds a line break becomes "\n": interruptions start and end there.
  return replace(f, /\s+/g, (m) => (m[0].includes('\n') ? '\n' : ' '));
}

/** A quote, folded the same way, on one line. */
export function foldQuote(quote: string): string {
  return foldCommon(identity(quote)).text.replace(/\s+/g, ' ').trim();
}

/** Which characters of the folded quote were capitals in the quote (only drop capitals can be lost). */
export function quoteCapitals(quote: string): boolean[] | undefined {
  const kept = foldCommon(identity(quote), false).text.replace(/\s+/g, ' ').trim();
  const folded = foldQuote(quote);
  if (kept.length !== folded.length) return undefined;
  return Array.from(kept, (ch, i) => ch !== folded[i] && ch.toLowerCase() === folded[i]);
}

/** Splits a quote at its ellipses ("…", "...", "[…]", "[...]") into the parts that must appear in order. */
export function quoteParts(quote: string): string[] {
  return quote
    .split(/\[?(?:\u2026|\.\s?\.\s?\.)\]?/)
    .map((p) => p.trim())
    .filter(Boolean);
}
