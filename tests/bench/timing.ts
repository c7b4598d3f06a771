// Benchmark helpers: whole-process timing, rounds that alternate the tools, medians and ratios
// taken round by round, and what the machine is. Used by tests/bench/run.ts and peers.ts.
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface Run {
  ms: number;
  /** CPU time (user + system) of the process and the children it waited for; null off Linux. Less
   * sensitive than wall time to a busy machine, but blind to a browser's processes (re-parented when it exits). */
  cpuMs: number | null;
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/** CPU time of this process's waited-for children so far (cutime + cstime in /proc/self/stat, 100 ticks a second). */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** One process, start to exit (node start-up included), wall time in milliseconds. */
export function timed(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Run {
  const cpu = childrenCpuMs();
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 100_000_000, timeout: 600_000, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  return {
    ms,
    cpuMs: cpu === null || cpuAfter === null ? null : cpuAfter - cpu,
    code: r.status,
    signal: r.signal,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    ...(r.error ? { error: r.error } : {}),
  };
}

/** The tail of a failed run's output, for a one-line reason. */
export function failure(what: string, r: Run): string {
  const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  const lines = `${r.stderr}\n${r.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^npm error$/.test(l));
  const tail = [...new Set([lines[0], ...lines.slice(-2)])].filter(Boolean).join(' | ').slice(0, 400);
  return `${what}: ${why}${tail ? ` (${tail})` : ''}`;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
export const stats = (xs: readonly number[]): Stats => ({
  median: median(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
  runs: xs.length,
});

/** A tool taking part in the rounds. `optional` tools (the peers) may fail: they are dropped, not fatal. */
export interface Tool {
  name: string;
  run: () => number;
  optional?: boolean;
}

export interface RoundsResult {
  samples: Map<string, number[]>;
  failed: Map<string, string>;
  retried: { tool: string; round: number; error: string }[];
}

/**
 * One warm-up round, then `runs` rounds. Each round runs every tool once, in an order rotated by
 * one each round, so a noisy stretch of the shared machine falls on all of them alike.
 */
export function rounds(
  runs: number,
  tools: readonly Tool[],
  log: (line: string) => void = () => undefined,
): RoundsResult {
  const samples = new Map<string, number[]>(tools.map((t) => [t.name, []]));
  const failed = new Map<string, string>();
  const retried: RoundsResult['retried'] = [];
  for (let round = 0; round <= runs; round++) {
    const order = tools.map((_, i) => tools[(i + round) % tools.length]!);
    const times: string[] = [];
    for (const tool of order) {
      if (failed.has(tool.name)) continue;
      // An optional tool gets a second try in the same round (a peer's own timeout on a busy
      // machine); failing twice, it is left out of the rest and reported.
      for (let attempt = 1; ; attempt++) {
        try {
          const ms = tool.run();
          if (round > 0) samples.get(tool.name)!.push(ms);
          times.push(`${tool.name} ${(ms / 1000).toFixed(1)}`);
          break;
        } catch (err) {
          if (!tool.optional) throw err;
          const error = (err as Error).message;
          if (attempt === 1) {
            retried.push({ tool: tool.name, round, error });
            log(`  ${tool.name} failed, trying once more: ${error}`);
            continue;
          }
          failed.set(tool.name, error);
          log(`  ${tool.name} failed again, left out: ${error}`);
          break;
        }
      }
    }
    log(`  ${round === 0 ? 'warm-up' : `round ${round}/${runs}`}: ${times.join(', ')}`);
  }
  return { samples, failed, retried };
}

/** a ÷ b taken round by round (both measured in the same round), then summarised. */
export function ratio(a: readonly number[], b: readonly number[]): Stats {
  const n = Math.min(a.length, b.length);
  return stats(Array.from({ length: n }, (_, i) => a[i]! / b[i]!));
}

/** The Chromium brief finds first (pipeline/print/browser.ts), which the floor and the peers are given too. */
export function chromiumPath(): string | undefined {
  const env = [process.env.BRIEF_CHROME, process.env.PUPPETEER_EXECUTABLE_PATH].find((p) => p && existsSync(p));
  return (
    env ??
    ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
      (p) => existsSync(p),
    )
  );
}

export interface Machine {
  os: string;
  cores: number;
  cpu: string;
  memory: string;
  node: string;
  chromium: string;
  load: string;
}

export function machine(): Machine {
  let chromium = 'unknown';
  const browser = chromiumPath();
  try {
    if (browser)
      chromium = execFileSync(browser, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* keep unknown */
  }
  return {
    os: `${os.type()} ${os.release()}`,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    chromium,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const fmt = (s: Stats): string =>
  `${secs(s.median)} (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)})`;
export const fmtRatio = (s: Stats): string => `${s.median.toFixed(2)} × (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
