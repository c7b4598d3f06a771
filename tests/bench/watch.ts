// Benchmark: `npm run bench:watch`, and `benchWatch` for `npm run bench`'s table. `brief watch` on a
// copy of the sample corpus: after its first build, one claim's statement is edited back and forth
// (BENCH_WATCH_SAVES saves, default 10), and each save is timed from the write of the claim's file
// to the rename into out/pdf/ of the PDF of every document that prints it (fs.watch on out/pdf/; no
// fixed sleeps). The next save waits for the watch to say its rebuild is done. Writes
// out/bench/watch.json when run alone. BENCH_WATCH_PROF=DIR runs the watch under `node --cpu-prof`;
// BENCH_WATCH_ECHO=1 passes its output through.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { citing, pickClaim } from './claim.ts';
import { machine, median, type Stats, stats } from './timing.ts';
import { subject } from './tree.ts';

export interface WatchBench extends Stats {
  /** Every save's latency, in milliseconds, in order. */
  samples: number[];
  claim: string;
  /** The documents whose PDFs each save waited for. */
  documents: string[];
  /** The first build, from the watch's start to its "watching" line. */
  firstBuildMs: number;
  /** CPU time of the watch's Node process (not its Chromium) over each save's rebuild; empty off Linux. */
  cpuMs: number[];
}

/** CPU time (user + system) of a process so far, from /proc; undefined off Linux. */
function cpuOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export interface WatchBenchOptions {
  /** The brief measured: its project folder (data/, templates/, styles/) and bin/brief.js. */
  subject?: { dir: string; bin: string };
  saves?: number;
  /** Extra arguments to `brief watch` (e.g. `--texts DIR`). */
  args?: readonly string[];
  log?: (line: string) => void;
}

/** The watch's output, and a way to wait (bounded, so a broken watch fails the bench rather than hanging it) for a line. */
function follow(child: ChildProcess) {
  let output = '';
  const waiters = new Set<() => void>();
  const echo = Boolean(process.env.BENCH_WATCH_ECHO);
  const take = (d: Buffer) => {
    output += d.toString();
    if (echo) process.stderr.write(d);
    for (const w of waiters) w();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = (what: string, test: (out: string) => boolean, from = 0, ms = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!test(output.slice(from))) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}:\n${output.slice(-2000)}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void exited.then(() => {
        if (!waiters.has(check)) return;
        done();
        reject(new Error(`brief watch exited while waiting for ${what}:\n${output.slice(-2000)}`));
      });
      check();
    });
  return { until, length: () => output.length, output: () => output };
}

/** Resolves with the time at which every one of `files` (names in `dir`) has been renamed over. */
function renamed(dir: string, files: readonly string[], ms = 120_000): { done: Promise<number>; stop: () => void } {
  const inode = (f: string) => (existsSync(path.join(dir, f)) ? statSync(path.join(dir, f)).ino : -1);
  const before = new Map(files.map((f) => [f, inode(f)]));
  const waiting = new Set(files);
  let stop: () => void = () => undefined;
  const done = new Promise<number>((resolve, reject) => {
    const watcher = watch(dir, (_event, name) => {
      if (!name || !waiting.has(name)) return;
      const now = performance.now();
      // A rename replaces the inode: the PDF now on disk is a new one, not the old one touched.
      if (inode(name) === before.get(name)) return;
      waiting.delete(name);
      if (waiting.size === 0) {
        stop();
        resolve(now);
      }
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no new ${[...waiting].join(', ')} in ${dir} within ${ms / 1000} s`));
    }, ms);
    stop = () => {
      clearTimeout(timer);
      watcher.close();
    };
  });
  return { done, stop };
}

export async function benchWatch(options: WatchBenchOptions = {}): Promise<WatchBench> {
  const own = options.subject ? undefined : subject();
  const { dir, bin } = options.subject ?? own!;
  const saves = options.saves ?? 10;
  const log = options.log ?? (() => undefined);
  const root = mkdtempSync(path.join(os.tmpdir(), 'brief-bench-watch-'));
  let child: ChildProcess | undefined;
  try {
    // The sample as a corpus: its data, and its audiences' templates and styles beside it (as run.ts does).
    cpSync(path.join(dir, 'data'), path.join(root, 'data'), { recursive: true });
    for (const sub of ['templates', 'styles'])
      cpSync(path.join(dir, sub, 'audiences'), path.join(root, sub, 'audiences'), { recursive: true });
    const prof = process.env.BENCH_WATCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_WATCH_PROF] : [];
    const started = performance.now();
    child = spawn(process.execPath, [...prof, bin, 'watch', ...(options.args ?? [])], {
      cwd: root,
      env: { ...process.env, BRIEF_BROWSER_WS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const watching = follow(child);
    await watching.until('the first build', (out) => /watching .*\(Ctrl-C to stop\)/.test(out), 0, 300_000);
    const firstBuildMs = performance.now() - started;
    log(`  first build and watching: ${(firstBuildMs / 1000).toFixed(2)} s`);

    const claim = pickClaim(root);
    // The documents that print the claim: those its edit redoes (claim.ts).
    const recorded = citing(root, claim, []).recorded.map((n) => {
      const [report, audience] = n.split('.');
      return { report: report!, audience: audience! };
    });
    const documents = citing(root, claim, recorded).printing;
    if (documents.length === 0) throw new Error(`no document prints claim ${claim.id}`);
    const pdfDir = path.join(root, 'out', 'pdf');
    const samples: number[] = [];
    const cpuMs: number[] = [];
    for (let i = 0; i < saves; i++) {
      const from = watching.length();
      const pdfs = renamed(
        pdfDir,
        documents.map((d) => `${d}.pdf`),
      );
      const cpuBefore = cpuOf(child.pid);
      const saved = (() => {
        claim.set(i % 2 === 0);
        return performance.now();
      })();
      const at = await pdfs.done.catch((err: unknown) => {
        throw new Error(`${(err as Error).message}\n${watching.output().slice(from)}`);
      });
      samples.push(at - saved);
      // Idle again before the next save: the rebuild's closing line ("N built, M kept in …").
      await watching.until('the end of the rebuild', (out) => /\d+ built, \d+ kept in/.test(out), from);
      const cpuAfter = cpuOf(child.pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpuMs.push(cpuAfter - cpuBefore);
      log(
        `  save ${i + 1}/${saves}: ${((at - saved) / 1000).toFixed(3)} s${cpuMs.length > i ? `; Node CPU ${(cpuMs[i]! / 1000).toFixed(2)} s` : ''}`,
      );
    }
    return { ...stats(samples), samples, claim: claim.id, documents, firstBuildMs, cpuMs };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
    own?.cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const texts = path.resolve('..', 'shared', 'sources');
  const mc = machine();
  log(`brief watch: save of one claim → its PDFs renamed into out/pdf/; ${mc.cores} × ${mc.cpu}, load ${mc.load}`);
  const result = await benchWatch({
    saves: Math.max(1, Number(process.env.BENCH_WATCH_SAVES ?? 10) || 10),
    args: existsSync(texts) ? ['--texts', texts] : [],
    log,
  });
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  log(
    `save → PDF on disk (${result.documents.join(', ')}): median ${s(result.median)} (${s(result.min)}–${s(result.max)}) over ${result.runs} saves${result.cpuMs.length ? `, Node CPU ${s(median(result.cpuMs))} a save` : ''}; target ≤ 1 s: ${result.median <= 1000 ? 'met' : 'missed'}`,
  );
  mkdirSync(path.resolve('out', 'bench'), { recursive: true });
  writeFileSync(
    path.resolve('out', 'bench', 'watch.json'),
    `${JSON.stringify(
      {
        ...result,
        machine: {
          ...mc,
          loadAfter: os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' '),
        },
      },
      null,
      2,
    )}\n`,
  );
}
