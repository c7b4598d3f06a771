// core: YAML text → its plain value, fast and without positions, or undefined when the fast reader
// cannot vouch for the same answer as the `yaml` package (yaml-positions.ts), which then reads it.
// The `yaml` package keeps a node with its offsets for every value: at 100 × the sample that cost
// most of `check` (lexer, parser, composer and their garbage). js-yaml reads the same files about
// ten times faster; positions are needed only for a diagnostic, and are then taken from a full
// parse of that one file. The two readers must agree on every file the fast one answers for:
// - it answers only for files of the plain shape corpus files are written in (plainShape below:
//   `key: value` lines, lists, one-line quoted strings and flow lists, literal and folded blocks);
//   anchors, tags, multi-line flow scalars, explicit keys, directives, tabs, … go to the full reader;
// - scalars are resolved by the `yaml` core schema's own patterns (below), not js-yaml's;
// - null or empty keys, keys longer than an implicit key may be, nesting deeper than the full
//   reader allows, and any error of js-yaml's are left to the full reader, which says it, located.
// tests/unit/core/yaml-fast.test.ts holds the two to the same values on random documents.
import jsyaml from 'js-yaml';

/** The core schema's scalars, as the `yaml` package resolves them (yaml/dist/schema/core). */
const CORE = new jsyaml.Schema({
  include: [jsyaml.FAILSAFE_SCHEMA],
  implicit: [
    new jsyaml.Type('tag:yaml.org,2002:null', {
      kind: 'scalar',
      resolve: (s) => /^(?:~|[Nn]ull|NULL)?$/.test(s),
      construct: () => null,
    }),
    new jsyaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (s) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s),
      construct: (s) => s[0] === 't' || s[0] === 'T',
    }),
    // One type a tag: js-yaml keeps only the last of several with the same tag.
    new jsyaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (s) => /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(s),
      construct: (s) =>
        s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10),
    }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (s) =>
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/.test(
          s,
        ),
      construct: (s) =>
        /^\.nan$/i.test(s)
          ? Number.NaN
          : /inf$/i.test(s)
            ? s[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : parseFloat(s),
    }),
  ],
});

/** A key as written in the corpus: a plain word. */
const KEY = '[A-Za-z_][A-Za-z0-9_-]*';
/** A plain scalar on one line: no indicator first, no ": " or " #" inside, no ":" last. */
const PLAIN = String.raw`(?![-?:](?: |$))[^\s[\]{}#&*!|>'"%@${'`'},](?:[^:#]|:(?! |$)|(?<! )#)*?(?<!:)`;
/** In a flow list: no flow indicators or ":" at all. */
const FLOW_PLAIN = String.raw`(?![-?](?: |$))[^\s[\]{}#&*!|>'"%@${'`'},:][^[\]{},:#]*?`;
/** Double-quoted, with the common escapes (no lone surrogate). */
const DOUBLE = String.raw`"(?:[^"\\]|\\(?:["\\/bnrt0 ]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4}))*"`;
const SINGLE = "'(?:[^']|'')*'";
const ITEM = `(?:${FLOW_PLAIN}|${DOUBLE}|${SINGLE})`;
const LIST = `\\[ *(?:${ITEM}(?: *, *${ITEM})*)? *\\]`;
const PAIR = `${KEY}: +(?:${ITEM}|${LIST})`;
/** A value on its line: a scalar, a flow list of scalars, a flow mapping of scalars and such lists. */
const VALUE = `(?:${PLAIN}|${DOUBLE}|${SINGLE}|${LIST}|\\{ *(?:${PAIR}(?: *, *${PAIR})*)? *\\})`;
/** One line of the plain shape: indentation, list dashes, then a key and its value on the line, or a value. */
const LINE = new RegExp(`^( *)((?:- +)*)(?:(${KEY}):(?: +(?:${VALUE}|([|>]-?)))?|(?<=- )(?:${VALUE}|([|>]-?))) *$`);

/**
 * Whether `text` is written in the plain shape the fast reader answers for: every line blank, a
 * comment, `key: value` or `- value` with the value on its line (a plain word or sentence, a quoted
 * string with the common escapes, a flow list of such), or a line of a literal or folded block
 * (`|`, `>`, `|-`, `>-`) indented past its key, none ending in spaces and, folded, none indented
 * further than the first. That is how corpus files are written; anything else (anchors, tags,
 * multi-line flow scalars, flow mappings, explicit keys, directives, tabs, …) the `yaml` package reads.
 */
function plainShape(text: string): boolean {
  if (/[\t\r\uFEFF]|__proto__/.test(text)) return false;
  let block: { parent: number; folded: boolean; indent?: number } | undefined;
  for (const line of text.split('\n')) {
    if (block) {
      const indent = line.length - line.trimStart().length;
      if (line === '') continue;
      if (indent > block.parent) {
        if (line.trim() === '' || line.endsWith(' ')) return false;
        block.indent ??= indent;
        if (indent < block.indent || (block.folded && indent !== block.indent)) return false;
        continue;
      }
      block = undefined;
    }
    if (/^ *(?:#.*)?$/.test(line)) continue;
    const m = LINE.exec(line);
    if (!m) return false;
    const header = m[4] ?? m[5];
    if (header) block = { parent: m[1]!.length + m[2]!.length, folded: header.startsWith('>') };
  }
  return true;
}

/** Deeper than this, the full reader's own limit (100) may apply: it is left to say so. */
const DEPTH = 90;
/** An implicit key may be at most 1024 characters long in the `yaml` package. */
const KEY_LENGTH = 1000;

/** Whether every key of `value` is one the two readers name alike, and it nests no deeper than DEPTH. */
function plainKeys(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => plainKeys(v, depth + 1));
  for (const [key, v] of Object.entries(value)) {
    // A null key is '' to the `yaml` package and 'null' to js-yaml.
    if (key === '' || key === 'null' || key.length > KEY_LENGTH || key.includes('\n')) return false;
    if (!plainKeys(v, depth + 1)) return false;
  }
  return true;
}

/** The plain value of `text`, as the `yaml` package's core schema reads it; undefined when the full reader must read it. */
export function fastYaml(text: string): { value: unknown } | undefined {
  if (!plainShape(text)) return undefined;
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: CORE });
  } catch {
    return undefined;
  }
  if (!plainKeys(value)) return undefined;
  // Only comments: js-yaml reads a null, the `yaml` package no document at all.
  return { value: value === null && !/^[ ]*[^#\s]/m.test(text) ? undefined : value };
}
