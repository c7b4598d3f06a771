// archive: PAdES signatures (ETSI.CAdES.detached, with signing-certificate-v2) made by @libpdf/core, as
// an incremental update appended to the finished PDF: the bytes before it are the unsigned PDF, kept
// as they were (its tags, its associated files), so the unsigned content stays reproducible even
// though each signature (its time, its timestamp) differs. B-B; B-T when a timestamp authority is named.
import { X509Certificate } from 'node:crypto';
import { existsSync, realpathSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, InputError, UsageError } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import type { SigningOptions } from '../config/options.ts';

interface SigningCertificate {
  /** sha256 of the certificate's DER bytes, in hex. */
  readonly sha256: string;
  readonly subject: string;
  readonly level: 'B-B' | 'B-T';
}

export interface Seal {
  readonly certificate: SigningCertificate;
  /** The PDF with a signature appended; `reason` goes in the signature's /Reason. */
  sign(pdf: Uint8Array, reason: string): Promise<Uint8Array>;
}

const where = (s: SigningOptions) => s.at ?? { file: displayPath(s.key), line: 1, column: 1 };

/**
 * A key kept inside the corpus (the data folder, a layer of templates or styles, a folder of
 * texts: `roots`) would be archived in every edition's snapshot and shared with the corpus:
 * refused, at the config's `signing.key` (or at the key file, when BRIEF_SIGNING_KEY names it).
 * Both sides are compared as the file system resolves them, links followed.
 */
export function refuseKeyInCorpus(s: SigningOptions, roots: readonly string[]): void {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const key = real(s.key);
  const inside = roots.find((root) => {
    const rel = path.relative(real(root), key);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  });
  if (!inside) return;
  throw new InputError([
    diagnostic(
      where(s),
      'E_SIGNING_KEY_IN_CORPUS',
      `the signing key ${displayPath(s.key)} (from ${s.from}) is inside ${displayPath(inside)}, one of the corpus's folders: it would be archived with every edition's corpus`,
      'move the PKCS#12 file out of the corpus (to a place only the team that signs can read), and name it there',
    ),
  ]);
}

/** The configured PKCS#12 file and its password, ready to sign; every problem located, never a crash. */
export async function openSeal(s: SigningOptions, env: NodeJS.ProcessEnv): Promise<Seal> {
  const fail = (message: string, hint: string) =>
    new InputError([diagnostic(where(s), 'E_SIGNING_KEY', message, hint)]);
  if (!existsSync(s.key) || !statSync(s.key).isFile())
    throw fail(
      `the signing key ${displayPath(s.key)} (from ${s.from}) is not a file`,
      'name a PKCS#12 (.p12, .pfx) file with BRIEF_SIGNING_KEY or signing.key',
    );
  const password = env[s.passwordEnv];
  if (password === undefined)
    throw fail(
      `the signing key's password is not set: ${s.passwordEnv} is empty`,
      `set ${s.passwordEnv} in the environment (never in a file of the corpus)`,
    );
  const { P12Signer, HttpTimestampAuthority, PDF } = await import('@libpdf/core');
  let signer: Awaited<ReturnType<typeof P12Signer.create>>;
  try {
    signer = await P12Signer.create(readFileSync(s.key), password);
  } catch (err) {
    throw fail(
      `the signing key ${displayPath(s.key)} cannot be opened: ${(err as Error).message}`,
      `check that it is a PKCS#12 file holding a certificate and its key, and that ${s.passwordEnv} is its password`,
    );
  }
  const cert = new X509Certificate(signer.certificate);
  const certificate: SigningCertificate = {
    sha256: cert.fingerprint256.replaceAll(':', '').toLowerCase(),
    subject: cert.subject.replaceAll('\n', ', '),
    level: s.tsa ? 'B-T' : 'B-B',
  };
  const timestampAuthority = s.tsa ? new HttpTimestampAuthority(s.tsa) : undefined;
  return {
    certificate,
    async sign(pdf, reason) {
      const doc = await PDF.load(pdf);
      try {
        const { bytes } = await doc.sign({
          signer,
          reason,
          level: certificate.level,
          ...(timestampAuthority ? { timestampAuthority } : {}),
          fieldName: 'brief-edition',
        });
        return bytes;
      } catch (err) {
        if (!(err instanceof Error) || !err.name.includes('Timestamp')) throw err;
        throw new UsageError(
          `the timestamp authority ${s.tsa} (from ${s.from === 'BRIEF_SIGNING_KEY' ? 'BRIEF_SIGNING_TSA or signing.tsa' : 'signing.tsa'}) gave no timestamp: ${err.message}; no edition was archived. Check the URL, or leave the authority out to sign at level B-B`,
        );
      }
    },
  };
}
