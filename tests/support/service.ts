// Test support: brief serve and brief worker as real processes, and a real redis-server on a free
// loopback port; each started here is stopped by stopAll() (call it in afterAll), even on failure.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { sharedBrowser } from './options.ts';

const BIN = path.resolve('bin/brief.js');

export interface Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  output: string;
  readonly exited: Promise<number | null>;
  /** Waits until the output matches, or fails saying what it waited for and what was printed. */
  waitFor(what: string, pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const started: Proc[] = [];

function track(child: ChildProcess, name: string): Proc {
  let exit!: (code: number | null) => void;
  const exited = new Promise<number | null>((resolve) => {
    exit = resolve;
  });
  const proc: Proc = {
    child,
    pid: child.pid!,
    output: '',
    exited,
    async waitFor(what, pattern, ms = 60_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = pattern.exec(proc.output);
        if (m) return m;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${proc.output}`);
        if (Date.now() > until)
          throw new Error(
            `timed out after ${ms / 1000} s waiting for ${what} from ${name}:\n${proc.output.slice(-3000)}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => {
        timer = setTimeout(() => r('late'), 30_000);
      });
      const code = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (code === 'late') {
        child.kill('SIGKILL');
        return exited;
      }
      return code;
    },
  };
  child.stdout?.on('data', (d: Buffer) => {
    proc.output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    proc.output += d.toString();
  });
  child.on('exit', (code, signal) => exit(code ?? (signal ? 128 : null)));
  started.push(proc);
  return proc;
}

/** A port nobody listens on now, on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** The CLI as a long-running process; on the suite's shared browser unless env says otherwise. */
export function startBrief(args: readonly string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, BRIEF_BROWSER_WS: sharedBrowser() ?? '', BRIEF_TOKEN: '', BRIEF_TOKENS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, `brief ${args[0]}`);
}

/** `brief serve` on a free port, once it listens: its base URL. */
export async function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ proc: Proc; url: string }> {
  const proc = startBrief(['serve', '--port', '0', ...args], env);
  const m = await proc.waitFor('the server to listen', /listening on (http:\/\/[^/]+)\//);
  return { proc, url: m[1]! };
}

/**
 * A redis-server of its own, on a free loopback port (or `port`), keeping nothing on disk unless
 * given a folder: then with an append-only file synced at every write, as the README advises.
 */
export async function startRedis(
  options: { readonly port?: number; readonly dir?: string } = {},
): Promise<{ proc: Proc; url: string; port: number }> {
  const port = options.port ?? (await freePort());
  const persistence = options.dir
    ? ['--dir', options.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '']
    : ['--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...persistence], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('error', () => undefined); // not installed: waitFor below says so
  const proc = track(child, 'redis-server');
  await proc.waitFor(
    'redis-server to accept connections (is it installed? apt-get install redis-server)',
    /Ready to accept connections/,
    60_000,
  );
  return { proc, url: `redis://127.0.0.1:${port}`, port };
}

/** Stops everything started here, newest first. */
export async function stopAll(): Promise<void> {
  for (const p of started.splice(0).reverse()) await p.stop();
}

/** Every process below `pid`, through the process table. */
export function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (p: number) =>
    rows
      .filter(([, ppid]) => ppid === p)
      .forEach(([child]) => {
        found.push(child);
        walk(child);
      });
  walk(pid);
  return found;
}

/** Asks for a pack and waits until it is done or failed: the last status answer. */
export async function packUntilDone(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  ms = 120_000,
): Promise<{ id: string; status: string; error?: string; pdf_url?: string }> {
  const r = await fetch(`${url}/api/packs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const job = (await r.json()) as { id: string; status_url: string; error?: string };
  if (r.status !== 202)
    throw new Error(`POST /api/packs ${JSON.stringify(body)} answered ${r.status}: ${JSON.stringify(job)}`);
  const until = Date.now() + ms;
  for (;;) {
    const s = (await (await fetch(`${url}${job.status_url}`, { headers })).json()) as {
      status: string;
      error?: string;
      pdf_url?: string;
    };
    if (s.status === 'done' || s.status === 'failed') return { id: job.id, ...s };
    if (Date.now() > until)
      throw new Error(`pack ${job.id} (${JSON.stringify(body)}) still ${s.status} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
