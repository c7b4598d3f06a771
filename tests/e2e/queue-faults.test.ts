// The Redis queue when things go wrong (reliability probe 2026-12-07): a worker that cannot make
// packs steps aside (R5), a Redis killed and restarted loses no waiting job and POST is 503 while
// it is down (R9), --queue-size holds under simultaneous requests (R18), a database Redis does
// not have is refused at start (R22). Real redis-servers on loopback ports; every wait is a poll.
import { execFileSync } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { corpora, type TempCorpus } from '../support/corpus.ts';
import { packUntilDone, startBrief, startRedis, startServe, stopAll } from '../support/service.ts';

const temp = corpora();
let corpus: TempCorpus;
const folders: string[] = [];
const post = (base: string, body: unknown) =>
  fetch(`${base}/api/packs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Polls `check` until it returns a value, or fails saying what it waited for. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  corpus = await temp.make();
});
afterAll(async () => {
  await stopAll();
  await temp.removeAll();
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

describe('a Redis database the server does not have (R22)', () => {
  it('is refused at start by serve and worker, exit 2, saying which databases there are', async () => {
    const redis = await startRedis();
    for (const command of ['serve', 'worker']) {
      const r = await brief([
        command,
        '--queue',
        `${redis.url}/99`,
        '--data',
        corpus.data,
        '--out',
        corpus.out,
        ...(command === 'serve' ? ['--port', '0'] : []),
      ]);
      expect.soft(r.code, `${command}: ${r.stderr}`).toBe(2);
      expect.soft(r.stderr, command).toMatch(/Redis has no database 99 .*it has 16, numbered 0 to 15/);
    }
    await redis.proc.stop();
  });
});

describe('--queue-size under simultaneous requests (R18), on a database of its own', () => {
  it('accepts 3 of 20 POSTs that arrive together with capacity 3; the other 17 get 429 and Retry-After', async () => {
    const redis = await startRedis();
    // On database 3, which Redis has: the jobs go there, not to database 0 (R22).
    const { url, proc } = await startServe([
      '--data',
      corpus.data,
      '--out',
      path.join(corpus.root, 'r18'),
      '--queue',
      `${redis.url}/3`,
      '--queue-size',
      '3',
    ]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(url, { audience: 'executive', date: `2024-06-${String(i + 1).padStart(2, '0')}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202).length, statuses.join(' ')).toBe(3);
    expect(statuses.filter((s) => s === 429).length, statuses.join(' ')).toBe(17);
    for (const a of answers.filter((x) => x.status === 429))
      expect.soft(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    const size = (db: number) =>
      Number(
        execFileSync('redis-cli', ['-p', String(redis.port), '-n', String(db), 'dbsize'])
          .toString()
          .trim(),
      );
    expect(size(3)).toBeGreaterThan(0);
    expect(size(0)).toBe(0);
    await proc.stop();
    await redis.proc.stop();
  });
});

describe('Redis killed and restarted with a job waiting (R9)', () => {
  it('answers 503 with a reason while Redis is down, logs it once, and the waiting job is made after the restart', {
    timeout: 180_000,
  }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'brief-redis-'));
    folders.push(dir);
    const redis = await startRedis({ dir });
    const out = path.join(corpus.root, 'r9');
    const { url, proc: serve } = await startServe(['--data', corpus.data, '--out', out, '--queue', redis.url]);
    const job = (await (await post(url, { audience: 'executive', date: '2024-07-01' })).json()) as {
      id: string;
      status: string;
    };
    expect(job.status).toBe('queued');

    redis.proc.child.kill('SIGKILL');
    await redis.proc.exited;
    const down = await until('POST to answer 503', async () => {
      const r = await post(url, { audience: 'executive', date: '2024-07-02' });
      return r.status === 503 ? r : undefined;
    });
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect(((await down.json()) as { error: string }).error).toMatch(
      /the queue is not reachable now \(Redis at redis:\/\/127\.0\.0\.1:\d+ does not answer\)/,
    );
    expect((await post(url, { audience: 'executive', date: '2024-07-03' })).status).toBe(503);
    expect((await fetch(`${url}/api/health`)).status).toBe(503);

    await startRedis({ port: redis.port, dir });
    await serve.waitFor('the server to see Redis again', /Redis at \S+ answers again/, 60_000);
    expect(serve.output.match(/does not answer/g)?.length, serve.output).toBe(1);
    expect(serve.output).not.toMatch(/internal error|ECONNREFUSED.*\n\s+at /);
    const status = (await (await fetch(`${url}/api/packs/${job.id}`)).json()) as { status: string };
    expect(status.status).toBe('queued');

    startBrief(['worker', '--queue', redis.url, '--data', corpus.data, '--out', out]);
    const done = await packUntilDone(url, { audience: 'executive', date: '2024-07-01' }, {}, 150_000);
    expect(done).toMatchObject({ id: job.id, status: 'done' });
    await serve.stop();
  });
});

describe('a worker that cannot make packs steps aside (R5)', () => {
  let redisUrl: string;
  let redisPort: number;
  let url: string;
  const out = () => path.join(corpus.root, 'r5');
  beforeAll(async () => {
    ({ url: redisUrl, port: redisPort } = await startRedis());
    ({ url } = await startServe(['--data', corpus.data, '--out', out(), '--queue', redisUrl]));
  });

  /** Three jobs queued while only the broken worker runs; it hands one back; then a healthy worker starts. */
  async function threeMadeByTheHealthyOne(broken: ReturnType<typeof startBrief>, dates: readonly string[]) {
    await broken.waitFor('the broken worker to take jobs', /taking pack jobs/);
    const asked = Promise.all(dates.map((date) => packUntilDone(url, { audience: 'executive', date }, {}, 240_000)));
    await broken.waitFor(
      'the broken worker to hand a job back',
      /went back to the queue for another worker, no attempt spent/,
    );
    const healthy = startBrief(['worker', '--queue', redisUrl, '--data', corpus.data, '--out', out()]);
    const done = await asked;
    for (const d of done) {
      expect.soft(d.status, d.error).toBe('done');
      expect.soft(healthy.output).toContain(`made pack ${d.id}`);
    }
    await healthy.stop();
    await broken.stop();
  }

  it('a worker whose browser is dead hands its jobs back without spending attempts: all 3 made by the healthy one', {
    timeout: 300_000,
  }, async () => {
    const dead = startBrief([
      'worker',
      '--queue',
      redisUrl,
      '--data',
      corpus.data,
      '--out',
      out(),
      '--browser-ws',
      'ws://127.0.0.1:1/x',
    ]);
    await threeMadeByTheHealthyOne(dead, ['2024-08-01', '2024-08-02', '2024-08-03']);
    expect(dead.output).toMatch(
      /no browser answers at ws:\/\/127\.0\.0\.1:1\/x.*went back to the queue for another worker, no attempt spent/,
    );
  });

  it('a worker on another corpus hands its jobs back: all 3 made by the healthy one', {
    timeout: 300_000,
  }, async () => {
    const other = await temp.make();
    await appendFile(path.join(other.data, 'audiences.yaml'), '# one comment line: another corpus\n');
    const elsewhere = startBrief([
      'worker',
      '--queue',
      redisUrl,
      '--data',
      other.data,
      '--out',
      path.join(other.root, 'out'),
    ]);
    await threeMadeByTheHealthyOne(elsewhere, ['2024-09-01', '2024-09-02', '2024-09-03']);
    expect(elsewhere.output).toMatch(/is not the one the pack was asked on.*went back to the queue/);
  });

  it('a job asked on a corpus saved over since fails as it always did, saying to ask again, and no worker steps aside', {
    timeout: 120_000,
  }, async () => {
    const noted = () =>
      execFileSync('redis-cli', ['-p', String(redisPort), 'hget', 'brief-packs:notes', 'corpus'])
        .toString()
        .trim();
    const job = (await (await post(url, { audience: 'executive', date: '2024-10-01' })).json()) as { id: string };
    const before = noted();
    expect(before).toMatch(/^[0-9a-f]{16,}$/);
    await appendFile(path.join(corpus.data, 'audiences.yaml'), '# saved while the job waits\n');
    await until(
      'the server to note the corpus saved over',
      async () => (noted() !== before ? true : undefined),
      60_000,
    );
    const worker = startBrief(['worker', '--queue', redisUrl, '--data', corpus.data, '--out', out()]);
    const failed = await until(
      'the stale job to fail',
      async () => {
        const s = (await (await fetch(`${url}/api/packs/${job.id}`)).json()) as { status: string; error?: string };
        return s.status === 'failed' ? s : undefined;
      },
      90_000,
    );
    expect(failed.error).toMatch(/is not the one the pack was asked on.*ask for the pack again/);
    expect(worker.output).not.toContain('went back to the queue');
    await worker.stop();
  });
});
