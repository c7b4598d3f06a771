// core: the fast YAML reader (yaml-fast.ts) answers only where it reads as the `yaml` package does:
// on random documents built of YAML's syntax (and on every file of the sample corpus and the
// specimen), whatever the fast reader returns is what the full reader gives, with no error from it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastYaml } from '../../../pipeline/core/yaml-fast.ts';
import { parseFully, parseYaml } from '../../../pipeline/core/yaml-positions.ts';
import { keysAt, lengthAt, scalarAt, valueAt } from '../../../pipeline/core/yaml-values.ts';

const KEYS = ['id', 'quote', 'a', 'b', '"q"', "'s'", '1', '0x1F', 'true', '~', 'null', '""', 'key with space', 'é'];
const SCALARS = [
  ...['x', 'two words', 'a:b', 'a: b', 'a #b', 'a#b', '#c', '- x', '-', '-1', '+1', '1_000', '0o17', '0o8', '0x1F'],
  ...['0b101', '1e3', '1E-2', '.5', '5.', '-.5', '.inf', '-.Inf', '.NaN', '.nan', 'NaN', 'yes', 'no', 'on', 'True'],
  ...['FALSE', 'tRUE', 'Null', 'NULL', '~', '', '2021-06-15', '2021-06-15T10:00:00Z', '12:30', '1:20:30', '0.1.2'],
  ...['"dq"', '"a\\nb"', '"\\u00e9\\x41\\N\\_\\t"', '"\\"', "'sq'", "'it''s'", "''", '""', '"a\n  b"', "'a\n\n  b'"],
  ...['[a, b]', '[]', '{}', '{a: 1, b: [2]}', '[a, [b]]', '{a}', '[a: 1]', '|\n  line\n  two', '>-\n  folded\n  text'],
  ...[
    '|+\n  keep\n\n',
    '>\n\n  lead',
    '|2\n   indented',
    'plain\n  continued',
    '@at',
    '`tick',
    '%pc',
    '!tag x',
    '&a x',
    '*a',
  ],
  ...['? x', '<<: {a: 1}', 'a\tb', '"tab\there"', '\u00a0nbsp', 'ünï', '😀', 'a\r\nb', '"\\ud83d"'],
];
const PUNCTUATION = [
  '\n',
  '\n',
  '  ',
  ' ',
  ': ',
  ':',
  '- ',
  ',',
  '[',
  ']',
  '{',
  '}',
  '#',
  '"',
  "'",
  '|',
  '>',
  '\t',
  '?',
];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 3, arbitrary: fc.constantFrom(...KEYS).map((k) => `${k}: `) },
  { weight: 3, arbitrary: fc.constantFrom(...SCALARS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
/** Mappings and lists of random keys and scalars, indented at random. */
const block = fc
  .array(fc.tuple(fc.nat(4), fc.constantFrom('- ', '', ''), fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)), {
    maxLength: 14,
  })
  .map((entries) => entries.map(([i, dash, k, v]) => `${'  '.repeat(i)}${dash}${k}: ${v}`).join('\n'));
const documents = fc.oneof(
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 40 }).map((p) => p.join('')) },
  { weight: 4, arbitrary: block },
);

/** The fast reader and the full one agree wherever the fast one answers. */
function agrees(text: string): void {
  const fast = fastYaml(text);
  if (!fast) return;
  const full = parseFully('x.yaml', text, 0);
  expect(
    full.diagnostics.map((d) => d.message),
    JSON.stringify(text),
  ).toEqual([]);
  const js = full.value!.doc.contents === null ? undefined : full.value!.doc.toJS();
  expect(
    isDeepStrictEqual(fast.value, js),
    `${JSON.stringify(text)}: ${JSON.stringify(fast.value)} ≠ ${JSON.stringify(js)}`,
  ).toBe(true);
}

describe('the fast YAML reader', () => {
  it('reads random documents as the yaml package does, or leaves them to it', () => {
    fc.assert(fc.property(documents, agrees), { numRuns: 3000 });
  });

  it('reads every file of the sample corpus and the specimen as the yaml package does, and most of them itself', () => {
    let read = 0;
    let all = 0;
    for (const dir of ['data', 'pipeline/render/specimen'])
      for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!e.isFile() || !/\.(ya?ml|json|md)$/.test(e.name)) continue;
        const raw = readFileSync(path.join(e.parentPath, e.name), 'utf8');
        const text = e.name.endsWith('.md') ? (raw.split(/^---$/m)[1] ?? '') : raw;
        agrees(text);
        all++;
        if (fastYaml(text)) read++;
      }
    expect(read / all).toBeGreaterThan(0.8);
  });

  it('gives the same values by path, and the same positions, through either reader', () => {
    const text = 'source: alpha\nclaims:\n  - id: a\n    n: 0x1F\n  - id: b\n    q: ~\nempty:\n';
    const fast = parseYaml('x.yaml', text).value!;
    const full = parseFully('x.yaml', text, 0).value!;
    expect(fast.fast).toBeDefined();
    for (const at of [[], ['claims'], ['claims', 0], ['claims', 1, 'q'], ['empty'], ['none'], ['claims', 5]]) {
      expect(valueAt(fast, at)).toEqual(valueAt(full, at));
      expect(scalarAt(fast, at)).toEqual(scalarAt(full, at));
      expect(keysAt(fast, at)).toEqual(keysAt(full, at));
      expect(lengthAt(fast, at)).toEqual(lengthAt(full, at));
    }
    expect({ ...fast.lineCounter.linePos(30) }).toEqual({ ...full.lineCounter.linePos(30) });
  });
});
