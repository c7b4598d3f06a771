// service: the work folders of packs made on request, <out>/serve/work/<audience>/<date>/: one job at
// a time in each (a lock across processes and machines sharing the folder), and at most `keep`
// of them per audience, the most recently used; older ones are removed once no job holds them.
// Each is an out/ folder of its own (about 8 MB for a public pack), so without a bound every
// date ever asked for would stay on disk.
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { serveDir } from './pack-store.ts';

const LOCK = { realpath: false, stale: 10_000, update: 2_000, onCompromised: () => undefined } as const;

export const workDir = (outDir: string, audience: string, date: string): string =>
  path.join(serveDir(outDir), 'work', audience, date);

/** Holds the work folder for one job at a time; marks it used now (for the bound). */
export async function lockWork(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  for (;;) {
    try {
      const release = await lockfile.lock(dir, { ...LOCK, lockfilePath: `${dir}.lock` });
      const now = new Date();
      await utimes(dir, now, now).catch(() => undefined);
      return async () => {
        await release().catch(() => undefined);
      };
    } catch (err) {
      if ((err as { code?: string }).code !== 'ELOCKED') throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Removes the audience's work folders past the `keep` most recently used; one in use is left. */
export async function pruneWork(
  outDir: string,
  audience: string,
  keep: number,
  log: (message: string) => void,
): Promise<void> {
  const root = path.dirname(workDir(outDir, audience, 'x'));
  const names = (await readdir(root, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const used = await Promise.all(
    names.map(async (name) => ({
      name,
      at: await stat(path.join(root, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    })),
  );
  used.sort((a, b) => b.at - a.at);
  for (const { name } of used.slice(keep)) {
    const dir = path.join(root, name);
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lockfile.lock(dir, { ...LOCK, lockfilePath: `${dir}.lock` });
    } catch {
      continue; // a job is building in it: removed after a later job
    }
    try {
      await rm(dir, { recursive: true, force: true });
      log(`removed the work folder of ${audience} ${name} (more than ${keep} kept; see --work-keep)`);
    } finally {
      await release().catch(() => undefined);
    }
  }
}
