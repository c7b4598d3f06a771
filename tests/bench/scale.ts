// Benchmark: `npm run bench:scale`. `brief check` (anchoring included) on synthetic corpora made
// from the sample at 10× and 100×: every source, its claims and the events copied under new ids,
// pointing at the same texts. Wall time and peak memory of the whole process, medians of 3 runs
// at 10× and one at 100×; written to out/bench/scale.json. Needs the sample's texts
// (../shared/sources or BRIEF_TEXTS): the copies are not in the evidence lock.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/brief.js');
const TEXTS = process.env.BRIEF_TEXTS ?? path.resolve('..', 'shared', 'sources');

/** The sample, `n` times: each copy of a source and its claims under `<id>-x<k>`, events likewise. */
async function makeCorpus(n: number, dir: string): Promise<void> {
  await cp('data', dir, { recursive: true });
  await rm(path.join(dir, 'anchors.lock'), { force: true });
  for (const f of await readdir('data/claims')) {
    const id = f.replace(/\.yaml$/, '');
    const claims = await readFile(path.join('data/claims', f), 'utf8');
    const source = await readFile(path.join('data/sources', `${id}.md`), 'utf8');
    for (let k = 1; k < n; k++) {
      const copy = `${id}-x${k}`;
      await writeFile(path.join(dir, 'claims', `${copy}.yaml`), claims.replaceAll(`${id}/`, `${copy}/`).replace(`source: ${id}`, `source: ${copy}`));
      await writeFile(path.join(dir, 'sources', `${copy}.md`), source.replace(`id: ${id}`, `id: ${copy}`));
    }
  }
  for (const f of await readdir('data/events')) {
    const events = await readFile(path.join('data/events', f), 'utf8');
    for (let k = 1; k < n; k++) await writeFile(path.join(dir, 'events', `x${k}-${f}`), events.replace(/^- id: (\S+)/gm, `- id: $1-x${k}`));
  }
}

/** One `brief check`: wall time, and the process's peak resident memory (GNU time's %M). */
function check(dir: string): { ms: number; peakMb: number } {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'check', '--data', dir, '--texts', TEXTS, '-q'], { encoding: 'utf8', maxBuffer: 50_000_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // The only problem expected is the missing lock of the copies.
  const codes = [...r.stderr.matchAll(/\s([EW]_[A-Z0-9_]+)\s/g)].map((m) => m[1]);
  if (codes.some((c) => c !== 'E_LOCK_STALE')) throw new Error(`check found problems in the synthetic corpus:\n${r.stderr.slice(0, 2000)}`);
  const kb = Number(r.stderr.trim().split('\n').at(-1));
  return { ms, peakMb: kb / 1024 };
}

async function main() {
  if (!existsSync(TEXTS)) {
    console.log(`no sample texts at ${TEXTS}: set BRIEF_TEXTS to the folder that holds them`);
    return;
  }
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time (GNU time) is needed to measure peak memory: apt-get install time');
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-scale-'));
  const results: Record<string, { claims: number; ms: number[]; peakMb: number[] }> = {};
  try {
    for (const [n, runs] of [[10, 3], [100, 1]] as const) {
      const dir = path.join(root, `x${n}`);
      await makeCorpus(n, dir);
      check(dir); // warm-up: file caches and the compiled CLI
      const measured = Array.from({ length: runs }, () => check(dir));
      results[`${n}x`] = { claims: 313 * n, ms: measured.map((m) => m.ms), peakMb: measured.map((m) => m.peakMb) };
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`brief check at scale, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}\n`);
  for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(5)} ~${r.claims} claims   ${(median(r.ms) / 1000).toFixed(1)} s   peak ${median(r.peakMb).toFixed(0)} MB   (target at 100×: ≤ 10 s, ≤ 1.5 GB)`);
  const ratio = median(results['100x']!.ms) / median(results['10x']!.ms);
  console.log(`\n100× costs ${ratio.toFixed(1)} × what 10× costs (target ≤ 12)`);
  await mkdir('out/bench', { recursive: true });
  await writeFile('out/bench/scale.json', `${JSON.stringify({ machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, results, ratio }, null, 2)}\n`);
}

await main();
