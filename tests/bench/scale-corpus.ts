// Benchmark: the synthetic corpora of the scale measures (the sample n times over), and one timed
// `brief check` of one; used by scale.ts (npm run bench:scale) and run.ts's 100× row.
import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The sample, `n` times: each copy of a source and its claims under `<id>-x<k>`, events likewise. */
export async function makeCorpus(n: number, dir: string, from: string): Promise<void> {
  await cp(path.join(from, 'data'), dir, { recursive: true });
  // Its audiences' templates and styles, beside the data as a corpus keeps them.
  for (const layer of ['templates', 'styles'])
    await cp(path.join(from, layer, 'audiences'), path.join(path.dirname(dir), layer, 'audiences'), {
      recursive: true,
    });
  await rm(path.join(dir, 'anchors.lock'), { force: true });
  for (const f of await readdir(path.join(from, 'data/claims'))) {
    const id = f.replace(/\.yaml$/, '');
    const claims = await readFile(path.join(from, 'data/claims', f), 'utf8');
    const source = await readFile(path.join(from, 'data/sources', `${id}.md`), 'utf8');
    for (let k = 1; k < n; k++) {
      const copy = `${id}-x${k}`;
      await writeFile(
        path.join(dir, 'claims', `${copy}.yaml`),
        claims.replaceAll(`${id}/`, `${copy}/`).replace(`source: ${id}`, `source: ${copy}`),
      );
      await writeFile(path.join(dir, 'sources', `${copy}.md`), source.replace(`id: ${id}`, `id: ${copy}`));
    }
  }
  for (const f of await readdir(path.join(from, 'data/events'))) {
    const events = await readFile(path.join(from, 'data/events', f), 'utf8');
    for (let k = 1; k < n; k++)
      await writeFile(path.join(dir, 'events', `x${k}-${f}`), events.replace(/^- id: (\S+)/gm, `- id: $1-x${k}`));
  }
}

/**
 * One `brief check`: wall time, and the process's peak resident memory (GNU time's %M). Into `out`,
 * where it keeps its parse cache: a fresh folder measures a check from scratch, the same one again
 * a check through the cache the last one left.
 */
export function checkAtScale(bin: string, texts: string, dir: string, out: string): { ms: number; peakMb: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, bin, 'check', '--data', dir, '--out', out, '--texts', texts, '-q'],
    { encoding: 'utf8', maxBuffer: 50_000_000 },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // The only problem expected is the missing lock of the copies.
  const codes = [...r.stderr.matchAll(/\s([EW]_[A-Z0-9_]+)\s/g)].map((m) => m[1]);
  if (codes.some((c) => c !== 'E_LOCK_STALE'))
    throw new Error(`check found problems in the synthetic corpus:\n${r.stderr.slice(0, 2000)}`);
  const kb = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, peakMb: kb / 1024 };
}
