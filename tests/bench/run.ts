// Benchmark: `npm run bench` (BENCH_RUNS rounds, default 5, after a warm-up round; BENCH_PEERS=0
// leaves the peers out). Whole-process wall times on a copy of the sample corpus (with
// `--texts ../shared/sources` when that folder exists), the tools alternated round by round and
// ratios taken within each round; prints a Markdown table and writes out/bench/results.json.
//   --help, no-op build     start-up, and a build with nothing to do (no browser)
//   cold build (--force)    every report for every audience, against the floor: the same final HTML
//                           printed by a bare script (tests/bench/floor.mjs), one browser, same pages at once
//   one claim edited        the documents redone (checked against those citing the claim) and the time
//   peers                   md-to-pdf and pagedjs-cli printing the same HTML (tests/bench/peers.ts);
//                           having no fingerprints, a peer given the edit must print every document again
//   analyst pack            made from unchanged documents, against the floor printing its HTML
import { conformancePassCost } from './conformance.ts';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Doc, report, type ScaleCheck } from './report.ts';
import { checkAtScale, makeCorpus } from './scale-corpus.ts';
import { benchWatch } from './watch.ts';
import { checkRedone, citing, pickClaim } from './claim.ts';
import { ensurePeers, PEER_NAMES, peerJobs } from './peers.ts';
import { subject } from './tree.ts';
import { chromiumPath, failure, machine, rounds, timed, type Tool } from './timing.ts';

const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 5)) || 5);
const SUBJECT = subject();
const FLOOR = path.resolve('tests/bench/floor.mjs');
const SHARED_TEXTS = path.resolve('..', 'shared', 'sources');
const log = (line: string) => process.stderr.write(`${line}\n`);

const brief = (args: string[], cwd: string) => {
  const r = timed(process.execPath, [SUBJECT.bin, ...args], { cwd, env: { ...process.env, BRIEF_BROWSER_WS: '' } });
  if (r.code !== 0) throw new Error(failure(`brief ${args.join(' ')}`, r));
  return r;
};
const floor = (outDir: string, files: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = timed(process.execPath, [FLOOR, outDir, ...files], { env: { ...process.env, ...env } });
  if (r.code !== 0) throw new Error(failure('floor.mjs', r));
  return r.ms;
};

async function checkAt100(root: string, haveTexts: boolean): Promise<ScaleCheck> {
  if (process.env.BENCH_SCALE === '0') return { skipped: 'BENCH_SCALE=0' };
  if (!haveTexts) return { skipped: `no texts at ${SHARED_TEXTS}: the copies are not in the lock` };
  log('the 100× corpus: check');
  const data = path.join(root, 'x100', 'data');
  await makeCorpus(100, data, SUBJECT.dir);
  const check = (k: string) => checkAtScale(SUBJECT.bin, SHARED_TEXTS, data, path.join(root, 'x100', `out-${k}`));
  check('warm-up');
  const runs = [1, 2, 3].map((k) => check(String(k)));
  return { ms: runs.map((r) => r.ms), peakMb: Math.max(...runs.map((r) => r.peakMb)), claims: 315 * 100 };
}

async function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'brief-bench-'));
  try {
    // The sample as a corpus: its data, and its audiences' templates and styles beside it.
    cpSync(path.join(SUBJECT.dir, 'data'), path.join(root, 'data'), { recursive: true });
    for (const dir of ['templates', 'styles'])
      cpSync(path.join(SUBJECT.dir, dir, 'audiences'), path.join(root, dir, 'audiences'), { recursive: true });
    const texts = existsSync(SHARED_TEXTS) ? ['--texts', SHARED_TEXTS] : [];
    const build = (...extra: string[]) => {
      const r = brief(['build', '--json', ...texts, ...extra], root);
      return { ms: r.ms, cpuMs: r.cpuMs, ...(JSON.parse(r.stdout) as { documents: Doc[]; browserStarted: boolean }) };
    };
    const mc = machine();
    log(
      `brief benchmark of the ${SUBJECT.describe}: ${RUNS} rounds after a warm-up, in ${root}; ${mc.cores} × ${mc.cpu}, load ${mc.load}`,
    );

    // The documents, and their final HTML as brief wrote it: the input of the floor and the peers.
    const first = build('--force');
    const docs = first.documents;
    const names = docs.map((d) => `${d.report}.${d.audience}`);
    const pages = docs.reduce((n, d) => n + (d.pages ?? 0), 0);
    const htmlDir = path.join(root, 'bench-html');
    mkdirSync(htmlDir);
    const htmlFiles = docs.map((d, i) => {
      const to = path.join(htmlDir, `${names[i]}.html`);
      cpSync(d.html, to);
      return to;
    });

    log('--help and the no-op build');
    const noopProblems = new Set<string>();
    const cpu = { help: [] as number[], noop: [] as number[] };
    const withCpu = <R extends { ms: number; cpuMs: number | null }>(into: number[], r: R): R => {
      if (r.cpuMs !== null) into.push(r.cpuMs);
      return r;
    };
    const quick = rounds(RUNS, [
      { name: 'help', run: () => withCpu(cpu.help, brief(['--help'], root)).ms },
      {
        name: 'noop',
        run: () => {
          const r = withCpu(cpu.noop, build());
          const redid = r.documents.filter((d) => d.status !== 'kept');
          if (redid.length || r.browserStarted)
            noopProblems.add(
              `not a no-op: ${redid.length} redone (${redid[0]?.reasons?.join('; ') ?? 'browser started'})`,
            );
          return r.ms;
        },
      },
    ]);

    const claim = pickClaim(root);
    const cites = citing(root, claim, docs);
    let redone: string[] = [];
    const redoneProblems = new Set<string>();
    let edited = false;

    // The analyst pack's HTML, for its floor.
    const stateJson = path.join(root, 'out', '.brief', 'state.json');
    const packPages = (
      JSON.parse(brief(['pack', '--json', '--audience', 'analyst', ...texts], root).stdout) as {
        pack: { pages: number };
      }
    ).pack.pages;
    const packHtml = path.join(root, 'bench-pack', 'analyst.html');
    mkdirSync(path.dirname(packHtml));
    cpSync(path.join(root, 'out', 'packs', 'analyst.html'), packHtml);
    const packBytes = statSync(path.join(root, 'out', 'packs', 'analyst.pdf')).size;

    const chromium = chromiumPath();
    // BENCH_PEERS: unset for both, 0 for none, or a comma-separated list of names.
    const wanted = (process.env.BENCH_PEERS ?? PEER_NAMES.join(',')).split(',').filter((n) => n !== '0');
    const installed = ensurePeers(
      log,
      PEER_NAMES.filter((n) => chromium && wanted.includes(n)),
    );
    if (!chromium) for (const n of PEER_NAMES) installed[n] = { ok: false, reason: 'no Chromium found' };
    const { jobs: peers, unavailable } = peerJobs(installed, htmlFiles, path.join(root, 'peers'), chromium ?? '');
    for (const [n, why] of unavailable) log(`  ${n} unavailable: ${why}`);

    const tools: Tool[] = [
      { name: 'build', run: () => build('--force').ms },
      { name: 'floor', run: () => floor(path.join(root, 'floor'), htmlFiles) },
      {
        name: 'edit',
        run: () => {
          edited = !edited;
          claim.set(edited);
          const r = build();
          redone = r.documents.filter((d) => d.status === 'built').map((d) => `${d.report}.${d.audience}`);
          const problem = checkRedone(redone, cites);
          if (problem) redoneProblems.add(problem);
          return r.ms;
        },
      },
      ...peers.map((p) => ({ name: p.name, run: p.run, optional: true })),
      {
        name: 'pack',
        run: () => {
          // its record dropped from the state, so the pack is made, not kept; the state's checksum
          // made anew (sha256 of its JSON without it, as run/state.ts writes it): a state that does
          // not match it is discarded as damaged, and every document was redone with the pack
          const { checksum: _, ...state } = JSON.parse(readFileSync(stateJson, 'utf8')) as Record<string, unknown>;
          const next = { ...state, packs: {} };
          const checksum = createHash('sha256').update(JSON.stringify(next)).digest('hex');
          writeFileSync(stateJson, JSON.stringify({ checksum, ...next }));
          return brief(['pack', '--audience', 'analyst', ...texts], root).ms;
        },
      },
      { name: 'pack floor', run: () => floor(path.join(root, 'floor-pack'), [packHtml]) },
    ];
    log(`rounds: ${tools.map((t) => t.name).join(', ')} (order rotated each round)`);
    const timesOf = rounds(RUNS, tools, log);
    floor(path.join(root, 'floor-untagged'), [packHtml], { FLOOR_TAGGED: '0' });
    const untaggedBytes = statSync(path.join(root, 'floor-untagged', 'analyst.pdf')).size;
    const floorPackBytes = statSync(path.join(root, 'floor-pack', 'analyst.pdf')).size;

    // The 100× corpus's check (BENCH_SCALE=0 leaves it out): three from scratch, each into its own out/.
    const scale = await checkAt100(root, texts.length > 0);
    // The watch: a save of the same kind of claim edit → its PDFs on disk (BENCH_WATCH=0 leaves it out).
    log('brief watch: one claim saved, 10 times');
    const watch =
      process.env.BENCH_WATCH === '0'
        ? undefined
        : await benchWatch({ subject: SUBJECT, args: texts, log: (l) => log(`  ${l}`) });
    await report({
      scale,
      watch,
      subject: SUBJECT.describe,
      mc,
      runs: RUNS,
      texts: texts.length > 0,
      docs,
      names,
      pages,
      quick,
      cpu,
      noopProblems,
      timesOf,
      tools,
      claim,
      cites,
      redone,
      redoneProblems,
      peers,
      unavailable,
      // The finishing pass, timed on the floor's raw PDFs of the same documents (CPU seconds).
      pass: await conformancePassCost(path.join(root, 'floor'), '2024-01-15'),
      packPages,
      packBytes,
      floorPackBytes,
      untaggedBytes,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
    SUBJECT.cleanup();
  }
}

await main();
