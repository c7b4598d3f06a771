// brief serve with its in-process queue, over real HTTP: packs on demand (the same bytes as
// brief pack), a pack asked for twice made once, located 400s, 413, 429 with Retry-After, and
// the door: no token on a non-loopback bind refuses to start, a wrong token is 401.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { corpora, type TempCorpus } from '../support/corpus.ts';
import { pdfInfo } from '../support/pdf.ts';
import { packUntilDone, startServe, stopAll } from '../support/service.ts';

const temp = corpora();
let corpus: TempCorpus;
let url: string;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const post = (body: unknown, headers: Record<string, string> = {}, base = url) =>
  fetch(`${base}/api/packs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  corpus = await temp.make();
  ({ url } = await startServe(['--data', corpus.data, '--out', corpus.out]));
});
afterAll(async () => {
  await stopAll();
  await temp.removeAll();
});

describe('brief serve: packs on demand', () => {
  it('makes a pack on request, the same bytes as brief pack, and serves a repeat from what is made', async () => {
    const body = { audience: 'analyst', pack: 'weekly', date: '2024-01-15' };
    const done = await packUntilDone(url, body);
    expect(done.status, done.error).toBe('done');
    const pdf = new Uint8Array(await (await fetch(`${url}${done.pdf_url}`)).arrayBuffer());
    const local = await brief([
      'pack',
      '--json',
      '--data',
      corpus.data,
      '--out',
      path.join(corpus.root, 'local'),
      '--audience',
      'analyst',
      '--pack',
      'weekly',
      '--date',
      '2024-01-15',
    ]);
    expect(local.code, local.stderr).toBe(0);
    expect(sha(pdf)).toBe(sha(await readFile(JSON.parse(local.stdout).pack.pdf)));
    const again = (await (await post(body)).json()) as { id: string; status: string };
    expect(again).toMatchObject({ id: done.id, status: 'done' });
    const info = await pdfInfo(path.join(corpus.out, 'serve', 'packs', `${done.id}.pdf`));
    expect(Number(info.Pages)).toBeGreaterThan(3);
  });

  it('fails a pack the corpus cannot make, saying why, and answers health probes', async () => {
    const failed = await packUntilDone(url, { audience: 'executive', reports: ['timeline'], date: '2024-01-15' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('no report among --report timeline goes to audience "executive"');
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, queue: { capacity: 32 } });
  });

  it('answers a bad request with 400 and located errors, and never reaches a file', async () => {
    const cases: [unknown, string, string][] = [
      [{ audience: 'analyst', reports: ['../../etc/passwd'] }, '/reports/0', 'E_BAD_ID'],
      [{ audience: 'analyst', reports: ['views', 'brief/..'] }, '/reports/1', 'E_BAD_ID'],
      [{ audience: 'analyts' }, '/audience', 'E_UNKNOWN_AUDIENCE'],
      [{ audience: 'analyst', pack: 'weekyl' }, '/pack', 'E_BAD_VALUE'],
      [{ audience: 'analyst', date: '2024-02-30' }, '/date', 'E_BAD_DATE'],
      [{ audience: 'analyst', reprots: ['brief'] }, '/reprots', 'E_UNKNOWN_KEY'],
      [{ reports: ['brief'] }, '/audience', 'E_MISSING_FIELD'],
    ];
    for (const [body, pointer, code] of cases) {
      const r = await post(body);
      const answer = (await r.json()) as { error: string; errors: { pointer: string; code: string; hint: string }[] };
      expect.soft(r.status, JSON.stringify(body)).toBe(400);
      expect.soft(answer.errors[0], JSON.stringify(body)).toMatchObject({ pointer, code });
    }
    const typo = (await (await post({ audience: 'analyts' })).json()) as { errors: { hint: string }[] };
    expect(typo.errors[0]!.hint).toContain('did you mean "analyst"?');
    expect((await post('{"audience": ')).status).toBe(400);
    expect((await fetch(`${url}/api/packs/..%2F..%2Fetc%2Fpasswd.pdf`)).status).toBe(404);
    expect((await fetch(`${url}/documents/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('refuses an oversized body with 413, and a request addressed to another host with 403', async () => {
    const r = await post({ audience: 'analyst', note: 'x'.repeat(20_000) });
    expect(r.status).toBe(413);
    const port = new URL(url).port;
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });
});

describe('brief serve: the door', () => {
  it('refuses to listen beyond loopback without a token, saying why', async () => {
    const r = await brief(['serve', '--data', corpus.data, '--out', corpus.out, '--host', '0.0.0.0', '--port', '0'], {
      BRIEF_TOKEN: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('will not listen on 0.0.0.0 without a token');
    expect(r.stderr).toContain('BRIEF_TOKEN');
  });

  it('with a token, answers 401 to a wrong or missing one, and serves the right one', async () => {
    const token = 'a-test-token-0123456789abcdef';
    const guarded = await startServe(['--data', corpus.data, '--out', corpus.out], { BRIEF_TOKEN: token });
    for (const auth of [undefined, 'Bearer wrong-token', `Bearer ${token}x`, token]) {
      const r = await fetch(`${guarded.url}/api/packs/${'0'.repeat(32)}`, {
        headers: auth ? { authorization: auth } : {},
      });
      expect.soft(r.status, String(auth)).toBe(401);
      expect.soft(r.headers.get('www-authenticate'), String(auth)).toBe('Bearer');
    }
    expect(
      (await fetch(`${guarded.url}/api/packs/${'0'.repeat(32)}`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(404);
    expect((await fetch(`${guarded.url}/api/health`)).status).toBe(200);
    await guarded.proc.stop();
  });

  it('answers 429 with Retry-After when the queue is full', async () => {
    const small = await startServe([
      '--data',
      corpus.data,
      '--out',
      path.join(corpus.root, 'small'),
      '--queue-size',
      '1',
    ]);
    const answers = [];
    // Packs that fail at once (no such report for the audience): the queue is full while the first is checked.
    for (const date of ['2024-03-01', '2024-03-02', '2024-03-03'])
      answers.push(await post({ audience: 'executive', reports: ['timeline'], date }, {}, small.url));
    expect(answers[0]!.status).toBe(202);
    const full = answers.find((a) => a.status === 429);
    expect(full, `statuses: ${answers.map((a) => a.status).join(', ')}`).toBeDefined();
    expect(Number(full!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await full!.json()) as { error: string }).error).toContain('the queue is full');
    await small.proc.stop();
  });
});
