// run: the world of a run: each input read once and hashed once, recorded with the stage that
// asked; what a run depends on is read off that record, so an input of a new kind counts without
// being added to any list; a file that is no input (a link out of the corpus) is never read.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { presentationOf } from '../../../pipeline/config/layers.ts';
import { InputError } from '../../../pipeline/core/diagnostics.ts';
import { createTemplates } from '../../../pipeline/render/environment.ts';
import { createPackRenderer } from '../../../pipeline/render/pack.ts';
import { World } from '../../../pipeline/run/world.ts';
import { corpora } from '../../support/corpus.ts';
import { snapshotOf } from '../../support/memory.ts';
import { optionsFor } from '../../support/options.ts';

const temp = corpora();
const dirs: string[] = [];
afterAll(async () => {
  await temp.removeAll();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the world of a run', () => {
  it('reads a file once and records which stages asked for it', async () => {
    const c = await temp.make();
    const world = World.of(optionsFor(c.data, c.out));
    const file = path.join(c.data, 'audiences.yaml');
    const first = world.source('load').read(file);
    const again = world.source('pack').read(file);
    expect('bytes' in first && 'bytes' in again && first.bytes === again.bytes).toBe(true);
    expect(world.record().files[file]?.stages).toEqual(['load', 'pack']);
  });

  it('counts an input of a new kind, read by a new stage, with no list to edit', async () => {
    const c = await temp.make({ 'glossary.txt': 'corridor: a strip of land\n' });
    const options = optionsFor(c.data, c.out);
    const glossary = path.join(c.data, 'glossary.txt');
    const world = World.of(options);
    // A stage that did not exist when the world was written reads a kind of file no list names.
    expect(world.source('glossary').read(glossary)).toHaveProperty('bytes');
    const snapshot = snapshotOf(world);
    expect(Object.keys(world.hashes(['glossary']))).toEqual([glossary]);

    // Unchanged: the next run's world agrees, and stops there.
    expect(World.of(options, snapshot).unchangedSince(snapshot)).toBe(true);
    // Changed (same size, so only its content says so): the next run sees it, and its hash differs.
    await writeFile(glossary, 'corridor: a strip of sand\n');
    const next = World.of(options, snapshot);
    expect(next.unchangedSince(snapshot)).toBe(false);
    next.source('glossary').read(glossary);
    expect(next.hashes(['glossary'])[glossary]).not.toBe(world.hashes(['glossary'])[glossary]);
  });

  it('notices a file that appears where a stage looked for one and found none', async () => {
    const c = await temp.make();
    const options = optionsFor(c.data, c.out);
    const world = World.of(options);
    const wanted = path.join(c.data, 'sources', 'text', 'not-yet.txt');
    expect(world.source('anchor').exists(wanted)).toBe(false);
    const snapshot = snapshotOf(world);
    expect(World.of(options, snapshot).unchangedSince(snapshot)).toBe(true);
    await writeFile(wanted, 'now it is here\n');
    expect(World.of(options, snapshot).unchangedSince(snapshot)).toBe(false);
  });

  it('reuses the last hash of a file whose size and time are unchanged, without reading it', async () => {
    const c = await temp.make();
    const options = optionsFor(c.data, c.out);
    const file = path.join(c.data, 'audiences.yaml');
    const world = World.of(options);
    world.hash(file, 'build');
    const snapshot = snapshotOf(world);
    // The recorded hash is believed while the stamp holds: a forged one shows it was not recomputed.
    const forged = { ...snapshot, files: { [file]: { ...snapshot.files[file]!, sha256: 'forged' } } };
    expect(World.of(options, forged).hash(file, 'build')).toBe('forged');
  });
});

describe('a template override', () => {
  it('that is a link out of the corpus is refused, located, and never read', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-world-'));
    dirs.push(root);
    const secret = path.join(root, 'secret.txt');
    await writeFile(secret, 'not for print {{title}}\n');
    const corpusTemplates = path.join(root, 'corpus', 'templates');
    await mkdir(path.join(corpusTemplates, 'partials'), { recursive: true });
    await symlink(secret, path.join(corpusTemplates, 'partials', 'bluf.hbs'));
    const options = optionsFor(path.join(root, 'corpus', 'data'), path.join(root, 'out'), {
      corpusTemplatesDir: corpusTemplates,
      corpusStylesDir: undefined,
    });
    const world = World.of(options);
    let error: unknown;
    try {
      createTemplates(presentationOf(options).templates, 'executive', world.source('render'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map((d) => d.code)).toEqual(['E_LINK_OUTSIDE']);
    expect(Object.keys(world.record().files)).not.toContain(secret);
  });

  it("of the pack's cover, linked out of the corpus, is refused too: the pack reads through the world", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-world-'));
    dirs.push(root);
    const secret = path.join(root, 'secret.txt');
    await writeFile(secret, 'not for print {{title}}\n');
    const corpusTemplates = path.join(root, 'corpus', 'templates');
    await mkdir(path.join(corpusTemplates, 'pack'), { recursive: true });
    await symlink(secret, path.join(corpusTemplates, 'pack', 'pack-cover.hbs'));
    const options = optionsFor(path.join(root, 'corpus', 'data'), path.join(root, 'out'), {
      corpusTemplatesDir: corpusTemplates,
      corpusStylesDir: undefined,
    });
    const world = World.of(options);
    const make = () =>
      createPackRenderer({ presentation: presentationOf(options), fonts: [], files: world.source('pack') });
    expect(make).toThrow(InputError);
    try {
      make();
    } catch (err) {
      expect((err as InputError).diagnostics.map((d) => d.code)).toEqual(['E_LINK_OUTSIDE']);
    }
    expect(Object.keys(world.record().files)).not.toContain(secret);
    // The built-in pack templates, read through the same world, are recorded as the pack's inputs.
    const plainOptions = optionsFor(path.join(root, 'corpus', 'data'), path.join(root, 'out2'));
    const plain = World.of(plainOptions);
    createPackRenderer({ presentation: presentationOf(plainOptions), fonts: [], files: plain.source('pack') });
    expect(Object.keys(plain.record().files).filter((f) => f.endsWith('pack-cover.hbs'))).toHaveLength(1);
  });
});
