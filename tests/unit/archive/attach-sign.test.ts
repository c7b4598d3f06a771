// Associated files and signatures on a small PDF made here: attached reproducibly (same inputs and
// date, same bytes), XMP part 3, seen by pdfdetach; signed incrementally (B-B, and B-T against a
// loopback timestamp authority), checked by our own CMS check and by pdfsig, a flipped byte caught.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, decodePDFRawStream, type PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFiles, carriedFiles, type AssociatedFile } from '../../../pipeline/archive/attach.ts';
import { openSeal } from '../../../pipeline/archive/sign.ts';
import { checkSignatures } from '../../../pipeline/archive/signature-check.ts';
import { makeSigner, startTsa } from '../../support/signing.ts';

const run = promisify(execFile);
let dir: string;
let signer: Awaited<ReturnType<typeof makeSigner>>;

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]).drawText('brief', { x: 20, y: 100 });
  const xmp = doc.context.stream(XMP, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  return doc.save({ useObjectStreams: false });
}

const files: AssociatedFile[] = [
  {
    name: 'b.json',
    bytes: Buffer.from('{"b":2}\n'),
    mime: 'application/json',
    relationship: 'Supplement',
    description: 'b',
  },
  { name: 'a.json', bytes: Buffer.from('{"a":1}\n'), mime: 'application/json', relationship: 'Data', description: 'a' },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'brief-sign-'));
  signer = await makeSigner(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('associated files', () => {
  it('are attached the same way each time, in /AF with their relationship, and seen by pdfdetach', async () => {
    const pdf = await samplePdf();
    const one = await attachFiles(pdf, files, '2024-03-01');
    const two = await attachFiles(pdf, [...files].reverse(), '2024-03-01');
    expect(Buffer.compare(Buffer.from(one), Buffer.from(two))).toBe(0);
    const carried = await carriedFiles(one);
    expect(carried.map((c) => [c.name, c.relationship, c.mime, c.associated])).toEqual([
      ['a.json', 'Data', 'application/json', true],
      ['b.json', 'Supplement', 'application/json', true],
    ]);
    const file = path.join(dir, 'attached.pdf');
    await writeFile(file, one);
    expect((await run('pdfdetach', ['-list', file])).stdout).toMatch(/2 embedded files\n1: a\.json\n2: b\.json/);
    const doc = await PDFDocument.load(one);
    const xmp = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata'))!) as PDFRawStream;
    expect(Buffer.from(decodePDFRawStream(xmp).decode()).toString()).toContain('<pdfaid:part>3</pdfaid:part>');
    expect((await run('qpdf', ['--check', file])).stdout).toContain('No syntax or stream encoding errors');
  });
});

describe('PAdES signatures', () => {
  const sealOf = (tsa?: string) =>
    openSeal(
      { key: signer.p12, from: 'BRIEF_SIGNING_KEY', at: undefined, passwordEnv: 'PW', tsa },
      { PW: signer.password },
    );

  it('B-B: appended to the unsigned bytes, valid for us and pdfsig; a flipped byte is caught by both', async () => {
    const unsigned = await attachFiles(await samplePdf(), files, '2024-03-01');
    const seal = await sealOf();
    expect(seal.certificate).toMatchObject({ sha256: signer.sha256, level: 'B-B' });
    const signed = await seal.sign(unsigned, 'test');
    expect(Buffer.compare(Buffer.from(signed.subarray(0, unsigned.byteLength)), Buffer.from(unsigned))).toBe(0);
    const [sig] = await checkSignatures(signed);
    expect(sig).toMatchObject({ valid: true, pades: true, timestamped: false, certificateSha256: signer.sha256 });
    expect(sig!.end).toBe(signed.byteLength);
    const file = path.join(dir, 'signed.pdf');
    await writeFile(file, signed);
    expect((await run('pdfsig', [file])).stdout).toContain('Signature is Valid');

    const flipped = Buffer.from(signed);
    flipped[200] = flipped[200]! ^ 1;
    expect((await checkSignatures(flipped))[0]).toMatchObject({ valid: false });
    await writeFile(file, flipped);
    const out = await run('pdfsig', [file]).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    expect(out).toContain('Digest Mismatch');
  });

  it('B-T: with a timestamp from an RFC 3161 authority', async () => {
    const tsa = await startTsa();
    try {
      const seal = await sealOf(tsa.url);
      const signed = await seal.sign(await samplePdf(), 'test');
      expect((await checkSignatures(signed))[0]).toMatchObject({ valid: true, pades: true, timestamped: true });
      expect(tsa.requests()).toBe(1);
    } finally {
      await tsa.close();
    }
  });

  it('a wrong password is E_SIGNING_KEY, located at the key file', async () => {
    await expect(
      openSeal(
        { key: signer.p12, from: 'BRIEF_SIGNING_KEY', at: undefined, passwordEnv: 'PW', tsa: undefined },
        { PW: 'nope' },
      ),
    ).rejects.toMatchObject({ diagnostics: [expect.objectContaining({ code: 'E_SIGNING_KEY' })] });
  });
});
