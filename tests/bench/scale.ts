// Benchmark: `npm run bench:scale`. `brief check` (anchoring included) and the HTML of every
// document (`build --html --force`) on synthetic corpora made from the sample at 10× and 100×:
// every source, its claims and the events copied under new ids, pointing at the same texts. Then
// single inputs too big for comfort, made from the test fixture: a 10 MB source text, a 50,000-row
// dataset and a 500-page report. Wall time and peak memory of the whole process (GNU time; a
// browser's memory is not counted); written to out/bench/scale.json. Needs the sample's texts
// (../shared/sources or BRIEF_TEXTS): the copies are not in the evidence lock.
import { spawnSync } from 'node:child_process';
import { checkAtScale, makeCorpus } from './scale-corpus.ts';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/brief.js');
const TEXTS = process.env.BRIEF_TEXTS ?? path.resolve('..', 'shared', 'sources');

/** One run of brief: wall time, and the process's peak resident memory (GNU time's %M). */
function timed(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { ms: number; peakMb: number; stderr: string; code: number | null } {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 50_000_000,
    env: { ...process.env, BRIEF_BROWSER_WS: '', ...env },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, peakMb: Number(r.stderr.trim().split('\n').at(-1)) / 1024, stderr: r.stderr, code: r.status };
}

/** The HTML of every document but the chronology, whose timeline of 100× the events is refused (E_CHART_INVALID) as no page could show it. */
function render(dir: string): { ms: number; peakMb: number } {
  const r = timed([
    'build',
    '--html',
    '--force',
    '--data',
    dir,
    '--out',
    path.join(dir, '..', `out-${path.basename(dir)}`),
    '--texts',
    TEXTS,
    '--report',
    'tr-az-convergence,corridors-connectivity,perspectives',
    '-q',
  ]);
  if (r.code !== 0) throw new Error(`build --html failed on the synthetic corpus:\n${r.stderr.slice(0, 2000)}`);
  return r;
}

const check = (dir: string, out: string) => checkAtScale(BIN, TEXTS, dir, out);

/** A copy of the test fixture with one input grown: a 10 MB text, a 50,000-row dataset, a 500-page report. */
async function extremes(
  root: string,
): Promise<Record<string, { what: string; ms: number; peakMb: number; outcome: string }>> {
  const fixture = path.resolve('pipeline/render/specimen');
  const make = async (name: string, grow: (dir: string) => Promise<void>) => {
    const dir = path.join(root, name, 'data');
    await cp(fixture, dir, { recursive: true });
    await grow(dir);
    return dir;
  };
  const line = (d: string) => d.split('\n').find((l) => /\s[EW]_[A-Z_]+\s/.test(l) || l.startsWith('brief:')) ?? '';
  const outcome = (r: { code: number | null; stderr: string }) =>
    r.code === 0 ? 'ok' : `exit ${r.code}: ${line(r.stderr).trim().slice(0, 160)}`;
  const text = await make('text', async (dir) => {
    const file = path.join(dir, 'sources', 'text', 'alpha.txt');
    const filler =
      'The region\u2019s \u201csecurity\u201d architecture \u2014 as analysts note\u00b9 \u2014 keeps changing.\n\n';
    await writeFile(file, (await readFile(file, 'utf8')) + filler.repeat(Math.ceil(10_000_000 / filler.length)));
    // One quote not found as written, so the whole text is folded: the worst case.
    const claims = path.join(dir, 'claims', 'alpha-2021.yaml');
    await writeFile(
      claims,
      (await readFile(claims, 'utf8')).replace('quote: The leaders met', 'quote: The  leaders met'),
    );
  });
  const rows = await make('rows', async (dir) => {
    const csv = [
      'date,name,bloc,troops,evidence',
      ...Array.from(
        { length: 50_000 },
        (_, i) =>
          `2021-${String((i % 12) + 1).padStart(2, '0')},Drill ${i},${i % 2 ? 'tr-az' : 'iran'},${100 + ((i * 37) % 9000)},alpha-2021/drills-contested`,
      ),
    ];
    await writeFile(path.join(dir, 'datasets', 'drills.csv'), `${csv.join('\n')}\n`);
  });
  const pages = await make('pages', async (dir) => {
    const file = path.join(dir, 'reports', 'brief.md');
    const para =
      'The drills continued along the Araz, and each side read them in its own way; analysts in Baku and Tehran kept their distance from the other\u2019s reading of events, as the record shows. [@alpha-2021/drills-contested]\n\n';
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        '## Implications',
        `## Long record\n\n${para.repeat(10_000)}## Implications`,
      ),
    );
  });
  const t = timed(['check', '--data', text]);
  const r = timed(['build', '--html', '--data', rows, '--out', path.join(rows, '..', 'out')]);
  const p = timed(
    ['build', '--data', pages, '--out', path.join(pages, '..', 'out'), '--report', 'brief', '--audience', 'analyst'],
    { BRIEF_PRINT_TIMEOUT: '600' },
  );
  return {
    text: {
      what: 'check, a 10 MB source text, one quote folded',
      ms: t.ms,
      peakMb: t.peakMb,
      outcome: t.stderr.includes('E_LOCK_STALE') || t.code === 0 ? 'anchored' : outcome(t),
    },
    rows: {
      what: 'build --html, a 50,000-row dataset charted (aggregated)',
      ms: r.ms,
      peakMb: r.peakMb,
      outcome: outcome(r),
    },
    pages: { what: 'build, a report of about 500 pages (PDF)', ms: p.ms, peakMb: p.peakMb, outcome: outcome(p) },
  };
}

async function main() {
  if (!existsSync(TEXTS)) {
    console.log(`no sample texts at ${TEXTS}: set BRIEF_TEXTS to the folder that holds them`);
    return;
  }
  if (!existsSync('/usr/bin/time'))
    throw new Error('/usr/bin/time (GNU time) is needed to measure peak memory: apt-get install time');
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-scale-'));
  const results: Record<
    string,
    {
      claims: number;
      ms: number[];
      peakMb: number[];
      cached: { ms: number; peakMb: number };
      html: { ms: number; peakMb: number };
    }
  > = {};
  let big: Awaited<ReturnType<typeof extremes>>;
  try {
    for (const [n, runs] of [
      [10, 3],
      [100, 1],
    ] as const) {
      const dir = path.join(root, `x${n}`);
      await makeCorpus(n, dir, process.cwd());
      check(dir, path.join(root, `out-warm-up-${n}`)); // warm-up: file caches and the compiled CLI
      // Each from scratch, into a folder of its own: no parse cache to read.
      const measured = Array.from({ length: runs }, (_, i) => check(dir, path.join(root, `out-check-${n}-${i}`)));
      results[`${n}x`] = {
        claims: 315 * n,
        ms: measured.map((m) => m.ms),
        peakMb: measured.map((m) => m.peakMb),
        cached: check(dir, path.join(root, `out-check-${n}-0`)),
        html: render(dir),
      };
    }
    big = await extremes(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`brief at scale, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}\n`);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(5)} ~${r.claims} claims   check ${s(median(r.ms))}, peak ${median(r.peakMb).toFixed(0)} MB   (target at 100×: ≤ 10 s, ≤ 1.5 GB); through its cache ${s(r.cached.ms)}   HTML of every document but the chronology ${s(r.html.ms)}, peak ${r.html.peakMb.toFixed(0)} MB`,
    );
  }
  const ratio = median(results['100x']!.ms) / median(results['10x']!.ms);
  console.log(`\n100× costs ${ratio.toFixed(1)} × what 10× costs (target ≤ 12)\n`);
  for (const r of Object.values(big))
    console.log(`${r.what.padEnd(58)} ${s(r.ms).padStart(7)}, peak ${r.peakMb.toFixed(0)} MB   ${r.outcome}`);
  await mkdir('out/bench', { recursive: true });
  await writeFile(
    'out/bench/scale.json',
    `${JSON.stringify({ machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, results, ratio, extremes: big }, null, 2)}\n`,
  );
}

await main();
