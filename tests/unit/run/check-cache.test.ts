// run: the check's parse cache (core/parse-cache.ts, run/check-cache.ts), which keeps what each
// file's own checks found too (validate/cache.ts). A check that takes what it can from the cache,
// after random edits of the corpus (schema errors made and mended among them), gives what a check
// from scratch gives: the same errors and warnings at the same file, line and column, the same
// model. A cache cut short, damaged or of another version is ignored and written afresh; what
// another validator found is not read; a temporary file a killed run left is never read.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseCache } from '../../../pipeline/core/parse-cache.ts';
import { VALIDATOR_VERSION } from '../../../pipeline/validate/cache.ts';
import { checkCorpus, type CheckResult } from '../../../pipeline/run/check.ts';
import {
  CHECK_CACHE_VERSION,
  checkCachePath,
  checkCacheText,
  parseCheckCache,
  readCheckCache,
  writeCheckCache,
} from '../../../pipeline/run/check-cache.ts';
import { tempCorpus, type TempCorpus } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const FILES = [
  'claims/alpha-2021.yaml',
  'claims/beta-2022.yaml',
  'events/events.yaml',
  'sources/alpha-2021.md',
  'reports/brief.md',
  'actors.yaml',
  'audiences.yaml',
  'charts/drills-by-bloc.json',
  'datasets/drills.yaml',
  'packs/weekly.yaml',
];
/** What an edit puts in or at the end of a line: values, keys, YAML syntax a reader may take otherwise. */
const PIECES = [
  '  - id: alpha-2021/new',
  '    quote: "changed \\u00e9"',
  "    quote: 'it''s'",
  '    statement: x: y',
  '  bad: [',
  'source: nobody',
  '    topics: [a, b]',
  '    stances: { q: 2 }',
  '    about: 2021-06-15',
  '    n: .nan',
  '    n: 0x1F',
  '  - &a x',
  '  - *a',
  '\t- x',
  ' # note',
  '"',
  '',
  // What the schemas refuse, or give otherwise than they were read (text collapsed).
  '    type: rumour',
  '    bogus: 1',
  '    statement: "two   spaces,  here"',
  '    topics: [Not An Id]',
  'reliability: Z',
  'units: "  drills  "',
  // What Vega-Lite's schema refuses, and JSON a line ends otherwise.
  '  "mark": "bars",',
  '  "colour": 1,',
  '    "x": { "field": "bloc", "type": "nominl" },',
  ',',
];
const edit = fc.record({
  file: fc.constantFrom(...FILES),
  line: fc.nat(60),
  how: fc.constantFrom('replace', 'delete', 'double', 'append'),
  piece: fc.constantFrom(...PIECES),
});

function applyEdit(text: string, e: { line: number; how: string; piece: string }): string {
  const lines = text.split('\n');
  const i = e.line % lines.length;
  if (e.how === 'replace') lines[i] = e.piece;
  else if (e.how === 'delete') lines.splice(i, 1);
  else if (e.how === 'double') lines.splice(i, 0, lines[i]!);
  else lines[i] += e.piece;
  return lines.join('\n');
}

/** A check's result as plain data: the model's parsed files by name, positions as numbers, maps as entries. */
const plain = (r: CheckResult) =>
  JSON.parse(
    JSON.stringify({ errors: r.errors, warnings: r.warnings, model: r.model }, (key, value: unknown) =>
      key === 'src'
        ? (value as { file: string }).file
        : value instanceof Map || value instanceof Set
          ? [...value]
          : value,
    ),
  ) as unknown;

/** The keys of the validation entries in a cache as written. */
const validationKeys = (text: string) =>
  (JSON.parse(text.slice(text.indexOf('\n') + 1)) as [string, unknown][])
    .map(([key]) => key)
    .filter((key) => key.startsWith('validate:'));

let corpus: TempCorpus;
let pristine: Record<string, string>;
/** A check of the unedited corpus from scratch. */
let pristineCheck: unknown;
/** The cache a check of the unedited corpus leaves, as written to disk. */
let written: string;

beforeAll(async () => {
  corpus = await tempCorpus();
  pristine = Object.fromEntries(
    await Promise.all(FILES.map(async (f) => [f, await readFile(path.join(corpus.data, f), 'utf8')] as const)),
  );
  const cache = new ParseCache();
  await checkCorpus(optionsFor(corpus.data, corpus.out), undefined, { templates: false, cache });
  written = checkCacheText(cache);
  pristineCheck = plain(await checkCorpus(optionsFor(corpus.data, corpus.out), undefined, { templates: false }));
});
afterAll(async () => corpus.remove());

describe('the check cache', () => {
  it('after random edits, a check through the last run’s cache equals a check from scratch', async () => {
    const options = optionsFor(corpus.data, corpus.out);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const texts = { ...pristine };
        for (const e of edits) texts[e.file] = applyEdit(texts[e.file]!, e);
        for (const f of FILES) await corpus.write(f, texts[f]!);
        const cache = parseCheckCache(written)!;
        const cached = await checkCorpus(options, undefined, { templates: false, cache });
        const fresh = await checkCorpus(options, undefined, { templates: false });
        expect(plain(cached)).toEqual(plain(fresh));
        // What was read anew is kept for the next run, and only what this run read.
        const again = parseCheckCache(checkCacheText(cache))!;
        const next = await checkCorpus(options, undefined, { templates: false, cache: again });
        expect(plain(next)).toEqual(plain(fresh));
        // Nothing new to write, unless a value JSON does not keep (NaN) is read afresh each run, or
        // a file has an error (what failed is checked, and its text read, afresh on every run).
        if (!edits.some((e) => e.piece.includes('.nan')) && fresh.errors.length === 0)
          expect(again.changed).toBe(false);
        // What the unedited files' checks found was taken from the cache, not found again.
        const kept = validationKeys(checkCacheText(again));
        expect(validationKeys(written).filter((key) => kept.includes(key)).length).toBeGreaterThan(0);
        // The edits undone: a check through the cache the edited run left equals one from scratch.
        for (const f of FILES) await corpus.write(f, pristine[f]!);
        const mended = await checkCorpus(options, undefined, { templates: false, cache: again });
        expect(plain(mended)).toEqual(pristineCheck);
      }),
      { numRuns: 25 },
    );
    for (const f of FILES) await corpus.write(f, pristine[f]!);
  });

  it('takes what each file passed from the cache, and never what another validator version found', async () => {
    const options = optionsFor(corpus.data, corpus.out);
    const entries = (JSON.parse(written.slice(written.indexOf('\n') + 1)) as [string, unknown][]).map(
      ([key, value]): [string, unknown] => {
        if (key.startsWith(`validate:${VALIDATOR_VERSION}:vega-lite`))
          return [key, [{ path: ['mark'], message: 'POISONED: another validator said so' }]];
        const kept = value as { changed?: Record<string, unknown> };
        if (key.startsWith(`validate:${VALIDATOR_VERSION}:claim:`))
          return [key, { ...kept, changed: { ...kept.changed, statement: 'POISONED' } }];
        return [key, value];
      },
    );
    expect(entries.filter(([, v]) => JSON.stringify(v).includes('POISONED')).length).toBeGreaterThan(3);
    const poisoned = (version: string) =>
      new ParseCache(entries.map(([k, v]) => [k.replace(`validate:${VALIDATOR_VERSION}:`, `validate:${version}:`), v]));
    // This version's entries are what the check takes (the poison shows)…
    const trusted = JSON.stringify(
      plain(await checkCorpus(options, undefined, { templates: false, cache: poisoned(VALIDATOR_VERSION) })),
    );
    expect(trusted).toContain('"statement":"POISONED"');
    expect(trusted).toContain('POISONED: another validator said so');
    // …and another version's are not read, and not written back.
    const other = poisoned(`${VALIDATOR_VERSION}-another`);
    expect(plain(await checkCorpus(options, undefined, { templates: false, cache: other }))).toEqual(pristineCheck);
    expect(checkCacheText(other)).not.toContain('POISONED');
  });

  it('ignores a cache cut short, damaged, or of another version, and writes it afresh', async () => {
    const [head, body] = [written.slice(0, written.indexOf('\n')), written.slice(written.indexOf('\n') + 1)];
    expect(parseCheckCache(written)?.size).toBeGreaterThan(10);
    const bad = {
      truncated: written.slice(0, Math.floor(written.length / 2)),
      'header only': head,
      garbled: `${head}\n${body.replace('alpha', 'alphb')}`,
      'another version': `${head.replace(`"version":${CHECK_CACHE_VERSION}`, '"version":0')}\n${body}`,
      'not JSON': 'x\ny',
      empty: '',
    };
    const options = optionsFor(corpus.data, corpus.out);
    for (const [what, text] of Object.entries(bad)) {
      expect(parseCheckCache(text), what).toBeUndefined();
      await mkdir(path.dirname(checkCachePath(corpus.out)), { recursive: true });
      await writeFile(checkCachePath(corpus.out), text);
      const cache = await readCheckCache(corpus.out);
      expect(cache.size, what).toBe(0);
      const checked = await checkCorpus(options, undefined, { templates: false, cache });
      expect(checked.errors).toEqual([]);
      await writeCheckCache(corpus.out, cache);
      expect(parseCheckCache(await readFile(checkCachePath(corpus.out), 'utf8'))?.size, what).toBeGreaterThan(10);
    }
  });

  it('never reads the temporary file a killed run left', async () => {
    await mkdir(path.dirname(checkCachePath(corpus.out)), { recursive: true });
    await writeFile(checkCachePath(corpus.out), written);
    await writeFile(`${checkCachePath(corpus.out)}.999999.tmp`, written.slice(0, 100));
    expect((await readCheckCache(corpus.out)).size).toBe(parseCheckCache(written)!.size);
  });
});
