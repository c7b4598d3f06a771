// Real file-system trouble, in real folders: paths that name the wrong kind of thing, a file
// system that refuses a folder, an out/ that is a mount point of its own (a container volume),
// a disk that fills up and a folder made read-only in the middle of a project's life. Each is
// said in plain words with the right exit code, and what was built before stays as it was.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { corpora } from '../support/corpus.ts';

const made = corpora();
const mounts: string[] = [];
afterAll(async () => {
  for (const m of mounts.reverse()) execFileSync('umount', ['-l', m]);
  await made.removeAll();
});
const corpus = () => made.make();

describe('paths that name the wrong kind of thing', () => {
  it('--data naming a file, --config naming a folder: usage errors that say which', async () => {
    const c = await corpus();
    const data = await brief(['check', '--data', path.join(c.data, 'actors.yaml')]);
    expect(data.code).toBe(2);
    expect(data.stderr).toMatch(/--data \S*actors\.yaml is a file; name the corpus folder/);
    const config = await brief(['check', '--data', c.data, '--config', c.data]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/--config \S+ is a folder; name the config file/);
    for (const r of [data, config]) expect(r.stderr).not.toContain('internal error');
  });

  it('brief init naming a file says it is a file, with no word of --out', async () => {
    const c = await corpus();
    const r = await brief(['init', path.join(c.data, 'actors.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/actors\.yaml is a file, not a folder; brief init makes a corpus in a folder/);
    expect(r.stderr).not.toContain('--out');
  });

  it.runIf(existsSync('/proc/self'))(
    '--out where the file system refuses a folder (/proc) fails at once instead of hanging',
    async () => {
      const c = await corpus();
      // Node's recursive mkdir looped for ever there: the run never ended. That fails on the
      // test's timeout; a bound on wall time would also fail a slow run on a loaded machine.
      const r = await brief(['build', '--html', '--data', c.data, '--out', '/proc/brief-out']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('cannot create /proc/brief-out: the file system does not allow a folder there');
    },
  );
});

/** A small tmpfs of our own at `dir`, when this machine lets us mount one (root in most CI containers). */
function mountTmpfs(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'brief-test', dir], { stdio: 'ignore' });
  } catch {
    return false;
  }
  mounts.push(dir);
  return true;
}
let canMount = false;
beforeAll(async () => {
  const probe = path.join((await corpus()).root, 'probe');
  canMount = mountTmpfs(probe, '1m');
});

/** A corpus built once into a tmpfs of `size` mounted at its out/, and the PDF that build made. */
async function builtOnMount(size: string) {
  const c = await made.make();
  const from = await made.built();
  expect(mountTmpfs(c.out, size)).toBe(true);
  await cp(from.out, c.out, { recursive: true, preserveTimestamps: true });
  await rm(c.data, { recursive: true });
  await cp(from.data, c.data, { recursive: true, preserveTimestamps: true });
  return { c, before: await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf')) };
}

describe('out/ on a file system of its own', () => {
  const pdfs = (out: string) => readdirSync(path.join(out, 'pdf')).sort();

  it('builds when out/ is a mount point (a container volume): staging is inside out/, so no rename crosses devices', async (ctx) => {
    if (!canMount) ctx.skip();
    const c = await corpus();
    expect(mountTmpfs(c.out, '64m')).toBe(true);
    const first = await brief(['build', '--data', c.data, '--out', c.out, '--date', '2024-01-15']);
    expect(first.code, first.stderr).toBe(0);
    const again = await brief(['build', '--force', '--data', c.data, '--out', c.out, '--date', '2024-02-20']);
    expect(again.code, again.stderr).toBe(0);
    expect(pdfs(c.out)).toEqual([
      'brief.analyst.pdf',
      'brief.executive.pdf',
      'timeline.analyst.pdf',
      'views.analyst.pdf',
    ]);
  });

  it('a full disk: exit 3 in plain words, the earlier outputs whole, no staging left', async (ctx) => {
    if (!canMount) ctx.skip();
    const { c, before } = await builtOnMount('8m');
    // Fill the disk but for a few kilobytes.
    const free = Number(execFileSync('df', ['-B1', '--output=avail', c.out]).toString().split('\n')[1]);
    await writeFile(path.join(c.out, 'filler'), Buffer.alloc(Math.max(0, free - 16 * 1024)));
    const r = await brief(['build', '--force', '--data', c.data, '--out', c.out, '--date', '2024-02-20']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/brief: cannot \w+ [^:\n]+: the disk is full/);
    expect(r.stderr).not.toContain('internal error');
    expect(Buffer.compare(await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf')), before)).toBe(0);
    expect(
      readdirSync(path.join(c.out, '.brief')).filter((e) => e.startsWith('staging-') || e.startsWith('backup-')),
    ).toEqual([]);
  });

  it('a read-only file system: exit 3 in plain words, the earlier outputs whole', async (ctx) => {
    if (!canMount) ctx.skip();
    const { c, before } = await builtOnMount('64m');
    execFileSync('mount', ['-o', 'remount,ro', c.out]);
    const r = await brief(['build', '--force', '--data', c.data, '--out', c.out, '--date', '2024-02-20']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/brief: cannot \w+ \S+: the file system is read-only/);
    expect(r.stderr).not.toContain('internal error');
    expect(Buffer.compare(await readFile(path.join(c.out, 'pdf', 'brief.analyst.pdf')), before)).toBe(0);
  });
});
