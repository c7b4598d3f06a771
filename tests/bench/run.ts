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
import { PDFDocument } from 'pdf-lib';
import { checkRedone, citing, pickClaim } from './claim.ts';
import { ensurePeers, PEER_NAMES, peerJobs } from './peers.ts';
import { subject } from './tree.ts';
import {
  chromiumPath,
  failure,
  fmt,
  fmtRatio,
  machine,
  median,
  ratio,
  rounds,
  secs,
  stats,
  timed,
  type Tool,
} from './timing.ts';

const RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS ?? 5)) || 5);
const SUBJECT = subject();
const FLOOR = path.resolve('tests/bench/floor.mjs');
const SHARED_TEXTS = path.resolve('..', 'shared', 'sources');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Doc {
  report: string;
  audience: string;
  status: string;
  reasons?: string[];
  pages: number | null;
  html: string;
}

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
async function pdfPages(file: string): Promise<number | null> {
  try {
    return (await PDFDocument.load(readFileSync(file), { updateMetadata: false })).getPageCount();
  } catch {
    return null;
  }
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

    const s = (name: string) => timesOf.samples.get(name)!;
    const q = (name: string) => quick.samples.get(name)!;
    const coldOverFloor = ratio(s('build'), s('floor'));
    // The finishing pass, timed on the floor's raw PDFs of the same documents (CPU seconds).
    const pass = await conformancePassCost(path.join(root, 'floor'), '2024-01-15');
    const passShare = pass.seconds / (stats(s('build')).median / 1000);
    const packOverFloor = ratio(s('pack'), s('pack floor'));
    const peerResults: Record<string, unknown> = {};
    const peerRows: string[][] = [];
    for (const n of PEER_NAMES) {
      const job = peers.find((p) => p.name === n);
      const why = unavailable.get(n) ?? timesOf.failed.get(n);
      if (!job || why) {
        peerResults[n] = { ok: false, reason: why };
        peerRows.push([`${n}: not measured`, '—', `unavailable: ${why}`, 'n/a']);
        continue;
      }
      const t = stats(s(n));
      const overCold = ratio(s(n), s('build'));
      const overEdit = ratio(s(n), s('edit'));
      const peerPages = await Promise.all(job.outputs().map(pdfPages));
      const differ = names.filter((_, i) => peerPages[i] !== docs[i]!.pages);
      const total = peerPages.reduce<number>((a, b) => a + (b ?? 0), 0);
      const target = n === 'md-to-pdf';
      peerResults[n] = {
        ok: true,
        version: job.version,
        mode: job.mode,
        ...t,
        pages: total,
        pagesDifferIn: differ,
        overColdBuild: overCold,
        overEdit,
      };
      peerRows.push(
        [
          `${n} ${job.version}, the same ${docs.length} HTML files (${total} pages), cold`,
          fmt(t),
          `${n} ÷ build: ${fmtRatio(overCold)}${target ? '; target > 1 (ours faster)' : ''}`,
          target ? (overCold.median > 1 ? 'met' : 'missed') : '—',
        ],
        [
          `${n}, the claim edit: all ${docs.length} printed again (no fingerprints)`,
          'same runs',
          `${n} ÷ edit: ${fmtRatio(overEdit)}${target ? '; target ≥ 3' : ''}`,
          target ? (overEdit.median >= 3 ? 'met' : 'missed') : '—',
        ],
      );
    }

    const help = stats(q('help'));
    const noop = stats(q('noop'));
    const cold = stats(s('build'));
    const edit = stats(s('edit'));
    // The warm-up's CPU time is left out, like its wall time.
    const cpuOf = (xs: number[]) => (xs.length > 1 ? `; CPU ${secs(median(xs.slice(1)))}` : '');
    const met = (ok: boolean) => (ok ? 'met' : 'missed');
    const redoneOk = redoneProblems.size === 0;
    const withoutNotes = cites.recorded.filter((n) => !cites.printing.includes(n)).length;
    const concurrency = Math.max(
      1,
      Math.min(Number(process.env.FLOOR_CONCURRENCY) || Math.min(mc.cores, 4), docs.length),
    );
    const rows: string[][] = [
      ['`brief --help`', fmt(help) + cpuOf(cpu.help), '≤ 0.3 s', met(help.median <= 300)],
      [
        `no-op build (${docs.length} documents kept, no browser)`,
        fmt(noop) + cpuOf(cpu.noop),
        `≤ 0.5 s${noopProblems.size ? `; ${[...noopProblems][0]}` : ''}`,
        met(noop.median <= 500 && noopProblems.size === 0),
      ],
      [`cold build, \`--force\` (${docs.length} documents, ${pages} pages, HTML and PDF)`, fmt(cold), '', ''],
      [
        `the floor: a bare script printing the same ${docs.length} HTML files (one browser, ${concurrency} pages at once)`,
        fmt(stats(s('floor'))),
        `build ÷ floor: ${fmtRatio(coldOverFloor)}; target ≤ 1.25`,
        met(coldOverFloor.median <= 1.25),
      ],
      [
        `one claim edited (\`${claim.id}\`): ${redone.length} redone`,
        fmt(edit),
        `only the ${cites.printing.length} documents showing it${withoutNotes ? ` (${withoutNotes} more cite${withoutNotes === 1 ? 's' : ''} it without notes, showing only its source)` : ''}${redoneOk ? '' : `; ${[...redoneProblems][0]}`}`,
        met(redoneOk),
      ],
      ...peerRows,
      [
        `PDF/UA-1 and PDF/A-2b finishing pass over the ${pass.files} documents (CPU, in process)`,
        `${pass.seconds.toFixed(2)} s; +${(((pass.finishedBytes - pass.rawBytes) / pass.rawBytes) * 100).toFixed(1)} % in size`,
        `${(passShare * 100).toFixed(1)} % of the cold build's median; target ≤ 15 %`,
        met(passShare <= 0.15),
      ],
      [`analyst pack (${packPages} pages), its documents unchanged`, fmt(stats(s('pack'))), '', ''],
      [
        'the floor: a bare script printing the pack HTML once',
        fmt(stats(s('pack floor'))),
        `pack ÷ floor: ${fmtRatio(packOverFloor)}; target ≤ 2`,
        met(packOverFloor.median <= 2),
      ],
    ];

    const results = {
      date: new Date().toISOString(),
      subject: SUBJECT.describe,
      machine: mc,
      runs: RUNS,
      warmup: 1,
      alternated: tools.map((t) => t.name),
      documents: docs.length,
      pages,
      texts: texts.length > 0,
      help: { ...help, cpuMs: cpu.help.slice(1) },
      noopBuild: { ...noop, cpuMs: cpu.noop.slice(1), problems: [...noopProblems] },
      coldBuild: cold,
      conformancePass: { ...pass, shareOfColdBuild: passShare },
      floor: { ...stats(s('floor')), concurrency, script: 'tests/bench/floor.mjs' },
      coldOverFloor: { ...coldOverFloor, target: 1.25 },
      oneClaimEdited: {
        ...edit,
        claim: claim.id,
        redone,
        citing: cites,
        redoneEqualsCiting: redoneOk,
        problems: [...redoneProblems],
      },
      peers: peerResults,
      peerEdit:
        'a peer has no fingerprints: given the edit it must print every document again, so its edit time is its cold time, compared with our edit in the same round',
      analystPack: { ...stats(s('pack')), pages: packPages, bytes: packBytes },
      floorOfPack: { ...stats(s('pack floor')), taggedBytes: floorPackBytes, untaggedBytes },
      packOverFloor: { ...packOverFloor, target: 2 },
      samples: { ...Object.fromEntries(timesOf.samples), ...Object.fromEntries(quick.samples) },
      retried: timesOf.retried,
    };

    console.log(
      `brief benchmark: ${mc.cores} × ${mc.cpu}, ${mc.memory}, ${mc.os}, Node ${mc.node}, ${mc.chromium}; load at start ${mc.load}`,
    );
    console.log(
      `brief measured: ${SUBJECT.describe}; whole-process wall times, medians of ${RUNS} rounds after a warm-up (min–max); tools alternated round by round, ratios taken within each round\n`,
    );
    console.log('| what | time | ratio · target | |\n|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log(
      `\nredone after the claim edit: ${redone.join(', ')}; printing its quote: ${cites.printing.join(', ')}; citing it (brief's record): ${cites.recorded.join(', ')}`,
    );
    for (const [n, r] of Object.entries(peerResults) as [
      string,
      { ok: boolean; mode?: string; pages?: number; pagesDifferIn?: string[] },
    ][]) {
      if (r.ok)
        console.log(
          `${n}: ${r.mode}; ${r.pages} pages (brief: ${pages})${r.pagesDifferIn!.length ? `, a different count in ${r.pagesDifferIn!.join(', ')}` : ''}`,
        );
    }
    const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
    console.log(
      `analyst pack ${mb(packBytes)}; its HTML printed by the floor tagged ${mb(floorPackBytes)}, untagged ${mb(untaggedBytes)} (tags +${((floorPackBytes / untaggedBytes - 1) * 100).toFixed(0)}%)`,
    );
    mkdirSync(path.resolve('out', 'bench'), { recursive: true });
    writeFileSync(path.resolve('out', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    for (const r of timesOf.retried)
      console.log(
        `retried: ${r.tool} failed once in ${r.round ? `round ${r.round}` : 'the warm-up'} (${r.error.slice(0, 160)})`,
      );
    console.log('written: out/bench/results.json');
  } finally {
    rmSync(root, { recursive: true, force: true });
    SUBJECT.cleanup();
  }
}

await main();
