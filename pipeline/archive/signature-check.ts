// archive: a signed PDF's signatures checked without trusting the library that made them: each
// /ByteRange's bytes hashed and the CMS verified with pkijs (message digest, then the signature over
// the signed attributes, with the certificate it carries), the signing certificate's sha256, and
// whether the last signature covers the whole file (bytes appended after signing are not covered).
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface SignatureFound {
  /** The first byte after the signed ranges' end: the signature covers [0, end). */
  readonly end: number;
  readonly valid: boolean;
  readonly problem: string | undefined;
  /** sha256 of the signer's certificate (DER), in hex. */
  readonly certificateSha256: string | undefined;
  /** The CMS holds an RFC 3161 signature timestamp (PAdES B-T). */
  readonly timestamped: boolean;
  /** Signed attributes hold ESS signing-certificate-v2 (PAdES B-B). */
  readonly pades: boolean;
}

/** Our own engine, passed to each call: pkijs keeps one global engine, which @libpdf/core sets to its own while it signs. */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';

/** Every `/ByteRange [a b c d]` of the file with the hex `/Contents <…>` it skips. */
function byteRanges(pdf: Uint8Array): { range: [number, number, number, number]; contents: Buffer }[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: { range: [number, number, number, number]; contents: Buffer }[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const hole = text.slice(range[0] + range[1], range[2]);
    const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(hole.trim())?.[1]?.replace(/\s/g, '') ?? '';
    out.push({ range, contents: Buffer.from(hex, 'hex') });
  }
  return out;
}

async function checkOne(
  pdf: Uint8Array,
  range: [number, number, number, number],
  contents: Buffer,
): Promise<SignatureFound> {
  const [a, b, c, d] = range;
  const end = c + d;
  const base = { end, certificateSha256: undefined, timestamped: false, pades: false };
  if (a !== 0 || b > c || end > pdf.byteLength)
    return { ...base, valid: false, problem: 'its /ByteRange does not lie within the file' };
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, end)]);
  try {
    const asn = asn1js.fromBER(new Uint8Array(contents).buffer);
    if (asn.offset === -1) return { ...base, valid: false, problem: 'its /Contents is not a CMS structure' };
    const info = new pkijs.ContentInfo({ schema: asn.result });
    const sd = new pkijs.SignedData({ schema: info.content });
    const signer = sd.signerInfos[0];
    const attrs = signer?.signedAttrs?.attributes ?? [];
    const cert = (sd.certificates ?? []).find(
      (x): x is pkijs.Certificate =>
        x instanceof pkijs.Certificate &&
        signer?.sid instanceof pkijs.IssuerAndSerialNumber &&
        x.serialNumber.isEqual(signer.sid.serialNumber),
    );
    const der = cert ? Buffer.from(cert.toSchema().toBER(false)) : undefined;
    const found = {
      end,
      certificateSha256: der ? createHash('sha256').update(der).digest('hex') : undefined,
      timestamped: (signer?.unsignedAttrs?.attributes ?? []).some((x) => x.type === TIMESTAMP_TOKEN),
      pades: attrs.some((x) => x.type === SIGNING_CERTIFICATE_V2),
    };
    // The chain is not checked: a team's certificate is often its own; the manifest names the one expected.
    const valid = await sd
      .verify({ signer: 0, data: new Uint8Array(signed).buffer, checkChain: false, extendedMode: true }, engine)
      .then((r) => r.signatureVerified === true)
      .catch(() => false);
    return { ...found, valid, problem: valid ? undefined : 'its signature does not match the bytes it signs' };
  } catch (err) {
    const message = (err as { message?: string })?.message ?? String(err);
    return { ...base, valid: false, problem: `its signature does not verify (${message})` };
  }
}

/** The file's signatures, in the order they were appended. */
export async function checkSignatures(pdf: Uint8Array): Promise<SignatureFound[]> {
  const found: SignatureFound[] = [];
  for (const { range, contents } of byteRanges(pdf)) found.push(await checkOne(pdf, range, contents));
  return found.sort((x, y) => x.end - y.end);
}
