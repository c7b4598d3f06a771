// core: converts positions from the `yaml` parser (0-based offsets, LineCounter)
// into our 1-based SourcePos. The one adapter every stage uses for YAML and JSON files.
import {
  Composer,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  YAMLParseError,
  type CST,
  type Document,
  type Node,
} from 'yaml';
import { diagnostic, type Diagnostic, type SourcePos } from './diagnostics.ts';
import { ParseCache } from './parse-cache.ts';
import { fastYaml } from './yaml-fast.ts';

/** A parsed YAML (or JSON) document that remembers where it came from. */
export interface YamlSource {
  /** Path as shown to the user, relative to the working directory. */
  readonly file: string;
  readonly text: string;
  /** Its nodes with their offsets: when the fast reader read the file, parsed on first use (to locate something). */
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Lines of the file before the YAML starts (front matter starts after its `---`). */
  readonly lineOffset: number;
  /** The plain value, when the fast reader (yaml-fast.ts) read the file; values are read off `doc` otherwise. */
  readonly fast?: { readonly value: unknown };
  /** The sha256 of `text`, when it was read through a parse cache: what the file's own checks are kept by (validate/cache.ts). */
  readonly hash?: string;
}

export type PathKey = string | number;

/** Whether `src` was read by the fast reader and has not been parsed with positions yet. */
const unparsed = (src: YamlSource): src is FastSource => src instanceof FastSource && !src.parsed;

/** A position found when first read (the file parsed with positions then): most positions kept for a diagnostic are never shown. */
function lazyPos(src: FastSource, find: () => SourcePos): SourcePos {
  let pos: SourcePos | undefined;
  const found = () => {
    src.parse();
    pos ??= find();
    return pos;
  };
  return {
    file: src.file,
    get line() {
      return found().line;
    },
    get column() {
      return found().column;
    },
  };
}

export function posAtOffset(src: YamlSource, offset: number): SourcePos {
  if (unparsed(src)) return lazyPos(src, () => posAtOffset(src, offset));
  // At the "\n" of a CRLF line end the line ends at its "\r": CRLF is read as if it were LF.
  const at = src.text[offset] === '\n' && src.text[offset - 1] === '\r' ? offset - 1 : offset;
  const { line, col } = src.lineCounter.linePos(Math.max(0, at));
  return { file: src.file, line: line + src.lineOffset, column: col };
}

/** Walks a key path; returns the deepest node reached and, when `key` is asked, the key node. */
function nodeAt(src: YamlSource, path: readonly PathKey[], wantKey: boolean): Node | undefined {
  let node: unknown = src.doc.contents;
  let found: Node | undefined = isNodeLike(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return found;
      if (last && wantKey && isNodeLike(pair.key)) return pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      return found;
    }
    if (isNodeLike(node)) found = node;
    else return found;
  }
  return found;
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** Position of the value at `path` (or of its key), falling back to the nearest parent. */
export function locate(src: YamlSource, path: readonly PathKey[], opts: { key?: boolean } = {}): SourcePos {
  if (unparsed(src)) return lazyPos(src, () => locate(src, path, opts));
  const node = nodeAt(src, path, opts.key ?? false);
  const offset = node?.range?.[0] ?? 0;
  return posAtOffset(src, offset);
}

export interface Parsed<T> {
  readonly value: T | undefined;
  readonly diagnostics: Diagnostic[];
}

/** A file the fast reader read: its nodes and offsets are parsed by the full reader when first asked for. */
class FastSource implements YamlSource {
  private full: YamlSource | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
    readonly lineOffset: number,
    readonly fast: { readonly value: unknown },
    readonly hash?: string,
  ) {}
  get parsed(): boolean {
    return this.full !== undefined;
  }
  /** The file parsed with positions (once). */
  parse(): YamlSource {
    if (!this.full) {
      const { value, diagnostics } = parseFully(this.file, this.text, this.lineOffset);
      // yaml-fast.ts answers only for files the two readers read alike: a difference is our bug.
      if (!value)
        throw new Error(`the fast and the full YAML reader disagree on ${this.file}: ${diagnostics[0]?.message}`);
      this.full = value;
    }
    return this.full;
  }
  get doc(): Document.Parsed {
    return this.parse().doc;
  }
  get lineCounter(): LineCounter {
    return this.parse().lineCounter;
  }
}

/**
 * YAML (and JSON, which is YAML) keeping positions. The core schema keeps
 * `2021-06-15` a string: dates are EDTF strings, parsed on purpose later. Read by the fast reader
 * where it can (yaml-fast.ts), whose file is parsed with positions only when something in it is located;
 * through `cache` (by the text's hash) when it was read before.
 */
export function parseYaml(file: string, text: string, lineOffset = 0, cache?: ParseCache): Parsed<YamlSource> {
  const hash = cache && ParseCache.hashOf(text);
  const cached = hash ? cache?.get(hash) : undefined;
  const fast = cached ?? fastYaml(text);
  if (fast) {
    if (hash && !cached) cache?.set(hash, fast.value);
    return { value: new FastSource(file, text, lineOffset, fast, hash), diagnostics: [] };
  }
  return parseFully(file, text, lineOffset, hash);
}

/** The `yaml` package's reading, with every node's offsets, and its errors located. */
export function parseFully(file: string, text: string, lineOffset: number, hash?: string): Parsed<YamlSource> {
  // Lines counted from the text, not by the parser: it misses the line breaks inside a token it
  // cannot read, and put every later position a line early, past the end of that line.
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  // parseDocument, in two steps, to look at the nesting between them.
  const tokens = [...new Parser().parse(text)];
  const deep = tokens.map(nestedTooDeep).find((offset) => offset !== undefined);
  if (deep !== undefined) {
    const { line, col } = lineCounter.linePos(deep);
    return {
      value: undefined,
      diagnostics: [
        diagnostic(
          { file, line: line + lineOffset, column: col },
          'E_YAML_SYNTAX',
          `YAML syntax error: lists and mappings nested more than ${MAX_DEPTH} deep`,
          'a corpus file needs a few levels: look for a "[" or "{" that is never closed, or indentation that runs away',
        ),
      ],
    };
  }
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ schema: 'core', prettyErrors: false, uniqueKeys: true }).compose(
    tokens,
    true,
    text.length,
  )) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  const src: YamlSource = { file, text, doc: doc!, lineCounter, lineOffset, ...(hash ? { hash } : {}) };
  const diagnostics = src.doc.errors.map((err) => {
    const at = posAtOffset(src, err.pos[0]);
    const firstLine = err.message.split('\n')[0] ?? err.message;
    return diagnostic(
      at,
      'E_YAML_SYNTAX',
      `YAML syntax error: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`,
      yamlHint(err.code),
    );
  });
  return { value: diagnostics.length ? undefined : src, diagnostics };
}

/**
 * Deeper than any corpus file goes. Deeper still, the parser's recursion overflows the stack at a depth
 * that depends on what is on the stack already: the same file gave an error one time and none the next.
 */
const MAX_DEPTH = 100;

/** The offset of a list or mapping nested more than MAX_DEPTH deep in a parsed token, walked without recursion. */
function nestedTooDeep(token: CST.Token): number | undefined {
  const stack: [CST.Token, number][] = [[token, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [t, depth] = next;
    if (t.type === 'document' && t.value) stack.push([t.value, depth]);
    if (t.type !== 'block-map' && t.type !== 'block-seq' && t.type !== 'flow-collection') continue;
    if (depth === MAX_DEPTH) return t.offset;
    for (const item of t.items) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping; remove or rename one of them';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation (items of one list or mapping line up) and that every "[" or "{" is closed';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value that contains ": " must be quoted, e.g. quote: "a: b"';
    default:
      return 'quote values that contain ":", "#", "[" or start with a quote mark';
  }
}

/** The yaml library refuses to expand aliases past a limit (a "billion laughs" file): a located error, not a crash. */
export const isAliasBomb = (err: unknown) => err instanceof ReferenceError && /alias/i.test(err.message);
export const aliasBomb = (at: SourcePos) =>
  diagnostic(
    at,
    'E_YAML_ALIASES',
    'this entry uses YAML aliases (*name) that would expand into far too much data',
    'write the values out, or use fewer aliases: at most 100 alias expansions are read per entry',
  );
