// Benchmark: the table `npm run bench` prints and out/bench/results.json, from what run.ts measured
// in its rounds (and watch.ts and the scale check beside them): every row with its target and
// whether it is met.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Citing, EditedClaim } from './claim.ts';
import type { PassCost } from './conformance.ts';
import { PEER_NAMES, type PeerJob } from './peers.ts';
import type { WatchBench } from './watch.ts';
import { fmt, fmtRatio, type Machine, median, ratio, type RoundsResult, secs, stats, type Tool } from './timing.ts';

export interface Doc {
  report: string;
  audience: string;
  status: string;
  reasons?: string[];
  pages: number | null;
  html: string;
}

/** The 100× corpus's check: wall times from scratch and the highest peak memory, or why it was not run. */
export type ScaleCheck = { ms: number[]; peakMb: number; claims: number } | { skipped: string };

/** What run.ts measured, for the table. */
export interface Measured {
  readonly subject: string;
  readonly mc: Machine;
  readonly runs: number;
  readonly texts: boolean;
  readonly docs: readonly Doc[];
  readonly names: readonly string[];
  readonly pages: number;
  readonly quick: RoundsResult;
  readonly cpu: { help: number[]; noop: number[] };
  readonly noopProblems: ReadonlySet<string>;
  readonly timesOf: RoundsResult;
  readonly tools: readonly Tool[];
  readonly claim: EditedClaim;
  readonly cites: Citing;
  readonly redone: readonly string[];
  readonly redoneProblems: ReadonlySet<string>;
  readonly peers: readonly PeerJob[];
  readonly unavailable: ReadonlyMap<string, string>;
  readonly pass: PassCost;
  readonly packPages: number;
  readonly packBytes: number;
  readonly floorPackBytes: number;
  readonly untaggedBytes: number;
  readonly scale: ScaleCheck;
  readonly watch: WatchBench | undefined;
}

async function pdfPages(file: string): Promise<number | null> {
  try {
    return (await PDFDocument.load(readFileSync(file), { updateMetadata: false })).getPageCount();
  } catch {
    return null;
  }
}

export async function report(m: Measured): Promise<void> {
  const { mc, docs, names, pages, quick, cpu, noopProblems, timesOf, tools, claim, cites, redone } = m;
  const { redoneProblems, peers, unavailable, pass, packPages, packBytes, floorPackBytes, untaggedBytes } = m;
  const RUNS = m.runs;
  const s = (name: string) => timesOf.samples.get(name)!;
  const q = (name: string) => quick.samples.get(name)!;
  const coldOverFloor = ratio(s('build'), s('floor'));
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
        `${n} ÷ build: ${fmtRatio(overCold)}${target ? '; target ≥ 1.1 (ours faster)' : ''}`,
        target ? (overCold.median >= 1.1 ? 'met' : 'missed') : '—',
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
      `≤ 0.15 s${noopProblems.size ? `; ${[...noopProblems][0]}` : ''}`,
      met(noop.median <= 150 && noopProblems.size === 0),
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
      `pack ÷ floor: ${fmtRatio(packOverFloor)}; target ≤ 1.5`,
      met(packOverFloor.median <= 1.5),
    ],
  ];

  const watch = m.watch;
  rows.push(
    watch
      ? [
          `\`brief watch\`: one claim saved → its ${watch.documents.length} PDFs renamed into out/ (${watch.runs} saves)`,
          `${fmt(watch)}${watch.cpuMs.length ? `; Node CPU ${secs(median(watch.cpuMs))} a save` : ''}`,
          '≤ 1 s',
          met(watch.median <= 1000),
        ]
      : ['`brief watch`: one claim saved → its PDFs', '—', 'not measured: BENCH_WATCH=0', 'n/a'],
  );
  const scale = m.scale;
  rows.push(
    'skipped' in scale
      ? ['`check` of the 100× corpus', '—', `not measured: ${scale.skipped}`, 'n/a']
      : [
          `\`check\` of the 100× corpus (${scale.claims.toLocaleString('en')} claims), from scratch`,
          `${fmt(stats(scale.ms))}; peak ${scale.peakMb.toFixed(0)} MB`,
          '≤ 10 s and ≤ 1.5 GB',
          met(stats(scale.ms).median <= 10_000 && scale.peakMb <= 1536),
        ],
  );
  const results = {
    date: new Date().toISOString(),
    subject: m.subject,
    machine: mc,
    runs: RUNS,
    warmup: 1,
    alternated: tools.map((t) => t.name),
    documents: docs.length,
    pages,
    texts: m.texts,
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
    packOverFloor: { ...packOverFloor, target: 1.5 },
    watch: watch ?? null,
    checkAt100: 'skipped' in scale ? scale : { ...stats(scale.ms), peakMb: scale.peakMb, claims: scale.claims },
    samples: { ...Object.fromEntries(timesOf.samples), ...Object.fromEntries(quick.samples) },
    retried: timesOf.retried,
  };

  console.log(
    `brief benchmark: ${mc.cores} × ${mc.cpu}, ${mc.memory}, ${mc.os}, Node ${mc.node}, ${mc.chromium}; load at start ${mc.load}`,
  );
  console.log(
    `brief measured: ${m.subject}; whole-process wall times, medians of ${RUNS} rounds after a warm-up (min–max); tools alternated round by round, ratios taken within each round\n`,
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
}
