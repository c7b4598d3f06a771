// brief serve (in-process queue) against the faults of the reliability probe 2026-12-07: tokens
// per audience on the API and the preview (R17), a PDF behind a token never cached as public
// (R15), a stored pack removed or damaged is made again (R8, R25e), dates and work folders bounded
// (R19), slow bodies cut and unauthenticated connections closed at once (R7). Raw sockets on
// loopback, bounded in count and time; every wait is a poll or an event.
import { readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpora, type TempCorpus } from '../support/corpus.ts';
import { packUntilDone, startServe, stopAll, type Proc } from '../support/service.ts';
import { until } from '../support/until.ts';

const temp = corpora();
let corpus: TempCorpus;
let url: string;
let serve: Proc;
const ALL = 'all-audiences-0123456789abcdef';
const EXEC = 'executive-only-0123456789abcdef';
const BOTH = 'analyst-and-exec-0123456789abcd';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (body: unknown, token: string) =>
  fetch(`${url}/api/packs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(token) },
    body: JSON.stringify(body),
  });
const packs = () => path.join(corpus.out, 'serve', 'packs');

beforeAll(async () => {
  corpus = await temp.make();
  ({ url, proc: serve } = await startServe(
    ['--data', corpus.data, '--out', corpus.out, '--request-timeout', '2', '--work-keep', '1'],
    { BRIEF_TOKEN: ALL, BRIEF_TOKENS: `executive:${EXEC},analyst+executive:${BOTH}` },
  ));
});
afterAll(async () => {
  await stopAll();
  await temp.removeAll();
});

describe('tokens per audience (R17) and the cache of a PDF behind a token (R15)', () => {
  it('lets a token reach only its audiences on the API, and sends the PDF as Cache-Control: private', {
    timeout: 240_000,
  }, async () => {
    const refused = await post({ audience: 'analyst', date: '2024-01-15' }, EXEC);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('E_AUDIENCE_NOT_ALLOWED');

    const exec = await packUntilDone(url, { audience: 'executive', date: '2024-01-15' }, auth(EXEC));
    expect(exec.status, exec.error).toBe('done');
    const pdf = await fetch(`${url}${exec.pdf_url}`, { headers: auth(EXEC) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('cache-control')).toMatch(/^private\b/);
    expect(pdf.headers.get('cache-control')).not.toContain('public');
    expect((await fetch(`${url}${exec.pdf_url}`)).status).toBe(401);

    const analyst = await packUntilDone(url, { audience: 'analyst', pack: 'weekly', date: '2024-01-15' }, auth(BOTH));
    expect(analyst.status, analyst.error).toBe('done');
    expect((await fetch(`${url}/api/packs/${analyst.id}`, { headers: auth(EXEC) })).status).toBe(403);
    expect((await fetch(`${url}${analyst.pdf_url}`, { headers: auth(EXEC) })).status).toBe(403);
    expect((await fetch(`${url}${analyst.pdf_url}`, { headers: auth(ALL) })).status).toBe(200);
  });

  it('says at start when BRIEF_TOKENS names an audience the corpus does not have', async () => {
    const typo = await startServe(['--data', corpus.data, '--out', path.join(corpus.root, 'typo')], {
      BRIEF_TOKENS: `analyts:${EXEC}`,
    });
    await typo.proc.waitFor(
      'the warning',
      /BRIEF_TOKENS names audience "analyts", which this corpus does not have \(its audiences: executive, analyst\)/,
      60_000,
    );
    await typo.proc.stop();
  });

  it('lists on the preview only the audiences a token opens, and answers 403 for the documents of others', {
    timeout: 120_000,
  }, async () => {
    const index = async (token: string) => (await fetch(`${url}/`, { headers: auth(token) })).text();
    const names = (html: string) => [...html.matchAll(/href="\/preview\/([^"]+)"/g)].map((m) => m[1]!);
    const all = await (async () => {
      for (const end = Date.now() + 90_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
        const found = names(await index(ALL));
        if (found.some((n) => n.endsWith('.analyst')) && found.some((n) => n.endsWith('.executive'))) return found;
      }
      throw new Error('the preview listed no documents of both audiences within 90 s');
    })();
    const forExec = names(await index(EXEC));
    expect(forExec.length).toBeGreaterThan(0);
    expect(
      forExec.every((n) => n.endsWith('.executive')),
      forExec.join(' '),
    ).toBe(true);
    const internal = all.find((n) => n.endsWith('.analyst'))!;
    expect((await fetch(`${url}/preview/${internal}`, { headers: auth(EXEC) })).status).toBe(403);
    expect((await fetch(`${url}/documents/${internal}.html`, { headers: auth(EXEC) })).status).toBe(403);
    expect((await fetch(`${url}/documents/${internal}.html`, { headers: auth(BOTH) })).status).toBe(200);
    // The page view and its images are the document's too.
    expect((await fetch(`${url}/pages/${internal}.html`, { headers: auth(EXEC) })).status).toBe(403);
    expect((await fetch(`${url}/pages/${internal}/1.png`, { headers: auth(EXEC) })).status).toBe(403);
  });
});

describe('a stored pack removed or damaged (R8, R25e)', () => {
  it('makes a pack again when its PDF was removed, or its record removed or corrupt, and never answers 500', {
    timeout: 300_000,
  }, async () => {
    const body = { audience: 'executive', date: '2024-01-16' };
    const first = await packUntilDone(url, body, auth(ALL));
    expect(first.status, first.error).toBe('done');
    const breakages: [string, () => Promise<void>][] = [
      ['PDF removed', () => rm(path.join(packs(), `${first.id}.pdf`))],
      ['record removed', () => rm(path.join(packs(), `${first.id}.json`))],
      ['record corrupt', () => writeFile(path.join(packs(), `${first.id}.json`), '{"name": "cut sh')],
      ['PDF cut short', () => writeFile(path.join(packs(), `${first.id}.pdf`), '%PDF-1.7\n')],
    ];
    for (const [what, breakIt] of breakages) {
      await breakIt();
      const status = await fetch(`${url}/api/packs/${first.id}`, { headers: auth(ALL) });
      expect.soft(status.status, what).toBe(404);
      expect.soft(((await status.json()) as { error: string }).error, what).toContain('POST the same request again');
      expect.soft((await fetch(`${url}${first.pdf_url}`, { headers: auth(ALL) })).status, what).toBe(404);
      const again = await post(body, ALL);
      expect.soft(again.status, `${what}:\n${serve.output.slice(-3000)}`).toBe(202);
      expect.soft(((await again.json()) as { status: string }).status, what).not.toBe('done');
      const remade = await packUntilDone(url, body, auth(ALL));
      expect.soft(remade, what).toMatchObject({ id: first.id, status: 'done' });
      const pdf = await fetch(`${url}${first.pdf_url}`, { headers: auth(ALL) });
      expect.soft(pdf.status, what).toBe(200);
      expect.soft(new Uint8Array(await pdf.arrayBuffer()).length, what).toBeGreaterThan(1000);
    }
  });
});

describe('bounds on what a request leaves on disk (R19)', () => {
  it('refuses a date before 1900 or more than a year ahead, and keeps --work-keep work folders per audience', {
    timeout: 200_000,
  }, async () => {
    for (const date of ['0000-01-01', '1899-12-31', '9999-12-31']) {
      const r = await post({ audience: 'executive', date }, ALL);
      expect.soft(r.status, date).toBe(400);
      expect.soft(((await r.json()) as { errors: { code: string }[] }).errors[0]!.code, date).toBe('E_DATE_RANGE');
    }
    const done = await packUntilDone(url, { audience: 'executive', date: '2024-01-17' }, auth(ALL));
    expect(done.status, done.error).toBe('done');
    // The job is done once its pack is stored; the older folder is pruned just after (under its lock,
    // a `<date>.lock` folder beside it until the prune lets go).
    const folders = async () =>
      (await readdir(path.join(corpus.out, 'serve', 'work', 'executive'), { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    await until('the older work folder to be pruned', async () => (await folders()).length === 1, 30_000).catch(
      () => undefined,
    );
    expect(await folders()).toEqual(['2024-01-17']);
  });
});

/** A raw connection that sends `head`, then drips one body byte every 200 ms: when and how it ended. */
function slowBody(head: string, limitMs: number): Promise<{ ms: number; answer: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 200);
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server held a slow body for ${limitMs / 1000} s: ${answer}`));
    }, limitMs);
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(guard);
      resolve({ ms: Date.now() - started, answer });
    });
    socket.write(`${head}Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{`);
  });
}

describe('slow request bodies (R7)', () => {
  // Ordered by events, not bounded by the clock: the server runs with --request-timeout 2, and a
  // body that drips at 5 bytes a second would take over half an hour to arrive. The authenticated
  // slow body goes first; a server that held an unauthenticated connection until the request
  // timeout cut it would close it after that one's 408, and answer 408 itself. The guards only end
  // a connection the server never closes.
  it('closes an unauthenticated slow body at once with 401, and cuts an authenticated one within --request-timeout', async () => {
    let cut = false;
    const slow = slowBody(
      `POST /api/packs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${ALL}\r\n`,
      60_000,
    ).then((r) => {
      cut = true;
      return r;
    });
    const unauthenticated = await Promise.all(
      Array.from({ length: 10 }, () =>
        slowBody('POST /api/packs HTTP/1.1\r\nHost: localhost\r\n', 60_000).then((r) => ({ ...r, beforeCut: !cut })),
      ),
    );
    for (const c of unauthenticated) {
      expect.soft(c.answer).toMatch(/^HTTP\/1\.1 401/);
      expect.soft(c.beforeCut, 'closed only when the request timeout cut it').toBe(true);
    }
    const { answer, ms } = await slow;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Not before the timeout: the cut is the timeout's, not an error's.
    expect(ms).toBeGreaterThanOrEqual(1_900);
  });
});
