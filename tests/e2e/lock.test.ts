// The evidence lock as a user meets it: `brief lock` writes data/anchors.lock, `brief check` trusts it
// where texts are missing and fails when the texts say it is stale; on copies of the mini fixture.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/brief.js');
const made: TempCorpus[] = [];
afterAll(async () => Promise.all(made.map((c) => c.remove())));

interface Diag {
  code: string;
  file: string;
  line: number;
  message: string;
  hint: string;
}
interface Anchor {
  status: string;
  via?: string;
  textSha256?: string;
}

async function brief(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // No texts from the environment: each test says where its texts are.
  const env = { ...process.env, BRIEF_TEXTS: '' };
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, maxBuffer: 10_000_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function corpus(changes: Record<string, string | null> = {}): Promise<TempCorpus> {
  const c = await tempCorpus(changes);
  made.push(c);
  return c;
}

const read = (c: TempCorpus, file: string) => readFile(path.join(c.data, file), 'utf8');
async function edit(c: TempCorpus, file: string, from: string, to: string): Promise<void> {
  const text = await read(c, file);
  expect(text).toContain(from);
  await c.write(file, text.replace(from, to));
}
const withoutTexts = async (c: TempCorpus) => rm(path.join(c.data, 'sources', 'text'), { recursive: true });

async function checkJson(c: TempCorpus) {
  const r = await brief(['check', '--json', '--data', c.data]);
  const doc = JSON.parse(r.stdout) as {
    ok: boolean;
    errors: Diag[];
    warnings: Diag[];
    claims: { id: string; anchor: Anchor }[];
  };
  return { code: r.code, ...doc, anchor: (id: string) => doc.claims.find((x) => x.id === id)!.anchor };
}

/** Every file under the corpus, with a hash of its content: what "writes nothing" is checked against. */
async function snapshot(c: TempCorpus): Promise<Record<string, string>> {
  const files = (await readdir(c.root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(
    files.map(async (e) => {
      const file = path.join(e.parentPath, e.name);
      return [
        path.relative(c.root, file),
        createHash('sha256')
          .update(await readFile(file))
          .digest('hex'),
      ] as const;
    }),
  );
  return Object.fromEntries(entries.sort());
}

describe('a clone without the texts', () => {
  it('counts a locked claim as verified, via the lock', async () => {
    const c = await corpus();
    await withoutTexts(c);
    const r = await checkJson(c);
    expect(r.code).toBe(0);
    expect(r.anchor('beta-2022/not-aimed')).toMatchObject({
      status: 'exact',
      via: 'lock',
      textSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(r.claims.every((x) => x.anchor.via === 'lock')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('leaves a claim whose quote changed since locking unverified, and warns only about it', async () => {
    const c = await corpus();
    await withoutTexts(c);
    await edit(c, 'claims/beta-2022.yaml', 'not aimed at any third country.', 'not aimed at any other country.');
    const r = await checkJson(c);
    expect(r.code).toBe(0);
    expect(r.anchor('beta-2022/not-aimed')).toEqual({ status: 'no-text' });
    expect(r.anchor('beta-2022/encirclement')).toMatchObject({ via: 'lock' });
    expect(r.warnings.map((w) => [w.code, w.message])).toEqual([
      ['W_NO_TEXT', expect.stringContaining('1 of its 2 claims is unverified')],
    ]);
  });

  it('prints locked quotes as verified, and tells the analyst audience what they were verified against', async () => {
    const c = await corpus();
    await withoutTexts(c);
    const r = await brief([
      'build',
      '--html',
      '--data',
      c.data,
      '--out',
      c.out,
      '--report',
      'brief',
      '--audience',
      'analyst',
      '--date',
      '2024-01-15',
    ]);
    expect(r.code).toBe(0);
    const html = await readFile(path.join(c.out, 'html', 'brief.analyst.html'), 'utf8');
    expect(html).toMatch(/quote verified \(exact\) against text sha256 [0-9a-f]{8}… by the evidence lock/);
    expect(html).not.toContain('Unverified quote');
  });

  it('cannot write a lock: the missing text is named at `text:` of its source', async () => {
    const c = await corpus();
    await rm(path.join(c.data, 'sources/text/beta.txt'));
    const before = await read(c, 'anchors.lock');
    const r = await brief(['lock', '--data', c.data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /sources\/beta-2022\.md:9:7 {2}E_LOCK_NO_TEXT {2}the text of source "beta-2022" \(beta\.txt\) was not found/,
    );
    expect(r.stderr).toContain('anchors.lock was not written');
    expect(await read(c, 'anchors.lock')).toBe(before);
  });
});

describe('with the texts', () => {
  it('passes check while the lock is current', async () => {
    const c = await corpus();
    const r = await checkJson(c);
    expect(r.code).toBe(0);
    expect(r.anchor('alpha-2021/trade-growth')).toMatchObject({ status: 'exact', via: 'text' });
  });

  it('fails check when a quote moved, names `brief lock`, which lists it as moved; then check passes', async () => {
    const c = await corpus();
    await edit(c, 'sources/text/beta.txt', 'A second test text', 'Draft. A second test text');
    const before = await snapshot(c);
    const r = await checkJson(c);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      expect.objectContaining({
        code: 'E_LOCK_STALE',
        line: 1,
        file: expect.stringMatching(/anchors\.lock$/),
        message: expect.stringContaining(
          '2 quotes moved (beta-2022/encirclement, beta-2022/not-aimed), text beta.txt changed',
        ),
        hint: expect.stringContaining('`brief lock`'),
      }),
    ]);
    expect(await snapshot(c)).toEqual(before); // check writes nothing

    const locked = await brief(['lock', '--data', c.data]);
    expect(locked.code).toBe(0);
    expect(locked.stderr).toMatch(/moved: beta-2022\/encirclement in beta\.txt \(exact 135–215 → exact 142–222\)/);
    expect(locked.stderr).toMatch(/moved: beta-2022\/not-aimed in beta\.txt/);
    expect(locked.stderr).toMatch(/text changed: beta\.txt \(sha256 [0-9a-f]{8}… → [0-9a-f]{8}…\)/);
    expect(locked.stderr).toContain('updated');
    expect((await checkJson(c)).code).toBe(0);
    expect((await brief(['lock', '--data', c.data])).stderr).toContain('is up to date');
  });

  it('lists claims added and removed', async () => {
    const c = await corpus();
    const claims = await read(c, 'claims/beta-2022.yaml');
    await c.write(
      'claims/beta-2022.yaml',
      `${claims}  - id: beta-2022/fragile\n    statement: Normalisation is fragile.\n    quote: Normalisation between Baku and Tehran remains possible but fragile.\n`,
    );
    // An entry left by a claim that was deleted since.
    const lock = JSON.parse(await read(c, 'anchors.lock'));
    lock.claims['beta-2022/gone'] = lock.claims['beta-2022/not-aimed'];
    await c.write('anchors.lock', JSON.stringify(lock, null, 2));
    const r = await checkJson(c);
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      [
        'E_LOCK_STALE',
        expect.stringContaining(
          '1 claim not in the lock (beta-2022/fragile), 1 entry for a claim that no longer exists (beta-2022/gone)',
        ),
      ],
    ]);
    const locked = await brief(['lock', '--json', '--data', c.data]);
    expect(JSON.parse(locked.stdout)).toMatchObject({
      ok: true,
      written: true,
      added: ['beta-2022/fragile'],
      removed: ['beta-2022/gone'],
      moved: [],
    });
    expect(Object.keys(JSON.parse(await read(c, 'anchors.lock')).claims)).toContain('beta-2022/fragile');
  });

  it('shows what the text now holds where the lock had a quote that is gone', async () => {
    const c = await corpus();
    await edit(c, 'sources/text/alpha.txt', 'grew by 8% in 2023', 'shrank by 3% in 2024');
    const r = await checkJson(c);
    expect(r.code).toBe(1);
    const error = r.errors.find((e) => e.code === 'E_QUOTE_NOT_FOUND')!;
    expect(error.message).toContain('the quote of claim "alpha-2021/trade-growth" is not in the text');
    expect(error.message).toContain('the text now reads “Trade between the two neighbours shrank by 3% in 2024”');
    expect(error.hint).toContain('brief lock');
  });

  it('says the passage is gone when neither its prefix nor its suffix is left', async () => {
    const c = await corpus();
    const text = await read(c, 'sources/text/alpha.txt');
    await c.write('sources/text/alpha.txt', text.replace(/Observers in Tehran[\s\S]*$/, 'Nothing else is said.\n'));
    const r = await checkJson(c);
    const error = r.errors.find((e) => e.code === 'E_QUOTE_NOT_FOUND' && e.message.includes('trade-growth'))!;
    expect(error.message).toContain('the passage the evidence lock recorded is gone from the text');
  });

  it('fails check when there is no lock, with a hint to create it', async () => {
    const c = await corpus({ 'anchors.lock': null });
    const r = await brief(['check', '--data', c.data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/anchors\.lock:1:1 {2}E_LOCK_STALE {2}the evidence lock .* does not exist/);
    expect(r.stderr).toMatch(/hint: run `brief lock`.* to create it/);
    expect(existsSync(path.join(c.data, 'anchors.lock'))).toBe(false);
    const locked = await brief(['lock', '--data', c.data]);
    expect(locked.stderr).toMatch(/created .*anchors\.lock: 6 claims in 2 texts/);
    expect(await read(c, 'anchors.lock')).toBe(await readFile('pipeline/render/specimen/anchors.lock', 'utf8'));
  });
});

describe('a malformed lock', () => {
  it('is E_LOCK_SYNTAX for check, located in data/anchors.lock; brief lock writes it afresh', async () => {
    const c = await corpus();
    const good = await read(c, 'anchors.lock');
    await writeFile(path.join(c.data, 'anchors.lock'), good.replace('"status": "exact"', '"status": exact'));
    const r = await brief(['check', '--data', c.data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/anchors\.lock:\d+:\d+ {2}E_LOCK_SYNTAX {2}the evidence lock is not valid JSON/);
    await writeFile(path.join(c.data, 'anchors.lock'), good.replace('"status": "exact"', '"status": "found"'));
    const shape = await checkJson(c);
    expect(shape.errors).toEqual([
      expect.objectContaining({
        code: 'E_LOCK_SYNTAX',
        file: expect.stringMatching(/anchors\.lock$/),
        message: expect.stringContaining('status'),
      }),
    ]);
    const locked = await brief(['lock', '--data', c.data]);
    expect(locked.code).toBe(0);
    expect(locked.stderr).toContain('was malformed');
    expect(await read(c, 'anchors.lock')).toBe(good);
  });
});
