// edition: each archived PDF carries what it rests on (PDF/A-3 associated files), so someone holding only
// the PDF can see it: the edition's record of its inputs (brief-edition.json), the evidence lock's
// entries for the claims it cites (brief-evidence-lock.json) and a ledger of those claims with their
// quotes, sources, anchor status and text hashes (brief-claims.json). Then, when a key is configured,
// it is signed (archive/sign.ts), last. The manifest is written after: it records what each PDF
// carries (its hashes), the PDF's bytes before signing, and the signing certificate.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Anchoring } from '../anchor/index.ts';
import { LOCK_FILE } from '../anchor/lock.ts';
import { attachFiles, Relationship, type AssociatedFile } from '../archive/attach.ts';
import type { FileEntry } from '../archive/manifest.ts';
import { openSeal, refuseKeyInCorpus, type Seal } from '../archive/sign.ts';
import { sha256 } from '../archive/store.ts';
import type { RunOptions } from '../config/options.ts';
import type { Model } from '../model/index.ts';
import { planDocuments } from '../run/plan.ts';
import { runRoots } from '../run/world.ts';
import { selectReport, type Footnote } from '../select/index.ts';

const EDITION_FILE = 'brief-edition.json';
const CLAIMS_FILE = 'brief-claims.json';
const LOCK_ENTRIES_FILE = 'brief-evidence-lock.json';

/** What every PDF of an edition says about the edition (the parts of the manifest known before the PDFs are). */
export interface EditionBasis {
  readonly edition: string;
  readonly date: string;
  readonly sequence: number;
  readonly previous: { readonly edition: string; readonly manifestSha256: string } | null;
  readonly tool: { readonly name: string; readonly version: string; readonly lockfileSha256: string };
  readonly inputs: readonly FileEntry[];
}

/** An archived PDF (its path in the edition) and the documents it prints (one, or a pack's). */
export interface SealTarget {
  readonly pdf: string;
  /** Where the file is now, if not at `pdf` under the edition's folder. */
  readonly file?: string;
  readonly documents: readonly { readonly report: string; readonly audience: string }[];
}

export interface CarriedEntry extends FileEntry {
  readonly relationship: string;
}

export interface Sealed {
  /** PDF path → the associated files it carries. */
  readonly evidence: Record<string, CarriedEntry[]>;
  /** PDF path → its bytes before the signature was appended (what a rebuild makes again). */
  readonly unsigned?: Record<string, { sha256: string; size: number }>;
  readonly signing?: { certificateSha256: string; subject: string; level: 'B-B' | 'B-T' };
}

/** The sha256 of the inputs list as the manifest holds it (path, sha256, size), one JSON array. */
const inputsSha256 = (inputs: readonly FileEntry[]) =>
  sha256(Buffer.from(JSON.stringify(inputs.map((i) => [i.path, i.sha256, i.size])), 'utf8'));

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** The claims each document cites, as its footnotes do for its audience; a pack's are its documents'. */
function citedClaims(model: Model, anchoring: Anchoring, options: RunOptions, target: SealTarget): Footnote[] {
  const planned = planDocuments(model, { reports: [], audiences: [] });
  const notes = new Map<string, Footnote>();
  for (const d of target.documents) {
    const doc = planned.find((p) => p.report.id === d.report && p.audience.id === d.audience);
    if (!doc) continue;
    const sel = selectReport(model, anchoring, doc.report, doc.audience, { allowUnverified: options.allowUnverified });
    for (const f of sel.footnotes) if (!notes.has(f.claim.id)) notes.set(f.claim.id, f);
  }
  return [...notes.values()].sort((a, b) => (a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0));
}

/** The evidence lock's entries, verbatim, by claim id; none when the corpus has no lock. */
async function lockEntries(dataDir: string): Promise<Record<string, unknown>> {
  const text = await readFile(path.join(dataDir, LOCK_FILE), 'utf8').catch(() => undefined);
  try {
    return text ? ((JSON.parse(text) as { claims?: Record<string, unknown> }).claims ?? {}) : {};
  } catch {
    return {};
  }
}

function ledger(basis: EditionBasis, target: SealTarget, notes: readonly Footnote[]) {
  return {
    edition: basis.edition,
    pdf: target.pdf,
    claims: notes.map((f) => ({
      id: f.claim.id,
      source: { id: f.source.id, title: f.source.title },
      quote: f.claim.quote,
      quoteSha256: sha256(Buffer.from(f.claim.quote, 'utf8')),
      ...(f.claim.locator ? { locator: f.claim.locator } : {}),
      anchor: {
        status: f.anchor.status,
        ...(f.anchor.via ? { via: f.anchor.via } : {}),
        ...(f.anchor.start === undefined ? {} : { start: f.anchor.start, end: f.anchor.end }),
        ...(f.anchor.locator ? { locator: f.anchor.locator } : {}),
      },
      textSha256: f.anchor.textSha256 ?? null,
      unverified: f.unverified,
    })),
  };
}

/** The three associated files of one PDF. */
function evidenceFiles(
  basis: EditionBasis,
  target: SealTarget,
  notes: readonly Footnote[],
  lock: Record<string, unknown>,
  internal: boolean,
): AssociatedFile[] {
  const mime = 'application/json';
  const entries = Object.fromEntries(
    notes.filter((f) => f.claim.id in lock).map((f) => [f.claim.id, lock[f.claim.id]]),
  );
  return [
    {
      name: EDITION_FILE,
      bytes: json({
        edition: basis.edition,
        date: basis.date,
        sequence: basis.sequence,
        previous: basis.previous,
        tool: { name: basis.tool.name, version: basis.tool.version, lockfileSha256: basis.tool.lockfileSha256 },
        pdf: target.pdf,
        documents: target.documents.map((d) => ({ report: d.report, audience: d.audience })),
        inputsSha256: inputsSha256(basis.inputs),
        // A PDF for an audience that may not receive internal material does not list the corpus's
        // files (their names can say what is internal): their hash ties it to the manifest's list.
        ...(internal ? { inputs: basis.inputs.map((i) => ({ path: i.path, sha256: i.sha256, size: i.size })) } : {}),
      }),
      mime,
      relationship: Relationship.supplement,
      description: `The brief edition ${basis.edition} this PDF belongs to: its date, its place in the chain and the inputs (sha256) it was built from`,
    },
    {
      name: CLAIMS_FILE,
      bytes: json(ledger(basis, target, notes)),
      mime,
      relationship: Relationship.data,
      description:
        'Every claim this PDF cites: its quote, source, anchor status and the sha256 of the text it was found in',
    },
    {
      name: LOCK_ENTRIES_FILE,
      bytes: json({ claims: entries }),
      mime,
      relationship: Relationship.supplement,
      description:
        "The evidence lock's entries for the claims this PDF cites: where each quote stands in its source text",
    },
  ];
}

/** Attaches each target's evidence to its PDF under `dir`, in place; returns what each carries. */
export async function attachEvidence(
  dir: string,
  basis: EditionBasis,
  targets: readonly SealTarget[],
  model: Model,
  anchoring: Anchoring,
  options: RunOptions,
): Promise<Record<string, CarriedEntry[]>> {
  const lock = await lockEntries(options.dataDir);
  const evidence: Record<string, CarriedEntry[]> = {};
  for (const target of targets) {
    const internal = target.documents.every((d) => model.audiences.get(d.audience)?.distribution.includes('internal'));
    const files = evidenceFiles(basis, target, citedClaims(model, anchoring, options, target), lock, internal);
    const file = target.file ?? path.join(dir, ...target.pdf.split('/'));
    await writeFile(file, await attachFiles(await readFile(file), files, basis.date));
    evidence[target.pdf] = files.map((f) => ({
      path: f.name,
      sha256: sha256(f.bytes),
      size: f.bytes.byteLength,
      relationship: f.relationship,
    }));
  }
  return evidence;
}

/** The configured key, opened (and refused if kept in the corpus) before anything is built; undefined: unsigned. */
export async function editionSeal(options: RunOptions, env = process.env): Promise<Seal | undefined> {
  if (!options.signing) return undefined;
  refuseKeyInCorpus(options.signing, runRoots(options));
  return openSeal(options.signing, env);
}

/** The basis of a new edition: its place in the chain (as its manifest will say), its tool and inputs. */
export function editionBasis(
  id: string,
  options: Pick<RunOptions, 'editionDate'>,
  previous:
    | { id: string; manifest?: { sequence: number } | undefined; manifestSha256?: string | undefined }
    | undefined,
  tool: { version: string; lockfileSha256: string },
  inputs: readonly FileEntry[],
): EditionBasis {
  return {
    edition: id,
    date: options.editionDate,
    sequence: (previous?.manifest?.sequence ?? 0) + 1,
    previous: previous ? { edition: previous.id, manifestSha256: previous.manifestSha256! } : null,
    tool: { name: 'brief', version: tool.version, lockfileSha256: tool.lockfileSha256 },
    inputs,
  };
}

type Printed = { readonly pdf: string | null; readonly report: string; readonly audience: string };

/** The edition's PDFs as its folder names them: each document's, and each pack's with the documents it holds. */
export function sealTargets(
  built: { readonly documents: readonly Printed[] },
  packs: readonly { readonly pdf: string; readonly documents: readonly Printed[] }[],
): SealTarget[] {
  return [
    ...built.documents.map((d) => ({ pdf: `pdf/${path.basename(d.pdf!)}`, documents: [d] })),
    ...packs.map((p) => ({ pdf: `packs/${path.basename(p.pdf)}`, documents: p.documents })),
  ];
}

/** Evidence attached to every PDF, then each signed (the last change to it), in place. */
export async function sealEdition(
  dir: string,
  basis: EditionBasis,
  targets: readonly SealTarget[],
  {
    model,
    anchoring,
    options,
    seal,
  }: { model: Model; anchoring: Anchoring; options: RunOptions; seal: Seal | undefined },
): Promise<Sealed> {
  const evidence = await attachEvidence(dir, basis, targets, model, anchoring, options);
  if (!seal) return { evidence };
  const unsigned: Record<string, { sha256: string; size: number }> = {};
  for (const target of targets) {
    const file = path.join(dir, ...target.pdf.split('/'));
    const bytes = await readFile(file);
    unsigned[target.pdf] = { sha256: sha256(bytes), size: bytes.byteLength };
    await writeFile(file, await seal.sign(bytes, `brief edition ${basis.edition}`));
  }
  const c = seal.certificate;
  return { evidence, unsigned, signing: { certificateSha256: c.sha256, subject: c.subject, level: c.level } };
}
