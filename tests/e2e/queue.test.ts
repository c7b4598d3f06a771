// Past one machine, on one machine: a real redis-server, brief serve --queue and two brief
// workers (one on a Chromium of its own, one on a remote browser), 20 pack requests with repeats,
// and one worker killed with SIGKILL in the middle of a job. Every request completes, each PDF is
// valid and the same bytes as brief pack makes, and no Chromium is left running afterwards.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { corpora, type TempCorpus } from '../support/corpus.ts';
import { sharedBrowser } from '../support/options.ts';
import { pdfInfo } from '../support/pdf.ts';
import {
  descendants,
  packUntilDone,
  startBrief,
  startRedis,
  startServe,
  stopAll,
  type Proc,
} from '../support/service.ts';
import { until } from '../support/until.ts';

const temp = corpora();
let corpus: TempCorpus;
let url: string;
let redisUrl: string;
let workers: Proc[];
/** Every process ever seen below a worker (its Chromium), sampled while the test runs. */
const seen = new Set<number>();
let sampler: NodeJS.Timeout | undefined;

const REQUESTS = [
  { audience: 'analyst', pack: 'weekly', date: '2024-01-15' },
  { audience: 'analyst', date: '2024-01-15' },
  { audience: 'executive', date: '2024-01-15' },
  { audience: 'analyst', reports: ['timeline', 'brief'], date: '2024-01-15' },
  { audience: 'executive', date: '2024-02-01' },
];
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  corpus = await temp.make();
  ({ url: redisUrl } = await startRedis());
  ({ url } = await startServe(['--data', corpus.data, '--out', corpus.out, '--queue', redisUrl]));
  const common = ['worker', '--queue', redisUrl, '--data', corpus.data, '--out', corpus.out, '--restart-after', '3'];
  workers = [
    startBrief(common, { BRIEF_BROWSER_WS: '' }), // its own Chromium
    startBrief([...common, ...(sharedBrowser() ? ['--browser-ws', sharedBrowser()!] : [])]), // a remote browser
  ];
  await Promise.all(workers.map((w) => w.waitFor('the worker to take jobs', /taking pack jobs/)));
  sampler = setInterval(() => {
    for (const w of workers) for (const pid of descendants(w.pid)) seen.add(pid);
  }, 200);
});
afterAll(async () => {
  clearInterval(sampler);
  await stopAll();
  await temp.removeAll();
});

describe('brief serve --queue redis:// with two brief workers', () => {
  it('completes 20 requests, one worker killed mid-job, each PDF the bytes brief pack makes, no Chromium left', {
    timeout: 300_000,
  }, async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => REQUESTS[i % REQUESTS.length]!);
    const asked = Promise.all(twenty.map((body) => packUntilDone(url, body, {}, 240_000)));

    // Kill whichever worker starts a job first, in the middle of it: as soon as it says it started
    // one (its Chromium is up: a worker starts it before taking jobs). A fixed wait here could as well
    // let the job finish; the check below says whether the kill cut a job.
    const victim = await Promise.race(
      workers.map((w) => w.waitFor('a job to start', /making pack/, 60_000).then(() => w)),
    );
    const itsChildren = descendants(victim.pid);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const cut = [...victim.output.matchAll(/making pack ([0-9a-f]{32})/g)]
      .map((m) => m[1]!)
      .filter((id) => !victim.output.includes(`made pack ${id}`));
    expect(cut.length, `the killed worker was in the middle of no job:\n${victim.output}`).toBeGreaterThan(0);

    const done = await asked;
    for (const [i, d] of done.entries()) expect.soft(d.status, `${JSON.stringify(twenty[i])}: ${d.error}`).toBe('done');
    // The same inputs and date are the same id: five packs, made once each.
    expect(new Set(done.map((d) => d.id)).size).toBe(REQUESTS.length);
    const stored = (await readdir(path.join(corpus.out, 'serve', 'packs'))).filter((f) => f.endsWith('.pdf'));
    expect(stored.length).toBe(REQUESTS.length);

    // Each the same bytes as a local brief pack of the same inputs, on the same kind of browser:
    // the browser is one of a pack's inputs (a local binary by its identity, a remote one as such).
    for (const [i, body] of REQUESTS.entries()) {
      const served = new Uint8Array(await (await fetch(`${url}${done[i]!.pdf_url}`)).arrayBuffer());
      const maker = workers.findIndex((w) => w.output.includes(`made pack ${done[i]!.id}`));
      expect(maker, `no worker says it made ${done[i]!.id}`).toBeGreaterThanOrEqual(0);
      const args = [
        'pack',
        '--json',
        '--data',
        corpus.data,
        '--out',
        path.join(corpus.root, `local-${maker}`),
        '--audience',
        body.audience,
        '--date',
        body.date,
        ...('pack' in body ? ['--pack', body.pack!] : []),
        ...('reports' in body ? ['--report', body.reports!.join(',')] : []),
      ];
      const r = await brief(args, maker === 0 ? { BRIEF_BROWSER_WS: '' } : {});
      expect(r.code, r.stderr).toBe(0);
      const file = JSON.parse(r.stdout).pack.pdf as string;
      expect.soft(sha(served), JSON.stringify(body)).toBe(sha(await readFile(file)));
      expect
        .soft(Number((await pdfInfo(path.join(corpus.out, 'serve', 'packs', `${done[i]!.id}.pdf`))).Pages))
        .toBeGreaterThan(2);
    }

    // The killed worker's Chromium went with it (it was started on a pipe); the others close on SIGTERM.
    // The job it was cut off in was taken up by the other worker (stalled-job recovery).
    const survivor = workers.find((w) => w !== victim)!;
    for (const id of cut) expect(survivor.output).toMatch(new RegExp(`(made|already made:) pack ${id}`));
    await survivor.stop();
    // A process killed is reaped a moment later: wait (bounded) for them to go, then say which did not.
    await until(
      "the workers' processes to end",
      () => [...seen, ...itsChildren].every((pid) => !alive(pid)),
      60_000,
      50,
    ).catch(() => undefined);
    const left = [...seen, ...itsChildren].filter(alive);
    expect(left, `processes left running: ${left.join(', ')}`).toEqual([]);
  });
});
