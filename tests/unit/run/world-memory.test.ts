// run: the world over a corpus held in memory (World.over): a whole check reads the corpus, its
// texts, its lock, and brief's templates from it, records them as the disk's world does, and never
// takes a file for unchanged by a time it does not have.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../pipeline/run/check.ts';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { World } from '../../../pipeline/run/world.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus, snapshotOf } from '../../support/memory.ts';
import { optionsFor } from '../../support/options.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const anchors = (r: CheckResult) =>
  [...(r.anchoring?.anchors ?? [])].map(([id, a]) => [id, a.status, a.via, a.locator]);

describe('a world over a corpus in memory', () => {
  it('checks the mini corpus as the disk does: every quote anchored in its text, the templates compiled', async () => {
    const memory = memoryCorpus();
    const world = memory.world();
    const inMemory = await checkCorpus(memory.options, undefined, {}, world);
    const onDisk = await checkCorpus(optionsFor(MINI, '/nonexistent'));
    expect(inMemory.errors).toEqual([]);
    expect(inMemory.warnings).toEqual([]);
    expect(anchors(inMemory)).toEqual(anchors(onDisk));
    expect(anchors(inMemory).length).toBeGreaterThan(3);
    expect(anchors(inMemory).every(([, status, via]) => status === 'exact' && via === 'text')).toBe(true);
    expect([...inMemory.anchoring!.texts.values()].map((t) => path.dirname(t.file))).toEqual([
      path.join(memory.data, 'sources/text'),
      path.join(memory.data, 'sources/text'),
    ]);

    // Recorded as the disk's world records: each file with the stages that asked for it.
    const files = world.record().files;
    const data = (rel: string) => files[path.join(memory.data, rel)];
    expect(data('audiences.yaml')?.stages).toEqual(['load']);
    expect(data('anchors.lock')?.stages).toEqual(['lock']);
    expect(data('sources/text/alpha.txt')?.stages).toEqual(['anchor']);
    expect(Object.entries(files).some(([f, r]) => f.endsWith('.hbs') && r.stages.includes('templates'))).toBe(true);
    expect(Object.keys(files).filter((f) => f.startsWith(MINI))).toEqual([]);
  });

  it('reads the texts from memory: a text changed there no longer holds its quote', async () => {
    const r = await memoryCorpus({ 'sources/text/alpha.txt': 'Nothing of what was quoted.\n' }).check({
      templates: false,
    });
    const status = new Map(anchors(r).map(([id, st]) => [id, st]));
    expect(status.get('alpha-2021/shusha-meeting')).toBe('not-found');
    expect(status.get('beta-2022/not-aimed')).toBe('exact');
    expect(new Set(r.errors.map((d) => `${d.code} ${path.basename(d.file)}`))).toEqual(
      new Set(['E_QUOTE_NOT_FOUND alpha-2021.yaml']),
    );
    expect(r.lockStale?.code).toBe('W_LOCK_STALE');
  });

  it('checks the templates it holds: a misspelt field in a built-in partial changed in memory, at its line there', async () => {
    const bluf = path.resolve('templates/partials/bluf.hbs');
    const r = await memoryCorpus(
      {},
      { extra: { [bluf]: '<section class="bluf">\n\n{{#if blufx}}<p>{{{bluf}}}</p>{{/if}}\n</section>\n' } },
    ).check();
    expect(r.errors.map((e) => [e.code, path.resolve(e.file), e.line, e.column, e.hint])).toEqual([
      ['E_TEMPLATE', bluf, 3, 7, 'did you mean "bluf"?'],
    ]);
  });

  it('hashes each file from its bytes, and sees a same-size edit with no time to go by', () => {
    const text = 'corridor: a strip of land\n';
    const before = memoryCorpus({ 'glossary.txt': text });
    const world = before.world();
    const glossary = path.join(before.data, 'glossary.txt');
    expect(world.source('glossary').read(glossary)).toHaveProperty('bytes');
    expect(world.hashes(['glossary'])).toEqual({ [glossary]: sha256(text) });
    const snapshot = snapshotOf(world);
    expect(memoryCorpus({ 'glossary.txt': text }).world().unchangedSince(snapshot)).toBe(true);
    const after = memoryCorpus({ 'glossary.txt': 'corridor: a strip of sand\n' });
    expect(World.over(after.files, after.options, snapshot).unchangedSince(snapshot)).toBe(false);
    expect(memoryCorpus({ 'glossary.txt': null }).world().unchangedSince(snapshot)).toBe(false);
  });
});
