// run: the store of packs made on request: a pack counts as made only whole (its PDF and its
// record as committed), a damaged one is replaced by the next commit (R8, R25e), and the store
// keeps its --store-keep most recently made or served packs (R19).
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackStore } from '../../../pipeline/service/pack-store.ts';

let root: string;
const id = (n: number) => String(n).repeat(32).slice(0, 32);
const made = {
  audience: 'executive',
  name: 'executive',
  pages: 3,
  editionDate: '2024-01-15',
  documents: ['brief.executive'],
};
async function pdf(text = '%PDF-1.7\n% a pack\n'): Promise<string> {
  const file = path.join(root, `src-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, text);
  return file;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the pack store', () => {
  it('counts a pack as made only when its PDF and record are whole, and replaces a damaged one on commit', async () => {
    const store = new PackStore(root);
    await store.commit(id(1), await pdf(), made);
    expect(await store.meta(id(1))).toMatchObject({ audience: 'executive', name: 'executive' });
    const damage: [string, () => Promise<unknown>][] = [
      ['record corrupt', () => writeFile(store.recordPath(id(1)), '{"name": "cut sh')],
      ['record removed', () => rm(store.recordPath(id(1)))],
      ['PDF cut short', () => writeFile(store.pdfPath(id(1)), '%PDF-')],
      ['PDF not a PDF', () => writeFile(store.pdfPath(id(1)), 'x'.repeat(18))],
      ['PDF removed', () => rm(store.pdfPath(id(1)))],
    ];
    for (const [what, breakIt] of damage) {
      await breakIt();
      expect.soft(await store.has(id(1)), what).toBe(false);
      await store.commit(id(1), await pdf(), made);
      expect.soft(await store.has(id(1)), `${what}, then committed again`).toBe(true);
    }
  });

  it('keeps the most recently made or served packs past --store-keep', async () => {
    const store = new PackStore(root, 2);
    for (const n of [1, 2]) {
      await store.commit(id(n), await pdf(), made);
      await utimes(store.pdfPath(id(n)), new Date(n * 1000_000), new Date(n * 1000_000));
    }
    await store.touch(id(1)); // served now: the least recently used is 2
    await store.commit(id(3), await pdf(), made);
    expect([await store.has(id(1)), await store.has(id(2)), await store.has(id(3))]).toEqual([true, false, true]);
  });
});
