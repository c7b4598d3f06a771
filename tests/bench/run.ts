// Benchmark: `npm run bench`. Whole-process timings of the CLI on a copy of the sample corpus,
// medians after a warm-up, side by side in one run; prints a table and writes out/bench/results.json.
//   --help                  the CLI's start-up
//   no-op build             nothing changed since the last build (no browser, nothing rendered)
//   full build (--force)    every report for every audience, HTML and PDF
//   one claim edited        the documents redone and the wall time
//   analyst pack            documents already built, the pack made (not kept), against the floor:
//                           a bare script printing the pack's final HTML once (tests/bench/floor.mjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BIN = path.resolve('bin/brief.js');
const TEXTS = path.resolve('..', 'shared', 'sources');

interface Timed { ms: number; stderr: string; stdout: string; code: number | null }

function brief(args: string[], cwd: string): Timed {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, BRIEF_BROWSER_WS: '' }, maxBuffer: 50_000_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`brief ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout.slice(0, 2000)}`);
  return { ms, stderr: r.stderr, stdout: r.stdout, code: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stats = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

function repeat(n: number, fn: () => number): number[] {
  fn(); // warm-up: file caches, the compiled CLI
  return Array.from({ length: n }, fn);
}

function machine() {
  const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
  let browser = 'unknown';
  try {
    if (chromium) browser = execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim();
  } catch { /* keep unknown */ }
  return { os: `${os.type()} ${os.release()}`, cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`, memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`, node: process.version, browser };
}

async function claimCitedOnce(root: string): Promise<{ claim: string; file: string }> {
  const read = async (dir: string) => Promise.all((await readdir(path.join(root, 'data', dir))).map((n) => readFile(path.join(root, 'data', dir, n), 'utf8')));
  const reports = await read('reports');
  const elsewhere = [...await read('events'), ...await read('datasets')].join('\n');
  for (const name of (await readdir(path.join(root, 'data', 'claims'))).sort()) {
    const file = path.join(root, 'data', 'claims', name);
    const blocks = (await readFile(file, 'utf8')).split(/\n  - id: /).slice(1);
    for (const block of blocks) {
      const id = block.split('\n')[0]!.trim();
      if (/stances: \{ *[a-z]/.test(block) || elsewhere.includes(id)) continue;
      if (reports.filter((r) => r.includes(`@${id}`)).length === 1) return { claim: id, file };
    }
  }
  throw new Error('no claim is cited by exactly one report');
}

async function main() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-bench-'));
  try {
    await cp(path.resolve('data'), path.join(root, 'data'), { recursive: true });
    const texts = existsSync(TEXTS) ? ['--texts', TEXTS] : [];
    const build = (...extra: string[]) => brief(['build', '--json', ...texts, ...extra], root);

    const help = repeat(RUNS, () => brief(['--help'], root).ms);

    const full = repeat(Math.max(3, Math.floor(RUNS / 2)), () => build('--force').ms);

    const docs = (JSON.parse(build().stdout) as { documents: unknown[] }).documents.length;
    const noop = repeat(RUNS, () => {
      const r = build();
      const out = JSON.parse(r.stdout) as { documents: { status: string }[]; browserStarted: boolean };
      if (out.documents.some((d) => d.status !== 'kept') || out.browserStarted) throw new Error('the no-op build redid something or started a browser');
      return r.ms;
    });

    // One claim, cited in one brief's body, edited back and forth.
    // The claim: one cited by a single report's body, and by no event, dataset row or stance table.
    const { claim, file } = await claimCitedOnce(root);
    const original = await readFile(file, 'utf8');
    let redone: string[] = [];
    let flip = false;
    const edit = repeat(Math.max(3, Math.floor(RUNS / 2)), () => {
      flip = !flip;
      const text = flip ? original.replace(`- id: ${claim}\n    statement: `, `- id: ${claim}\n    statement: Edited for the benchmark. `) : original;
      if (text === original && flip) throw new Error(`could not edit ${claim}`);
      execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(text)})`]);
      const r = build();
      redone = (JSON.parse(r.stdout) as { documents: { report: string; audience: string; status: string }[] }).documents.filter((d) => d.status === 'built').map((d) => `${d.report}.${d.audience}`);
      return r.ms;
    });
    await writeFile(file, original);
    build();

    // The analyst pack, its documents unchanged: the pack's own record is dropped before each run so it is made, not kept.
    const packJson = path.join(root, 'out', '.brief', 'packs.json');
    const pack = repeat(Math.max(3, Math.floor(RUNS / 2)), () => {
      rmSync(packJson, { force: true });
      return brief(['pack', '--audience', 'analyst', ...texts], root).ms;
    });
    const packPdf = path.join(root, 'out', 'packs', 'analyst.pdf');
    const packHtml = path.join(root, 'out', 'packs', 'analyst.html');
    const floorRun = (tagged: boolean) => {
      const started = process.hrtime.bigint();
      execFileSync(process.execPath, [path.resolve('tests/bench/floor.mjs'), path.join(root, tagged ? 'floor' : 'floor-untagged'), packHtml], { env: { ...process.env, FLOOR_TAGGED: tagged ? '1' : '0' } });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const floor = repeat(Math.max(3, Math.floor(RUNS / 2)), () => floorRun(true));
    floorRun(false);
    const packPages = (JSON.parse(brief(['pack', '--json', '--audience', 'analyst', ...texts], root).stdout) as { pack: { pages: number } }).pack.pages;
    const sizes = { pack: statSync(packPdf).size, untagged: statSync(path.join(root, 'floor-untagged', 'analyst.pdf')).size, tagged: statSync(path.join(root, 'floor', 'analyst.pdf')).size };

    const results = {
      date: new Date().toISOString(),
      machine: machine(),
      runs: RUNS,
      help: stats(help),
      documents: docs,
      noopBuild: stats(noop),
      fullBuild: stats(full),
      oneClaimEdited: { ...stats(edit), claim, redone },
      analystPack: { ...stats(pack), pages: packPages, bytes: sizes.pack },
      floorPrintOfPack: { ...stats(floor), taggedBytes: sizes.tagged, untaggedBytes: sizes.untagged },
      ratios: { noopOverFull: median(noop) / median(full), editOverFull: median(edit) / median(full), packOverFloor: median(pack) / median(floor) },
    };
    const fmt = (s: { median: number; min: number; max: number }) => `${(s.median / 1000).toFixed(2)} s  (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)})`;
    const rows = [
      ['brief --help', fmt(results.help), 'target ≤ 0.3 s'],
      [`no-op build (${docs} documents kept, no browser)`, fmt(results.noopBuild), 'target ≤ 0.5 s'],
      [`full build, --force (${docs} documents)`, fmt(results.fullBuild), ''],
      [`one claim edited (${claim}): ${redone.length} redone`, fmt(results.oneClaimEdited), `${(results.ratios.editOverFull * 100).toFixed(0)}% of a full build`],
      [`analyst pack, documents unchanged (${packPages} pages)`, fmt(results.analystPack), `${results.ratios.packOverFloor.toFixed(2)} × the floor (target ≤ 2)`],
      ['floor: a bare script printing the pack HTML once', fmt(results.floorPrintOfPack), ''],
    ];
    console.log(`brief benchmark, ${results.machine.cpus}, ${results.machine.node}, ${results.machine.browser}; medians of ${RUNS} runs (min–max)\n`);
    for (const [what, time, note] of rows) console.log(`${what!.padEnd(62)} ${time!.padEnd(24)} ${note}`);
    console.log(`\nredone after the claim edit: ${redone.join(', ')}`);
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
    console.log(`analyst pack: ${mb(sizes.pack)}; the same HTML printed tagged ${mb(sizes.tagged)}, untagged ${mb(sizes.untagged)} (tags +${(((sizes.tagged / sizes.untagged) - 1) * 100).toFixed(0)}%)`);
    await mkdir(path.resolve('out', 'bench'), { recursive: true });
    await writeFile(path.resolve('out', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('written: out/bench/results.json');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
