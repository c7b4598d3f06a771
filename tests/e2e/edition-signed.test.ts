// A signed edition: every PDF carries its evidence as PDF/A-3 associated files and is signed last
// (PAdES B-T against a loopback RFC 3161 timestamp authority, with a throwaway certificate); verify
// checks each signature and the certificate the manifest records, and catches a byte changed after
// signing, as poppler's pdfsig does; the unsigned content rebuilds to the same bytes.
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFiles, carriedFiles } from '../../pipeline/archive/attach.ts';
import { brief } from '../support/cli.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { makeSigner, startTsa } from '../support/signing.ts';

const run = promisify(execFile);
let corpus: TempCorpus;
let archive: string;
let signer: Awaited<ReturnType<typeof makeSigner>>;
let tsa: Awaited<ReturnType<typeof startTsa>>;
const ID = '2024-03-01';
const PDF = 'pdf/brief.analyst.pdf';

const env = () => ({
  BRIEF_SIGNING_KEY: signer.p12,
  BRIEF_SIGNING_PASSWORD: signer.password,
  BRIEF_SIGNING_TSA: tsa.url,
});
const verify = async (dir: string, ...more: string[]) => {
  const r = await brief(['verify', '--json', '--data', corpus.data, '--archive', dir, ...more]);
  return {
    code: r.code,
    ...(JSON.parse(r.stdout) as {
      ok: boolean;
      problems: { edition: string; kind: string; path: string | null; message: string }[];
      rebuilt: { same: boolean; differing: string[] } | null;
    }),
  };
};
const copyOut = async (name: string) => {
  const copy = path.join(corpus.root, name);
  await cp(archive, copy, { recursive: true });
  return copy;
};
const pdfsig = async (file: string) =>
  run('pdfsig', [file]).then(
    (r) => r.stdout,
    (e: { stdout: string }) => e.stdout,
  );

beforeAll(async () => {
  corpus = await tempCorpus();
  archive = path.join(corpus.root, 'editions');
  signer = await makeSigner(corpus.root);
  tsa = await startTsa();
  const r = await brief(['edition', '--json', '--data', corpus.data, '--out', corpus.out, '--date', ID], env());
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await tsa?.close();
  await corpus?.remove();
});

describe('a signed edition', () => {
  it('records the signing certificate, what each PDF carries and its bytes before signing', async () => {
    const m = JSON.parse(await readFile(path.join(archive, ID, 'manifest.json'), 'utf8'));
    expect(m.signing).toEqual({
      certificateSha256: signer.sha256,
      subject: expect.stringContaining('CN=brief test signer'),
      level: 'B-T',
    });
    const pdfs = m.outputs.map((o: { path: string }) => o.path).filter((p: string) => p.endsWith('.pdf'));
    expect(pdfs).toContain('packs/analyst.pdf');
    for (const p of pdfs) {
      expect(m.evidence[p].map((e: { path: string }) => e.path).sort(), p).toEqual([
        'brief-claims.json',
        'brief-edition.json',
        'brief-evidence-lock.json',
      ]);
      expect(m.unsigned[p].size, p).toBeLessThan(m.outputs.find((o: { path: string }) => o.path === p).size);
    }
    expect(tsa.requests()).toBeGreaterThanOrEqual(pdfs.length);
  });

  it('carries its evidence where pdfdetach sees it: the claims it cites, their lock entries, its inputs', async () => {
    const file = path.join(archive, ID, PDF);
    const list = (await run('pdfdetach', ['-list', file])).stdout;
    for (const name of ['brief-edition.json', 'brief-claims.json', 'brief-evidence-lock.json'])
      expect(list).toContain(name);
    const out = path.join(corpus.root, 'claims.json');
    const n = /^(\d+): brief-claims\.json$/m.exec(list)![1]!;
    await run('pdfdetach', ['-save', n, '-o', out, file]);
    const ledger = JSON.parse(await readFile(out, 'utf8'));
    expect(ledger.edition).toBe(ID);
    expect(ledger.claims.length).toBeGreaterThan(0);
    for (const c of ledger.claims) {
      expect(c).toMatchObject({
        id: expect.any(String),
        quote: expect.any(String),
        source: { id: expect.any(String) },
      });
      expect(c.anchor.status).toMatch(/exact|normalized|fuzzy|no-text/);
    }
    const carried = await carriedFiles(await readFile(file));
    expect(carried.every((c) => c.associated && c.mime === 'application/json')).toBe(true);
    const inputs = JSON.parse(Buffer.from(carried.find((c) => c.name === 'brief-edition.json')!.bytes).toString());
    expect(inputs.inputs.some((i: { path: string }) => i.path === 'data/reports/brief.md')).toBe(true);
    expect(inputs.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    // A PDF for a public audience does not list the corpus's files (their names may say what is internal).
    const open = await carriedFiles(await readFile(path.join(archive, ID, 'pdf/brief.executive.pdf')));
    const record = JSON.parse(Buffer.from(open.find((c) => c.name === 'brief-edition.json')!.bytes).toString());
    expect(record).not.toHaveProperty('inputs');
    expect(record.inputsSha256).toBe(inputs.inputsSha256);
  });

  it('is a valid PAdES signature for pdfsig, covering the whole document, and brief verify passes', async () => {
    const out = await pdfsig(path.join(archive, ID, PDF));
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
    expect(await verify(archive)).toMatchObject({ code: 0, ok: true, problems: [] });
  });

  it('rebuilds to the same unsigned bytes: the content before the signature is reproducible', async () => {
    const r = await verify(archive, ID, '--rebuild');
    expect(r.rebuilt, JSON.stringify(r)).toMatchObject({ same: true });
    expect(r.code).toBe(0);
  });

  it('catches a byte changed after signing, as pdfsig does', async () => {
    const copy = await copyOut('flipped');
    const file = path.join(copy, ID, PDF);
    const bytes = await readFile(file);
    const at = bytes.indexOf('/Producer');
    bytes[at + 3] = bytes[at + 3]! ^ 0x20;
    await writeFile(file, bytes);
    expect(await pdfsig(file)).toContain('Digest Mismatch');
    const r = await verify(copy);
    expect(r.code).toBe(1);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'changed', path: PDF }),
        expect.objectContaining({ kind: 'signature', path: PDF }),
      ]),
    );
  });

  it('catches a PDF re-signed by another certificate, and an attachment replaced', async () => {
    const copy = await copyOut('swapped');
    const file = path.join(copy, ID, PDF);
    const m = JSON.parse(await readFile(path.join(copy, ID, 'manifest.json'), 'utf8'));
    const unsigned = (await readFile(file)).subarray(0, m.unsigned[PDF].size);
    const files = await carriedFiles(unsigned);
    const forged = files.map((f) => ({
      name: f.name,
      bytes: f.name === 'brief-claims.json' ? Buffer.from('{"claims":[]}\n') : f.bytes,
      mime: 'application/json',
      relationship: f.relationship as 'Data',
      description: f.name,
    }));
    await writeFile(file, await attachFiles(unsigned, forged, ID));
    const r = await verify(copy);
    expect(r.problems.filter((p) => p.path === PDF).map((p) => p.kind)).toEqual(
      expect.arrayContaining(['changed', 'signature', 'evidence']),
    );
    expect(r.problems.find((p) => p.kind === 'evidence')!.message).toContain('brief-claims.json');
  });
});

describe('a signing key brief refuses', () => {
  it('inside the data folder: E_SIGNING_KEY_IN_CORPUS at signing.key, nothing archived', async () => {
    await cp(signer.p12, path.join(corpus.data, 'team.p12'));
    const config = path.join(corpus.root, 'brief.config.yaml');
    await writeFile(config, 'signing:\n  key: data/team.p12\n');
    const r = await brief(
      ['edition', '--config', config, '--data', corpus.data, '--archive', path.join(corpus.root, 'no'), '--date', ID],
      { BRIEF_SIGNING_PASSWORD: signer.password },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/brief\.config\.yaml:2:\d+\s+E_SIGNING_KEY_IN_CORPUS/);
    expect(r.stderr).toContain('move the PKCS#12 file out of the corpus');
  });

  it('with a wrong password: E_SIGNING_KEY, before anything is built', async () => {
    const r = await brief(
      ['edition', '--data', corpus.data, '--archive', path.join(corpus.root, 'no2'), '--date', ID],
      { ...env(), BRIEF_SIGNING_PASSWORD: 'wrong' },
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('E_SIGNING_KEY');
  });
});
