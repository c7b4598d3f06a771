// validate: the text of every corpus file that is printed → E_NO_GLYPH where a character is in no
// bundled font. Chromium would draw it from whatever font the machine has (or as an empty box), so
// the PDF would depend on the machine: such a character is an error, not a fallback.
// The files are scanned as written, not field by field: whatever is printed is in them, and a
// position in the file is what the author needs. YAML comments are skipped (never printed); the
// source texts (data/sources/text/) are not read here: they are never printed whole.
import { CST, Lexer } from 'yaml';
import type { GlyphCoverage } from '../config/coverage.ts';
import { PRINTED_SCRIPTS } from '../config/fonts.ts';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { YamlSource } from '../core/yaml-positions.ts';
import type { LoadedCorpus } from '../load/types.ts';

/** Some text of a corpus file, and where in the file it starts. */
export interface ScannedText {
  readonly file: string;
  readonly text: string;
  /** 1-based line of the file on which `text` starts (at column 1). */
  readonly line: number;
  /** YAML (or JSON): its comments are not printed. */
  readonly yaml: boolean;
}

/** Every printed file's text: YAML and JSON files, front matter and body of Markdown, data files. */
export function printedTexts(loaded: LoadedCorpus): ScannedText[] {
  const yaml = (src: YamlSource | undefined): ScannedText[] =>
    src ? [{ file: src.file, text: src.text, line: 1 + src.lineOffset, yaml: true }] : [];
  return [
    ...yaml(loaded.actors),
    ...yaml(loaded.perspectives),
    ...yaml(loaded.questions),
    ...yaml(loaded.audiences),
    ...[...loaded.sources, ...loaded.reports].flatMap((md) => [
      ...yaml(md.frontMatter),
      { file: md.file, text: md.body, line: md.bodyLine, yaml: false },
    ]),
    ...loaded.claims.flatMap(yaml),
    ...loaded.events.flatMap(yaml),
    ...loaded.charts.flatMap(yaml),
    ...loaded.packs.flatMap(yaml),
    ...loaded.datasets.flatMap((ds) => [
      ...yaml(ds.sidecar),
      ...(ds.table?.text !== undefined ? [{ file: ds.table.file, text: ds.table.text, line: 1, yaml: false }] : []),
    ]),
  ];
}

/**
 * Not drawn, so no glyph is needed: controls (tab, line ends), and the default-ignorable marks
 * (zero-width joiner and non-joiner, bidi marks, variation selectors, soft hyphen).
 */
const UNDRAWN = /^[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]$/u;

/** Scripts a reader would name; anything else is a symbol of its own. */
const SCRIPTS: readonly [RegExp, string][] = [
  ['Han', 'Han (Chinese) script'],
  ['Hiragana', 'Japanese kana'],
  ['Katakana', 'Japanese kana'],
  ['Hangul', 'Korean Hangul'],
  ['Hebrew', 'Hebrew script'],
  ['Syriac', 'Syriac script'],
  ['Thaana', 'Thaana script'],
  ['Devanagari', 'Devanagari script'],
  ['Bengali', 'Bengali script'],
  ['Gurmukhi', 'Gurmukhi script'],
  ['Gujarati', 'Gujarati script'],
  ['Tamil', 'Tamil script'],
  ['Telugu', 'Telugu script'],
  ['Kannada', 'Kannada script'],
  ['Malayalam', 'Malayalam script'],
  ['Sinhala', 'Sinhala script'],
  ['Thai', 'Thai script'],
  ['Lao', 'Lao script'],
  ['Tibetan', 'Tibetan script'],
  ['Myanmar', 'Myanmar script'],
  ['Khmer', 'Khmer script'],
  ['Ethiopic', 'Ethiopic script'],
  ['Mongolian', 'Mongolian script'],
  ['Bopomofo', 'Bopomofo'],
  ['Yi', 'Yi script'],
  ['Latin', 'Latin script'],
  ['Greek', 'Greek script'],
  ['Cyrillic', 'Cyrillic script'],
  ['Arabic', 'Arabic script'],
  ['Armenian', 'Armenian script'],
  ['Georgian', 'Georgian script'],
].map(([script, label]) => [new RegExp(`^\\p{Script=${script}}$`, 'u'), label] as [RegExp, string]);

/** Anything but printable ASCII and line feeds, whole code points at a time. */
const NOT_PLAIN_ASCII = /[^\x20-\x7e\n]/gu;

const EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Component}]$/u;

/** What a reader calls the character's kind: its script, "emoji", or undefined for a lone symbol. */
export function scriptOf(ch: string): string | undefined {
  if (EMOJI.test(ch) && ch.codePointAt(0)! > 0x7f) return 'emoji';
  return SCRIPTS.find(([re]) => re.test(ch))?.[1];
}

/** "Latin, Greek, Cyrillic, Arabic (Persian too), Armenian and Georgian". */
const PRINTED = PRINTED_SCRIPTS.map((s) => (s === 'Arabic' ? 'Arabic (Persian too)' : s))
  .join(', ')
  .replace(/, ([^,]*)$/, ' and $1');

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Offsets [start, end) of the comments of a YAML text (the lexer's own markers take no room in it). */
function yamlComments(text: string): [number, number][] {
  const comments: [number, number][] = [];
  let offset = 0;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    // DOCUMENT, FLOW_END and SCALAR markers are the lexer's, not the text's; after SCALAR comes a
    // scalar's body, which may start with "#" (a block scalar's content) and is never a comment.
    if (token === CST.DOCUMENT || token === CST.FLOW_END || token === CST.SCALAR) {
      previous = token;
      continue;
    }
    if (previous !== CST.SCALAR && CST.tokenType(token) === 'comment') comments.push([offset, offset + token.length]);
    offset += token.length;
    previous = token;
  }
  return comments;
}

interface Group {
  readonly first: { readonly ch: string; readonly line: number; readonly column: number };
  readonly chars: Map<string, number>;
  readonly lines: Set<number>;
  count: number;
}

/**
 * E_NO_GLYPH: one error per file for each script (or lone symbol) no bundled font prints, at its
 * first character, with how many there are and on which lines: a paragraph of Chinese is one error.
 */
export function unprintedCharacters(texts: readonly ScannedText[], coverage: GlyphCoverage): Diagnostic[] {
  const byFile = new Map<string, Map<string, Group>>();
  for (const { file, text, line: firstLine, yaml } of texts) {
    let comments: [number, number][] | undefined;
    // Lines are counted only up to each character looked at, with the native indexOf: a corpus is
    // mostly printable ASCII (which the Latin faces have), skipped by the regular expression.
    let line = firstLine;
    let lineStart = 0;
    for (const m of text.matchAll(NOT_PLAIN_ASCII)) {
      const ch = m[0];
      const at = m.index;
      const cp = ch.codePointAt(0)!;
      if (coverage.covers(cp) || UNDRAWN.test(ch)) continue;
      if (yaml) {
        comments ??= yamlComments(text);
        if (comments.some(([s, e]) => at >= s && at < e)) continue;
      }
      for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < at; nl = text.indexOf('\n', lineStart)) {
        line++;
        lineStart = nl + 1;
      }
      const key = scriptOf(ch) ?? ch;
      let groups = byFile.get(file);
      if (!groups) {
        groups = new Map();
        byFile.set(file, groups);
      }
      let group = groups.get(key);
      if (!group) {
        group = { first: { ch, line, column: at - lineStart + 1 }, chars: new Map(), lines: new Set(), count: 0 };
        groups.set(key, group);
      }
      group.count++;
      group.chars.set(ch, (group.chars.get(ch) ?? 0) + 1);
      group.lines.add(line);
    }
  }
  return [...byFile].flatMap(([file, groups]) => [...groups.values()].map((g) => noGlyph(file, g)));
}

function noGlyph(file: string, g: Group): Diagnostic {
  const { ch, line, column } = g.first;
  const lines = [...g.lines].sort((a, b) => a - b);
  const onLines = `on line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 6).join(', ')}${lines.length > 6 ? ' and more' : ''}`;
  const script = scriptOf(ch);
  const more =
    g.count === 1
      ? ''
      : g.chars.size === 1
        ? `; this file has it ${g.count} times, ${onLines}`
        : `; this file has ${g.count} such characters (${g.chars.size} different), ${onLines}`;
  const what = `"${ch}" (${codePoint(ch)}${script ? `, ${script}` : ''}) is in no bundled font${more}`;
  const fix =
    script === 'emoji'
      ? 'say it in words'
      : 'transliterate or translate it (the original may stay in the source text, which is never printed whole), or show it as an image';
  return diagnostic(
    { file, line, column },
    'E_NO_GLYPH',
    what,
    `the PDF would draw it from whatever font the machine has, or as an empty box: ${fix}; the bundled fonts print ${PRINTED}, and a script beyond them needs a font added in pipeline/config/fonts.ts`,
  );
}
