// run: out/.brief/state.json is one versioned file, checked when read: a state written by another
// version of brief, or damaged (its checksum does not match what brief wrote), is discarded with a
// plain reason and every document is redone; reading it loads no zod.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayPath } from '../../../pipeline/core/paths.ts';
import {
  EMPTY_STATE,
  parseState,
  readState,
  STATE_VERSION,
  statePath,
  stateText,
} from '../../../pipeline/run/state.ts';
import { build } from '../../support/build.ts';
import { tempCorpus, type TempCorpus } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

let corpusDir: string | undefined;
afterAll(async () => corpusDir && rm(corpusDir, { recursive: true, force: true }));

const OTHER_VERSION = 'was written by another version of brief; every document is redone';

describe('the state file', () => {
  it('reads back what it wrote', async () => {
    const state = {
      ...EMPTY_STATE,
      packs: {
        weekly: {
          name: 'weekly',
          fingerprint: 'f',
          parts: { documents: 'd' },
          editionDate: '2024-01-15',
          documents: [{ name: 'a.team', fingerprint: 'g' }],
          pdf: { path: 'packs/weekly.pdf', size: 10, pages: 2 },
          html: { path: 'packs/weekly.html', size: 5 },
        },
      },
    };
    expect(parseState(await stateText(state), 'state.json')).toEqual({ state });
  });

  it('discards a state of another version, saying so', () => {
    const old = JSON.stringify({ version: 1, documents: {}, snapshot: undefined });
    expect(parseState(old, 'out/.brief/state.json')).toEqual({
      state: EMPTY_STATE,
      discarded: `out/.brief/state.json ${OTHER_VERSION}`,
    });
    expect(parseState('{"documents": {}}', 's').discarded).toBe(`s ${OTHER_VERSION}`);
  });

  it('discards a damaged state of this version rather than misread it', async () => {
    const written = JSON.parse(await stateText(EMPTY_STATE)) as Record<string, unknown>;
    // The right version and shape, but not what brief wrote: a hand edit is never trusted.
    const edited = JSON.stringify({ ...written, documents: { x: { name: 'x' } } });
    expect(parseState(edited, 's')).toMatchObject({
      state: EMPTY_STATE,
      discarded: 's is damaged (it is not what brief wrote); every document is redone',
    });
    const unsummed = JSON.stringify({ version: STATE_VERSION, documents: {}, packs: {} });
    expect(parseState(unsummed, 's').state).toEqual(EMPTY_STATE);
    expect(parseState('{"version": 2,', 's').discarded).toBe('s is not valid JSON; every document is redone');
  });

  it('says where a damaged state breaks the schema, when it does', async () => {
    corpusDir = await mkdtemp(path.join(tmpdir(), 'brief-state-'));
    const file = statePath(corpusDir);
    await mkdir(path.dirname(file), { recursive: true });
    const written = JSON.parse(await stateText(EMPTY_STATE)) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...written, documents: { x: { name: 3 } } }));
    const read = await readState(corpusDir);
    expect(read.state).toEqual(EMPTY_STATE);
    expect(read.discarded).toMatch(/ is damaged \(documents\.x\.name: .+\); every document is redone$/);
  });
});

describe('a build over a state of another version', () => {
  let corpus: TempCorpus;
  afterAll(async () => corpus?.remove());

  it('redoes every document and says why, then keeps them', async () => {
    corpus = await tempCorpus();
    const options = optionsFor(corpus.data, corpus.out, { htmlOnly: true });
    const first = await build(options);
    expect(first.documents.length).toBeGreaterThan(0);
    const file = statePath(corpus.out);
    const written = JSON.parse(await readFile(file, 'utf8')) as { version: number };
    expect(written.version).toBe(STATE_VERSION);
    await writeFile(file, JSON.stringify({ ...written, version: 1 }));
    // (a state of another version is judged by its version before its checksum)
    const again = await build(options);
    for (const d of again.documents) {
      expect(d.status).toBe('built');
      expect(d.reasons).toEqual([`${displayPath(file)} ${OTHER_VERSION}`]);
    }
    const third = await build(options);
    expect(third.documents.map((d) => d.status)).toEqual(first.documents.map(() => 'kept'));
  });
});
