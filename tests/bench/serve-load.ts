// Benchmark: `npm run bench:serve`. A bounded load test of brief as a service, on loopback only:
// a redis-server of its own, `brief serve --queue`, two `brief worker`s (each on its own
// Chromium), a fixed number of requests, and it stops by itself. Measures requests per minute and
// p50/p95 latency for packs not made yet (each request a new date) and for packs already made
// (served from the store), against a loop of local `brief pack` runs of the same packs, with the
// peak memory of the server and of each worker (the Node process, and with its Chromium).
// Writes out/bench/serve.json. BENCH_CORPUS picks the corpus (default: the sample, data/).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/brief.js');
const CORPUS = path.resolve(process.env.BENCH_CORPUS ?? 'data');
const UNCACHED = Number(process.env.BENCH_UNCACHED ?? 6);
const CACHED = Number(process.env.BENCH_CACHED ?? 200);
const AUDIENCE = process.env.BENCH_AUDIENCE ?? 'executive';
const env = { ...process.env, BRIEF_BROWSER_WS: '', BRIEF_TOKEN: '', BRIEF_TOKENS: '' };

const procs: ChildProcess[] = [];
function start(cmd: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  procs.push(child);
  return { child, output: () => out };
}
async function waitFor(what: string, output: () => string, pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(output());
    if (m) return m;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** Peak resident memory: the process's own high-water mark, and the largest sampled sum with its children. */
class Memory {
  private peakTree = 0;
  private timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => {
      this.peakTree = Math.max(this.peakTree, this.tree());
    }, 250);
  }
  private rss(pid: number): number {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  }
  private tree(): number {
    const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid='])
      .stdout.toString()
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    const all = [this.pid];
    for (let i = 0; i < all.length; i++) for (const [pid, ppid] of rows) if (ppid === all[i]) all.push(pid!);
    return all.reduce((sum, p) => sum + this.rss(p), 0);
  }
  stop(): { node: number; withChromium: number } {
    clearInterval(this.timer);
    let hwm = 0;
    try {
      hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      /* gone */
    }
    return { node: hwm, withChromium: Math.max(this.peakTree, hwm) };
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const summary = (ms: number[], wall: number) => ({
  requests: ms.length,
  perMinute: Math.round((ms.length / wall) * 60_000 * 10) / 10,
  p50: Math.round(pct(ms, 50)),
  p95: Math.round(pct(ms, 95)),
  wallMs: Math.round(wall),
});
const date = (i: number) => `2026-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, '0')}`;

async function pack(url: string, body: unknown): Promise<{ ms: number; id: string }> {
  const t = performance.now();
  const r = await fetch(`${url}/api/packs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const job = (await r.json()) as { id: string; status_url: string; status: string };
  if (r.status !== 202) throw new Error(`POST answered ${r.status}: ${JSON.stringify(job)}`);
  let status = job.status;
  while (status !== 'done') {
    if (status === 'failed')
      throw new Error(`pack failed: ${JSON.stringify(await (await fetch(`${url}${job.status_url}`)).json())}`);
    await new Promise((res) => setTimeout(res, 100));
    status = ((await (await fetch(`${url}${job.status_url}`)).json()) as { status: string }).status;
  }
  const pdf = await fetch(`${url}/api/packs/${job.id}.pdf`);
  await pdf.arrayBuffer();
  return { ms: performance.now() - t, id: job.id };
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-serve-bench-'));
  const data = path.join(root, 'data');
  await cp(CORPUS, data, { recursive: true });
  try {
    const port = await freePort();
    const redis = start('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    await waitFor('redis-server (apt-get install redis-server)', redis.output, /Ready to accept connections/);
    const queue = `redis://127.0.0.1:${port}`;
    const common = ['--data', data, '--out', path.join(root, 'out')];
    const server = start(process.execPath, [BIN, 'serve', '--port', '0', '--queue', queue, ...common]);
    const url = (await waitFor('the server', server.output, /listening on (http:\/\/[^/]+)\//))[1]!;
    const workers = [0, 1].map(() => start(process.execPath, [BIN, 'worker', '--queue', queue, ...common]));
    for (const w of workers) await waitFor('a worker', w.output, /taking pack jobs/);
    const memory = [server, ...workers].map((p) => new Memory(p.child.pid!));

    // Packs not made yet: each request a new date, all at once.
    let t = performance.now();
    const fresh = await Promise.all(
      Array.from({ length: UNCACHED }, (_, i) => pack(url, { audience: AUDIENCE, date: date(i) })),
    );
    const uncached = summary(
      fresh.map((f) => f.ms),
      performance.now() - t,
    );
    // Packs already made, 8 clients at once.
    const cachedMs: number[] = [];
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < CACHED) {
          const i = next++;
          cachedMs.push((await pack(url, { audience: AUDIENCE, date: date(i % UNCACHED) })).ms);
        }
      }),
    );
    const cached = summary(cachedMs, performance.now() - t);
    const [serverMem, ...workerMem] = memory.map((m) => m.stop());

    // The same packs by local `brief pack`, one after another, each a whole process.
    const localMs: number[] = [];
    t = performance.now();
    for (let i = 0; i < UNCACHED; i++) {
      const s = performance.now();
      const r = spawnSync(
        process.execPath,
        [BIN, 'pack', '--audience', AUDIENCE, '--date', date(i), '--data', data, '--out', path.join(root, 'local')],
        { env, encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`brief pack failed: ${r.stderr}`);
      localMs.push(performance.now() - s);
    }
    const local = summary(localMs, performance.now() - t);

    const mb = (b: number) => Math.round(b / 2 ** 20);
    const results = {
      machine: { cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`, node: process.version },
      corpus: path.relative(process.cwd(), CORPUS) || CORPUS,
      audience: AUDIENCE,
      uncached,
      cached,
      local,
      memoryMB: {
        server: { node: mb(serverMem!.node), withChildren: mb(serverMem!.withChromium) },
        workers: workerMem.map((m) => ({ node: mb(m.node), withChromium: mb(m.withChromium) })),
      },
    };
    await mkdir('out/bench', { recursive: true });
    await writeFile('out/bench/serve.json', `${JSON.stringify(results, null, 2)}\n`);
    const row = (what: string, s: ReturnType<typeof summary>) =>
      `| ${what} | ${s.requests} | ${s.perMinute} | ${(s.p50 / 1000).toFixed(2)} s | ${(s.p95 / 1000).toFixed(2)} s |`;
    console.log(
      [
        '| packs | requests | per minute | p50 | p95 |',
        '|---|---|---|---|---|',
        row('not made yet (serve, 2 workers)', uncached),
        row('already made (serve)', cached),
        row('local `brief pack` loop', local),
      ].join('\n'),
    );
    console.log(
      `peak memory: server ${results.memoryMB.server.node} MB; workers ${results.memoryMB.workers.map((w) => `${w.node} MB (${w.withChromium} MB with Chromium)`).join(', ')}`,
    );
    console.log('written out/bench/serve.json');
  } finally {
    for (const p of procs.reverse()) {
      p.kill('SIGTERM');
      await new Promise((r) => {
        if (p.exitCode !== null || p.signalCode !== null) r(null);
        else p.once('exit', r);
      });
    }
    await rm(root, { recursive: true, force: true });
  }
}

await main();
