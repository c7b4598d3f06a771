// archive: what each PDF of an edition carries, checked against its manifest: the associated files
// (their hashes, and the inputs the PDF says it rests on), and in a signed edition each signature
// (valid, by the certificate the manifest records, covering the whole file, over the unsigned PDF
// the edition made).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { carriedFiles } from './attach.ts';
import type { ArchivedEdition, Manifest } from './manifest.ts';
import { sha256 } from './store.ts';
import type { Problem } from './verify.ts';

/**
 * Whether the brief-edition.json a PDF carries names this edition and its inputs: the sha256 of the
 * inputs list (see edition/evidence.ts), and the list itself where the PDF carries it.
 */
function sameInputs(bytes: Uint8Array, m: Manifest): boolean {
  try {
    const json = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
      edition?: string;
      inputsSha256?: string;
      inputs?: unknown;
    };
    const list = m.inputs.map((i) => [i.path, i.sha256, i.size]);
    const listed = (json.inputs as { path: string; sha256: string; size: number }[] | undefined)?.map((i) => [
      i.path,
      i.sha256,
      i.size,
    ]);
    return (
      json.edition === m.edition &&
      json.inputsSha256 === sha256(Buffer.from(JSON.stringify(list), 'utf8')) &&
      (listed === undefined || JSON.stringify(listed) === JSON.stringify(list))
    );
  } catch {
    return false;
  }
}

async function signatureProblems(m: Manifest, file: string, bytes: Uint8Array): Promise<string[]> {
  const signing = m.signing!;
  // Imported here: pkijs is read only for a signed edition (Node scanned its megabyte of CommonJS
  // for export names on every verify, 0.15 s).
  const { checkSignatures } = await import('./signature-check.ts');
  const found = await checkSignatures(bytes);
  if (found.length === 0)
    return [`it has no signature, but the edition was signed by ${signing.subject} (${signing.level})`];
  const problems: string[] = [];
  found.forEach((s, i) => {
    const which = found.length > 1 ? `signature ${i + 1}` : 'its signature';
    if (!s.valid) problems.push(`${which}: ${s.problem ?? 'does not verify'}`);
    if (s.certificateSha256 !== signing.certificateSha256)
      problems.push(
        `${which} is by a certificate (${(s.certificateSha256 ?? 'none').slice(0, 12)}…) other than the one the manifest records (${signing.certificateSha256.slice(0, 12)}…, ${signing.subject})`,
      );
    if (!s.pades) problems.push(`${which} is not PAdES (no signing-certificate-v2 attribute)`);
    if (signing.level === 'B-T' && !s.timestamped)
      problems.push(`${which} has no timestamp, though the edition is B-T`);
  });
  if (found.at(-1)!.end !== bytes.byteLength)
    problems.push(`${bytes.byteLength - found.at(-1)!.end} bytes were added after its last signature`);
  const unsigned = m.unsigned?.[file];
  if (unsigned && sha256(bytes.subarray(0, unsigned.size)) !== unsigned.sha256)
    problems.push(
      'the PDF before its signature is not the one the edition made (its sha256 differs from the manifest)',
    );
  return problems;
}

async function evidenceProblems(m: Manifest, file: string, bytes: Uint8Array): Promise<string[]> {
  const expected = m.evidence?.[file] ?? [];
  let carried: Awaited<ReturnType<typeof carriedFiles>>;
  try {
    carried = await carriedFiles(bytes);
  } catch (err) {
    return [`its associated files cannot be read (${(err as Error).message})`];
  }
  const problems: string[] = [];
  for (const e of expected) {
    const c = carried.find((x) => x.name === e.path);
    if (!c) problems.push(`it does not carry ${e.path}, which the manifest lists`);
    else if (sha256(c.bytes) !== e.sha256 || c.bytes.byteLength !== e.size)
      problems.push(`the ${e.path} it carries is not the one the manifest records (${e.sha256.slice(0, 12)}…)`);
    else if (!c.associated || c.relationship !== e.relationship)
      problems.push(
        `${e.path} is not an associated file (/AF, /AFRelationship /${e.relationship}) as the manifest records`,
      );
    else if (e.path === 'brief-edition.json' && !sameInputs(c.bytes, m))
      problems.push(`the inputs its ${e.path} names are not the edition's`);
  }
  for (const c of carried)
    if (!expected.some((e) => e.path === c.name))
      problems.push(`it carries ${c.name}, which the manifest does not list`);
  return problems;
}

/** Every PDF the manifest records evidence or a signature for; missing files are verify.ts's to report. */
export async function verifyPdfs(ed: ArchivedEdition): Promise<Problem[]> {
  const m = ed.manifest;
  if (!m) return [];
  const pdfs = new Set([
    ...Object.keys(m.evidence ?? {}),
    ...(m.signing ? m.outputs.map((o) => o.path).filter((p) => p.endsWith('.pdf')) : []),
  ]);
  const problems: Problem[] = [];
  for (const file of [...pdfs].sort()) {
    const full = path.join(ed.dir, file);
    if (path.relative(ed.dir, full).startsWith('..')) continue;
    const bytes = await readFile(full).catch(() => undefined);
    if (!bytes) continue;
    if (m.signing)
      for (const message of await signatureProblems(m, file, bytes))
        problems.push({ edition: ed.id, kind: 'signature', path: file, message });
    // A signed PDF's evidence is read from the bytes it signed: what follows is a signature, not content.
    const unsigned = m.unsigned?.[file];
    // (when they are the bytes the edition made; else the whole file, whatever was done to it, is read).
    const prefix = unsigned && unsigned.size <= bytes.byteLength ? bytes.subarray(0, unsigned.size) : undefined;
    const content = prefix && sha256(prefix) === unsigned!.sha256 ? prefix : bytes;
    if (m.evidence?.[file])
      for (const message of await evidenceProblems(m, file, content))
        problems.push({ edition: ed.id, kind: 'evidence', path: file, message });
  }
  return problems;
}
