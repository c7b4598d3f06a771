// run: a commit of staged outputs is all or nothing: a failure halfway puts every output back as
// it was, and a run killed halfway is finished or undone by the next one, from the journal.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Staging, stateDir } from '../../../pipeline/run/staging.ts';

const FILES = ['html/a.html', 'pdf/a.pdf', 'html/b.html', 'pdf/b.pdf'];

/** An out/ folder holding the "old" edition of four outputs, and a staging with their "new" one. */
async function setUp() {
  const out = await mkdtemp(path.join(tmpdir(), 'brief-staging-'));
  for (const f of FILES) {
    await mkdir(path.dirname(path.join(out, f)), { recursive: true });
    await writeFile(path.join(out, f), `old ${f}`);
  }
  const staging = await Staging.open(out);
  for (const f of FILES) await staging.write(f, `new ${f}`);
  await staging.write('html/c.html', 'new html/c.html');
  staging.remove('pdf/gone.pdf');
  await writeFile(path.join(out, 'pdf/gone.pdf'), 'old pdf/gone.pdf');
  const read = async () =>
    Object.fromEntries(
      await Promise.all(
        [...FILES, 'html/c.html', 'pdf/gone.pdf'].map(async (f) => [
          f,
          existsSync(path.join(out, f)) ? await readFile(path.join(out, f), 'utf8') : null,
        ]),
      ),
    );
  return { out, staging, read };
}

describe('Staging.commit', () => {
  it('moves every staged file in and removes what is gone', async () => {
    const { out, staging, read } = await setUp();
    await staging.commit();
    expect(await read()).toEqual({
      ...Object.fromEntries(FILES.map((f) => [f, `new ${f}`])),
      'html/c.html': 'new html/c.html',
      'pdf/gone.pdf': null,
    });
    expect(existsSync(path.join(stateDir(out), 'commit.json'))).toBe(false);
  });

  it('puts every output back when a move fails halfway (no new HTML beside old PDFs)', async () => {
    const { out, staging, read } = await setUp();
    const before = await read();
    let moves = 0;
    // The seventh rename (into place, after the old outputs were moved aside) fails, as a full disk or a held file would.
    const failing = {
      rename: async (from: string, to: string) => {
        if (++moves === 7) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
        await rename(from, to);
      },
    };
    await expect(staging.commit(failing)).rejects.toThrow(/EBUSY/);
    expect(await read()).toEqual(before);
    expect(existsSync(path.join(stateDir(out), 'commit.json'))).toBe(false);
  });

  it('puts every output back when a move fails while the old outputs are being moved aside', async () => {
    const { out, staging, read } = await setUp();
    const before = await read();
    let moves = 0;
    const failing = {
      rename: async (from: string, to: string) => {
        if (++moves === 3) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        await rename(from, to);
      },
    };
    await expect(staging.commit(failing)).rejects.toThrow(/EACCES/);
    expect(await read()).toEqual(before);
    expect(await Staging.sweep(out)).toBe('none');
  });

  it('finishes a commit killed while the new outputs were moved in, and undoes one killed before', async () => {
    for (const phase of ['install', 'aside'] as const) {
      const { out, staging, read } = await setUp();
      const before = await read();
      // The state a kill -9 leaves: the journal, some old outputs aside, some new ones in.
      const backup = path.join(stateDir(out), 'backup-kill');
      const moved = phase === 'install' ? [...FILES, 'pdf/gone.pdf'] : ['html/a.html', 'pdf/a.pdf'];
      for (const f of moved) {
        await mkdir(path.dirname(path.join(backup, f)), { recursive: true });
        await rename(path.join(out, f), path.join(backup, f));
      }
      if (phase === 'install') await rename(path.join(staging.dir, 'html/a.html'), path.join(out, 'html/a.html'));
      await writeFile(
        path.join(stateDir(out), 'commit.json'),
        JSON.stringify({
          phase,
          staging: staging.dir,
          backup,
          written: [...FILES, 'html/c.html'],
          removed: ['pdf/gone.pdf'],
        }),
      );
      expect(await Staging.sweep(out)).toBe(phase === 'install' ? 'finished' : 'undone');
      expect(await read()).toEqual(
        phase === 'install'
          ? {
              ...Object.fromEntries(FILES.map((f) => [f, `new ${f}`])),
              'html/c.html': 'new html/c.html',
              'pdf/gone.pdf': null,
            }
          : before,
      );
      expect(existsSync(backup) || existsSync(staging.dir) || existsSync(path.join(stateDir(out), 'commit.json'))).toBe(
        false,
      );
    }
  });

  it('moves a file staged twice once (a pack printed again when its page numbers moved)', async () => {
    const { staging, read } = await setUp();
    await staging.write('html/a.html', 'newer html/a.html');
    await staging.commit();
    expect((await read())['html/a.html']).toBe('newer html/a.html');
  });
});
