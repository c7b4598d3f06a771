// load: properties over random and almost-valid corpus files (fast-check). Whatever a file holds
// (random bytes, YAML-like noise, a front matter never closed, a fixture file with a line lost or
// doubled), reading it never throws, and every problem comes back located: a file, a line and a
// column inside that file, a code of the catalog, a message and a hint; the same files give the
// same problems. First the parsers on strings, then `brief check` in process on a corpus in memory.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { CODES } from '../../../pipeline/core/codes.ts';
import type { Diagnostic } from '../../../pipeline/core/diagnostics.ts';
import { codeFrame, formatDiagnostic } from '../../../pipeline/core/format.ts';
import { parseCsvTable, parseJsonTable, parseMarkdown, parseYaml } from '../../../pipeline/load/parse-files.ts';
import type { CheckResult } from '../../../pipeline/run/check.ts';
import { MINI } from '../../support/corpus.ts';
import { type MemoryCorpus, memoryCorpus } from '../../support/memory.ts';

// ---------------------------------------------------------------------------------------------
// What "located" means: Diagnostic is a SourcePos (1-based line and column, in UTF-16 units) with a
// catalogued code; the code frame of `brief check` shows the line and puts a caret under the column,
// so the line is one of the file's and the column at most one past its end.

/** `textOf`: the file's text as the loaders read it (a byte-order mark dropped, bad bytes replaced). */
function expectLocated(d: Diagnostic, textOf: (file: string) => string | undefined): void {
  const where = `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;
  expect(typeof d.file === 'string' && d.file.length > 0, where).toBe(true);
  expect(Number.isInteger(d.line) && d.line >= 1, `${where}: line`).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1, `${where}: column`).toBe(true);
  expect(Object.keys(CODES), where).toContain(d.code);
  expect(['error', 'warning'], where).toContain(d.severity);
  expect(d.message.trim(), `${where}: message`).not.toBe('');
  expect(d.hint.trim(), `${where}: hint`).not.toBe('');
  const text = textOf(d.file);
  if (text === undefined) return;
  const lines = text.split('\n');
  expect(d.line, `${where}: past the last line (${lines.length})`).toBeLessThanOrEqual(lines.length);
  expect(d.column, `${where}: past the end of its line`).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  // And it prints: the code frame `brief check` shows puts its caret under that character.
  expect(formatDiagnostic(d, textOf)).toContain(codeFrame(text, d.line, d.column));
  const frame = codeFrame(text, d.line, d.column).split('\n');
  const at = frame.findIndex((l) => l.startsWith('>'));
  const shown = frame[at]!.slice(frame[at]!.indexOf('| ') + 2);
  const caret = frame[at + 1]!.indexOf('^') - (frame[at + 1]!.indexOf('| ') + 2);
  // The line as the frame shows it: split as it splits, the "\r" that ends it dropped (of a CRLF
  // line end, or a lone one at the end of the file).
  const ch = text.split(/\r?\n/)[d.line - 1]!.replace(/\r$/, '')[d.column - 1];
  // A control character is shown as U+FFFD, so it cannot drive the terminal.
  const as = (c: string) => (c === '\t' ? ' ' : /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(c) ? '\uFFFD' : c);
  expect(
    ch === undefined ? caret === shown.length : shown[caret] === as(ch),
    `${where}: the caret is not under the character\n${frame.join('\n')}`,
  ).toBe(true);
}

/** A parser's diagnostics, located in `text` (the file it was given). */
const inText = (file: string, text: string) => (f: string) => (f === file ? text : undefined);

// ---------------------------------------------------------------------------------------------
// Arbitraries: YAML-like text, front matter, CSV.

const KEYS = [
  'id',
  'source',
  'claims',
  'quote',
  'statement',
  'type',
  'about',
  'stances',
  'kind',
  'title',
  'text',
  'evidence',
  'columns',
  'date',
  'actors',
  'topics',
  'audiences',
  'judgments',
  'reports',
  'data',
  'mark',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];
const SCALARS = [
  '~',
  'null',
  '',
  '.nan',
  '-.inf',
  '0x1F',
  '0o17',
  '1e999',
  '-0',
  '2021-06-15',
  '2021-13-45',
  '2022/2021',
  'yes',
  'true',
  '"\\u0000"',
  '"\\uD800"',
  '"a\\',
  "'it''s'",
  '|',
  '|-',
  '>',
  '>+2',
  '@x',
  '`x`',
  '%x',
  '!!str 1',
  '!!int x',
  '!!binary x',
  '!!map x',
  '!custom x',
  '!<tag:x> y',
  '&a x',
  '*a',
  '*zz',
  '🙂',
  'Şuşa',
  '\u00A0x',
  'a\u2028b',
  'x\u0085y',
  'alpha-2021',
  'alpha-2021/shusha-meeting',
  'beta-2022/not-aimed',
  'executive',
  'fact',
  'policy-brief',
  'drills',
  '[@alpha-2021/trade-growth]',
  '[@ x]',
  '[see @a, p. 2]',
];
const PUNCTUATION = [
  '\n',
  '\n',
  '\r\n',
  '\r',
  '  ',
  '    ',
  '\t',
  '- ',
  ': ',
  ':',
  '? ',
  ', ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '# note',
  '<<: *a',
  '%YAML 1.2\n',
  '%TAG ! tag:x\n',
  '---\n',
  '...\n',
  '---',
  '\uFEFF',
  '\\',
];
const yamlPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.constantFrom(...KEYS).map((k) => `${k}: `) },
  { weight: 2, arbitrary: fc.constantFrom(...SCALARS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
/** Mappings and lists built of random keys and scalars: duplicate keys, anchors, aliases, merge keys. */
const yamlBlock: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(fc.nat(6), fc.constantFrom('- ', ''), fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS, '', '')),
    { maxLength: 12 },
  )
  .map((entries) =>
    entries.map(([indent, dash, key, value]) => `${'  '.repeat(indent)}${dash}${key}: ${value}`).join('\n'),
  );
/** Nesting far deeper than any corpus file: a parser that recurses must not overflow the stack. */
const deep = fc
  .tuple(fc.integer({ min: 1, max: 4000 }), fc.nat(4))
  .map(
    ([n, how]) =>
      [
        `${'['.repeat(n)}${']'.repeat(n)}`,
        `${'{a: '.repeat(n)}1${'}'.repeat(n)}`,
        `${'- '.repeat(n)}x`,
        Array.from({ length: Math.min(n, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
        `source: alpha-2021\nclaims:\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${'  '.repeat(i + 1)}- `).join('\n')}x`,
      ][how]!,
  );
/** A "billion laughs": each level a list of aliases of the one before. */
const laughs = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 12 }))
  .map(([levels, width]) =>
    [
      `l0: &l0 [lol, lol]`,
      ...Array.from({ length: levels }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(width).fill(`*l${i}`).join(', ')}]`),
    ].join('\n'),
  );
const yamlish = fc.oneof(
  { weight: 5, arbitrary: fc.array(yamlPiece, { maxLength: 60 }).map((p) => p.join('')) },
  { weight: 3, arbitrary: yamlBlock },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: laughs },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

const BODY_PIECES = [
  '\n',
  '\n\n',
  '## Background',
  '## Key judgments',
  '# Title',
  'Text',
  ' ',
  '[@alpha-2021/shusha-meeting]',
  '[@beta-2022/not-aimed; @alpha-2021/trade-growth]',
  '[@ x]',
  '[@nobody/none]',
  '[see @a, p. 2]',
  '[@',
  '@',
  '```',
  '<div>',
  '{{x}}',
  '---',
  '\r\n',
  '\t',
  '🙂',
  '*',
  '|a|b|\n|-|-|',
];
const body = fc
  .array(fc.oneof(fc.constantFrom(...BODY_PIECES), fc.string({ maxLength: 8 })), { maxLength: 30 })
  .map((p) => p.join(''));
/** Front matter opened, closed in one of many ways (or never), with a BOM or CRLF now and then. */
const markdown = fc
  .tuple(
    fc.constantFrom('', '', '\uFEFF', ' ', '\n'),
    fc.constantFrom('---\n', '---\r\n', '---', '--- \n', '----\n'),
    yamlish,
    fc.constantFrom('\n---\n', '\r\n---\r\n', '\n--- \t\n', '\n---', '\n----\n', '\n...\n', '', '\n---x\n'),
    body,
  )
  .map(([bom, open, fm, close, rest]) => `${bom}${open}${fm}${close}${rest}`);

const CELLS = [
  ',',
  ',',
  '"',
  '""',
  '\n',
  '\r\n',
  ' ',
  'a',
  '1',
  '2021-06',
  'alpha-2021/drills-contested',
  '',
  '\t',
  ';',
  'constructor',
  '__proto__',
  '\uFEFF',
  'é',
];
const csv = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((p) => p.join('')),
  fc
    .tuple(
      fc.array(fc.constantFrom('date', 'name', 'bloc', 'troops', 'evidence', 'x', '', '"a,b"', 'date'), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.array(
        fc.array(fc.constantFrom(...CELLS.filter((c) => c !== ',' && c !== '\n' && c !== '\r\n')), { maxLength: 7 }),
        { maxLength: 6 },
      ),
    )
    .map(([header, rows]) => [header.join(','), ...rows.map((r) => r.join(','))].join('\n')),
);

// ---------------------------------------------------------------------------------------------
// The parsers, on strings: cheap, so many runs.

/** Runs `parse` twice on `text`: never throws, every diagnostic located in `text`, the same both times. */
function parsesLocated(
  file: string,
  text: string,
  parse: (file: string, text: string) => { diagnostics: Diagnostic[] },
): void {
  const first = parse(file, text);
  for (const d of first.diagnostics) expectLocated(d, inText(file, text));
  expect(parse(file, text).diagnostics).toEqual(first.diagnostics);
}

describe('the parsers, on random input', () => {
  it('YAML: never throws; every problem located, the same each time', () => {
    fc.assert(
      fc.property(yamlish, (text) => parsesLocated('x.yaml', text, parseYaml)),
      { numRuns: 200 },
    );
  });
  it('Markdown with front matter: never throws; every problem located, the same each time', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        parsesLocated('x.md', text, parseMarkdown);
        const md = parseMarkdown('x.md', text).value;
        if (md) {
          expect(md.bodyLine).toBeGreaterThanOrEqual(1);
          expect(md.bodyLine).toBeLessThanOrEqual(text.split('\n').length);
          expect(text.endsWith(md.body)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('CSV: never throws; every problem located, every row on a line of the file', () => {
    fc.assert(
      fc.property(csv, (text) => {
        parsesLocated('x.csv', text, parseCsvTable);
        const lines = text.split('\n').length;
        for (const row of parseCsvTable('x.csv', text).value?.rows ?? []) {
          expect(row.line).toBeGreaterThanOrEqual(1);
          expect(row.line).toBeLessThanOrEqual(lines);
          for (const column of Object.values(row.columns ?? {})) expect(column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('JSON tables: never throws; every problem located', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          yamlish,
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify([v, { a: v }])),
        ),
        (text) => {
          parsesLocated('x.json', text, parseJsonTable);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// `brief check` in process, on the mini fixture in memory with one file replaced.

/** Every file of the fixture, relative to its data folder. */
let files: string[];
beforeAll(async () => {
  files = (await readdir(MINI, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(MINI, path.join(e.parentPath, e.name)))
    .sort();
});

const KINDS = {
  claims: 'claims/alpha-2021.yaml',
  source: 'sources/beta-2022.md',
  report: 'reports/brief.md',
  events: 'events/events.yaml',
  dataset: 'datasets/drills.csv',
  sidecar: 'datasets/drills.yaml',
  chart: 'charts/drills-by-bloc.json',
  audiences: 'audiences.yaml',
  lock: 'anchors.lock',
  text: 'sources/text/alpha.txt',
} as const;

const check = (corpus: MemoryCorpus, rel: string) => corpus.check({ templates: rel === KINDS.audiences });
const outcome = (r: CheckResult) => ({ errors: r.errors, warnings: r.warnings, stale: r.lockStale });

/**
 * With `rel` replaced by `content`: `brief check` twice. It never throws (an exception fails the
 * property with its stack), every diagnostic is located, and the second run says what the first said.
 */
async function checkWith(rel: string, content: string | Uint8Array): Promise<void> {
  const corpus = memoryCorpus({ [rel]: content });
  const first = await check(corpus, rel);
  for (const d of [...first.errors, ...first.warnings, ...(first.lockStale ? [first.lockStale] : [])])
    expectLocated(d, corpus.text);
  expect(outcome(await check(corpus, rel)), `${rel}: the same files gave other diagnostics`).toEqual(outcome(first));
}

const kind = fc.constantFrom(...Object.values(KINDS));

describe('brief check, with one file replaced by random content', () => {
  it('random bytes: never throws; every problem located, the same each time', async () => {
    await fc.assert(
      fc.asyncProperty(
        kind,
        fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
        (rel, content) => checkWith(rel, content),
      ),
      { numRuns: 8 },
    );
  });

  it('YAML-like noise, Markdown with odd front matter, CSV noise: the same', async () => {
    const content = (rel: string) =>
      rel.endsWith('.md') ? markdown : rel.endsWith('.csv') ? csv : rel.endsWith('.txt') ? body : yamlish;
    await fc.assert(
      fc.asyncProperty(
        kind.chain((rel) => fc.tuple(fc.constant(rel), content(rel))),
        ([rel, text]) => checkWith(rel, text),
      ),
      { numRuns: 16 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Almost valid: a fixture file with a small edit, the kind a hand or a merge makes.

/** One small edit, as data (so that a failing case prints what was done): at a line, or at a character. */
type Edit =
  | {
      readonly op: 'delete line' | 'double line' | 'tabs for spaces' | 'truncate' | 'CRLF' | 'BOM';
      readonly at: number;
    }
  | { readonly op: 'indent'; readonly at: number; readonly by: number }
  | { readonly op: 'swap lines'; readonly at: number; readonly with: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'cut'; readonly at: number; readonly length: number };

function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  const i = e.at % lines.length;
  const c = e.at % (text.length + 1);
  switch (e.op) {
    case 'delete line':
      lines.splice(i, 1);
      break;
    case 'double line':
      lines.splice(i, 0, lines[i]!);
      break;
    case 'indent':
      lines[i] = e.by > 0 ? `${' '.repeat(e.by)}${lines[i]}` : lines[i]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
      break;
    case 'tabs for spaces':
      lines[i] = lines[i]!.replace(/^( +)/, (sp) => '\t'.repeat(Math.ceil(sp.length / 2)));
      break;
    case 'swap lines':
      [lines[i], lines[e.with % lines.length]] = [lines[e.with % lines.length]!, lines[i]!];
      break;
    case 'insert':
      return `${text.slice(0, c)}${e.text}${text.slice(c)}`;
    case 'cut':
      return `${text.slice(0, c)}${text.slice(c + e.length)}`;
    case 'truncate':
      return text.slice(0, c);
    case 'CRLF':
      return text.replace(/\n/g, '\r\n');
    case 'BOM':
      return `\uFEFF${text}`;
  }
  return lines.join('\n');
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constantFrom('delete line', 'double line', 'tabs for spaces', 'truncate', 'CRLF', 'BOM'),
    at: fc.nat(),
  }),
  fc.record({ op: fc.constant('indent'), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('swap lines'), at: fc.nat(), with: fc.nat() }),
  fc.record({
    op: fc.constant('insert'),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...PUNCTUATION, ...SCALARS, ': ', '- ', '"', ',', '\n'),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ),
  }),
  fc.record({ op: fc.constant('cut'), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
) as fc.Arbitrary<Edit>;

describe('brief check, with one fixture file edited slightly', () => {
  it('a line lost, doubled, moved or re-indented, characters put in or taken out, the file cut short: never throws; every problem located, the same each time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), async (which, edits) => {
        const rel = files[which % files.length]!;
        const text = readFileSync(path.join(MINI, rel), 'utf8');
        await checkWith(rel, edits.reduce(applyEdit, text));
      }),
      { numRuns: 30 },
    );
  });

  // Valid YAML of the wrong shape: what the validator, the model and the outline rules see.
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(...SCALARS, 'alpha-2021/trade-growth', 'nobody/none', 'drills', '2021/2020', -1, 1e21, 0.5),
  );
  it('a value of the wrong type or shape, a key dropped or misspelt: never throws; every problem located, the same each time', async () => {
    const yamlFiles = () => files.filter((f) => /\.(ya?ml|json|md|lock)$/.test(f));
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(3), value, async (which, where, how, replacement) => {
        const rel = yamlFiles()[which % yamlFiles().length]!;
        const text = readFileSync(path.join(MINI, rel), 'utf8');
        const [, front = '', rest = ''] = rel.endsWith('.md')
          ? /^---\n([\s\S]*?\n)---\n([\s\S]*)$/.exec(text)!
          : [undefined, text, ''];
        const data = parseDocument(front, { schema: 'core' }).toJS() as unknown;
        const paths = pathsIn(data);
        const at = paths[where % paths.length]!;
        const changed = rewrite(data, at, (parent, key) => {
          if (how === 0 || Array.isArray(parent)) parent[key as never] = replacement as never;
          else if (how === 1) delete (parent as Record<string, unknown>)[key];
          else {
            const v = (parent as Record<string, unknown>)[key];
            delete (parent as Record<string, unknown>)[key];
            (parent as Record<string, unknown>)[how === 2 ? `${key}s` : key.slice(1)] = v;
          }
        });
        const out = /\.(json|lock)$/.test(rel) ? JSON.stringify(changed, null, 2) : stringify(changed);
        await checkWith(rel, rel.endsWith('.md') ? `---\n${out}---\n${rest}` : out);
      }),
      { numRuns: 16 },
    );
  });
});

type Key = string | number;
/** Every path to a value in `data`, the root (empty path) excluded. */
function pathsIn(data: unknown, at: Key[] = []): Key[][] {
  if (Array.isArray(data)) return data.flatMap((v, i) => [[...at, i], ...pathsIn(v, [...at, i])]);
  if (data && typeof data === 'object')
    return Object.entries(data).flatMap(([k, v]) => [[...at, k], ...pathsIn(v, [...at, k])]);
  return [];
}
/** A deep copy of `data` in which `change` is applied to the parent of `at`. */
function rewrite(
  data: unknown,
  at: readonly Key[],
  change: (parent: Record<string, unknown> | unknown[], key: string) => void,
): unknown {
  const copy = structuredClone(data);
  if (at.length === 0) return copy;
  const parent = at.slice(0, -1).reduce<unknown>((v, k) => (v as Record<Key, unknown>)[k], copy) as
    | Record<string, unknown>
    | unknown[];
  change(parent, String(at.at(-1)));
  return copy;
}

// ---------------------------------------------------------------------------------------------

describe('regressions found by these properties', () => {
  it('a YAML error after a token the parser could not read is on its own line, not a line early past the end', () => {
    const text = '  - id: ~\n- id: ~\n    - id: ~';
    const { diagnostics } = parseYaml('x.yaml', text);
    expect(diagnostics.map((d) => [d.line, d.column])).toContainEqual([3, 9]);
    for (const d of diagnostics) expectLocated(d, inText('x.yaml', text));
  });
  it('a YAML error at the end of a CRLF line is where it is with LF, not past the "\\r"', () => {
    const lf = '- { id: AZ, aliases: [Ba }\n- x\n';
    const at = (text: string) => parseYaml('x.yaml', text).diagnostics.map((d) => [d.line, d.column]);
    expect(at(lf.replace(/\n/g, '\r\n'))).toEqual(at(lf));
    expect(at(lf)).toContainEqual([1, 27]);
  });
  it('YAML nested a thousand deep is one located error, the same every time (the stack overflowed, or not, by chance)', () => {
    for (const text of [
      `${'['.repeat(1000)}${']'.repeat(1000)}`,
      `${'- '.repeat(1000)}x`,
      `title: x\nclaims: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}`,
    ]) {
      const { value, diagnostics } = parseYaml('x.yaml', text);
      expect(value).toBeUndefined();
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({
        code: 'E_YAML_SYNTAX',
        message: 'YAML syntax error: lists and mappings nested more than 100 deep',
      });
      expect(parseYaml('x.yaml', text).diagnostics).toEqual(diagnostics);
    }
    expect(parseYaml('x.yaml', `${'['.repeat(100)}${']'.repeat(100)}`).diagnostics).toEqual([]);
    const md = parseMarkdown('r.md', `---\ntitle: x\nlist: ${'['.repeat(500)}\n---\nbody\n`);
    expect(md.diagnostics[0]).toMatchObject({ line: 3, column: 106 });
  });
  it('a CSV with CRLF line ends and a cell over two lines: each row on the line it starts on, an error not past the end', () => {
    expect(parseCsvTable('d.csv', 'a,b\r\n"1\r\n2",2\r\n3,4,5\r\n').diagnostics[0]).toMatchObject({
      code: 'E_CSV_SYNTAX',
      line: 4,
    });
    expect(parseCsvTable('d.csv', '"\r\n ').diagnostics[0]).toMatchObject({ code: 'E_CSV_SYNTAX', line: 2 });
    expect(parseCsvTable('d.csv', 'a,b\n"x\ny",2\n\n3,4\n').value!.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(parseCsvTable('d.csv', 'a,b\r\n"x\r\ny",2\r\n3,4\r\n').value!.rows.map((r) => r.line)).toEqual([2, 4]);
    // After blank lines (spaces and tabs only), on its own line, with its own cells' columns.
    expect(parseCsvTable('d.csv', 'a,b\n1,2\n  \n\t\n3,4\n').value!.rows.map((r) => [r.line, r.columns])).toEqual([
      [2, { a: 1, b: 3 }],
      [5, { a: 1, b: 3 }],
    ]);
  });
  it('the caret of a code frame stands under its character after tabs, and at the end of a long line', () => {
    expect(codeFrame('a:\n\t\tb: [x', 2, 7).split('\n').slice(1)).toEqual(['> 2 |     b: [x', '    |         ^']);
    // The window of a long line made room for a closing "…" it did not need, and cut the last character.
    const [shown, caret] = codeFrame(`${'x'.repeat(187)}}`, 1, 188).split('\n') as [string, string];
    expect(shown.endsWith('x}')).toBe(true);
    expect(shown[caret.indexOf('^')]).toBe('}');
  });
});
