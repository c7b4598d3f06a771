// archive: an edition's manifest: what it was built from and what it holds, each file with its
// sha256 and size, and the sha256 of the previous edition's manifest, so the editions form a chain.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST = 'manifest.json';
const FORMAT = 1;

export interface FileEntry {
  /** Relative to the edition folder (outputs) or to the snapshot's root (inputs). */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface Manifest {
  readonly format: typeof FORMAT;
  /** `YYYY-MM-DD`, or `YYYY-MM-DD.N` for the N-th edition of a day. */
  readonly edition: string;
  readonly date: string;
  /** 1 for the first edition of the archive, then one more for each. */
  readonly sequence: number;
  readonly previous: { readonly edition: string; readonly manifestSha256: string } | null;
  readonly tool: {
    readonly name: string;
    readonly version: string;
    readonly lockfileSha256: string;
    readonly chromium: string;
  };
  readonly audiences: readonly string[];
  /** Claims by anchoring status, and how many were verified by a text or by the lock. */
  readonly anchoring: Readonly<Record<string, number>>;
  /** Changes against the previous edition (see CHANGELOG.md). */
  readonly changes: number;
  /** Output name → fingerprint of everything it depends on. */
  readonly fingerprints: Readonly<Record<string, string>>;
  /** Document name → fingerprint of its content alone (not the edition it belongs to): what changed between editions. */
  readonly content: Readonly<Record<string, string>>;
  readonly documents: readonly {
    readonly name: string;
    readonly report: string;
    readonly audience: string;
    readonly pages: number;
    readonly pdf: string;
  }[];
  /** A pack per audience, and each pack the corpus defines (`pack`: its id in data/packs/) for each of its audiences. */
  readonly packs: readonly {
    readonly name: string;
    readonly audience: string;
    readonly pack?: string;
    readonly pages: number;
    readonly pdf: string;
  }[];
  /** The corpus, templates, styles and source texts it was built from (kept in the store). */
  readonly inputs: readonly FileEntry[];
  /** Every file of the edition folder but the manifest itself. */
  readonly outputs: readonly FileEntry[];
  /** PDF → the associated files it carries (PDF/A-3: its inputs, its claims, their lock entries). */
  readonly evidence?: Readonly<Record<string, readonly (FileEntry & { readonly relationship: string })[]>>;
  /** PDF → its bytes before the signature was appended: what a rebuild makes again (signed editions). */
  readonly unsigned?: Readonly<Record<string, { readonly sha256: string; readonly size: number }>>;
  /** The certificate every PDF is signed with (PAdES); absent: the edition is not signed. */
  readonly signing?: {
    readonly certificateSha256: string;
    readonly subject: string;
    readonly level: 'B-B' | 'B-T';
  };
}

/**
 * `2026-02-01` → [date, 1]; `2026-02-01.3` → [date, 3]. A revision is a BigInt: a stray folder
 * `2026-02-01.9999999999999999999999` made the next id `2026-02-01.1e+22` as a Number, which is no id.
 */
export function parseEditionId(id: string): { date: string; revision: bigint } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.(\d+))?$/.exec(id);
  return m ? { date: m[1]!, revision: m[2] ? BigInt(m[2]) : 1n } : undefined;
}

/** The id of a new edition on `date`, given the ids already archived: never one that exists. */
export function nextEditionId(date: string, existing: readonly string[]): string {
  const taken = existing
    .map(parseEditionId)
    .filter((e) => e?.date === date)
    .map((e) => e!.revision);
  // biome-ignore lint/complexity/useMathMinMax: revisions are bigints, which Math.max refuses
  return taken.length === 0 ? date : `${date}.${taken.reduce((a, b) => (b > a ? b : a)) + 1n}`;
}

const Sha = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const Entry = z.object({ path: z.string().min(1), sha256: Sha, size: z.number().int().nonnegative() });

/** The shape brief edition writes; a manifest of another shape is a MANIFEST problem, never a crash. */
const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  edition: z.string(),
  date: z.string(),
  sequence: z.number().int().positive(),
  previous: z.object({ edition: z.string(), manifestSha256: Sha }).nullable(),
  tool: z.object({ name: z.string(), version: z.string(), lockfileSha256: z.string(), chromium: z.string() }),
  audiences: z.array(z.string()),
  anchoring: z.record(z.string(), z.number()),
  changes: z.number().int().nonnegative(),
  fingerprints: z.record(z.string(), z.string()),
  content: z.record(z.string(), z.string()),
  documents: z.array(
    z.object({ name: z.string(), report: z.string(), audience: z.string(), pages: z.number(), pdf: z.string() }),
  ),
  packs: z.array(
    z.object({
      name: z.string(),
      audience: z.string(),
      pack: z.string().optional(),
      pages: z.number(),
      pdf: z.string(),
    }),
  ),
  inputs: z.array(Entry),
  outputs: z.array(Entry),
  evidence: z.record(z.string(), z.array(Entry.extend({ relationship: z.string() }))).optional(),
  unsigned: z.record(z.string(), z.object({ sha256: Sha, size: z.number().int().nonnegative() })).optional(),
  signing: z.object({ certificateSha256: Sha, subject: z.string(), level: z.enum(['B-B', 'B-T']) }).optional(),
});

/** The manifest's bytes as a Manifest, or what is wrong with them, in a few words. */
export function parseManifest(bytes: Uint8Array): { manifest: Manifest } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { problem: 'the manifest is not valid JSON' };
  }
  const parsed = ManifestSchema.safeParse(json);
  if (parsed.success) return { manifest: parsed.data as Manifest };
  const first = parsed.error.issues[0]!;
  const at = first.path.length ? first.path.join('.') : 'the whole file';
  return {
    problem: `the manifest is not in the shape brief edition writes: at ${at}, ${first.message}${parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : ''}`,
  };
}

export interface ArchivedEdition {
  readonly id: string;
  readonly dir: string;
  /** Undefined when the manifest is missing, unreadable or of the wrong shape (verify says so: `problem`). */
  readonly manifest: Manifest | undefined;
  readonly problem?: string;
  /** The manifest file's bytes, hashed: what the next edition links to. */
  readonly manifestSha256: string | undefined;
}

/** Every edition folder of the archive, in chain order (by sequence; unreadable ones last, by name). */
export async function listEditions(archive: string, sha256: (b: Uint8Array) => string): Promise<ArchivedEdition[]> {
  const names = (await readdir(archive, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory() && parseEditionId(e.name))
    .map((e) => e.name);
  const editions = await Promise.all(
    names.map(async (id) => {
      const dir = path.join(archive, id);
      const bytes = await readFile(path.join(dir, MANIFEST)).catch(() => undefined);
      if (!bytes)
        return {
          id,
          dir,
          manifest: undefined,
          manifestSha256: undefined,
          problem: 'the manifest is missing or cannot be read',
        };
      const parsed = parseManifest(bytes);
      if ('problem' in parsed)
        return { id, dir, manifest: undefined, manifestSha256: sha256(bytes), problem: parsed.problem };
      return { id, dir, manifest: parsed.manifest, manifestSha256: sha256(bytes) };
    }),
  );
  return editions.sort(
    (a, b) => (a.manifest?.sequence ?? Infinity) - (b.manifest?.sequence ?? Infinity) || a.id.localeCompare(b.id),
  );
}
