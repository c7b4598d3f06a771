// archive: an edition's manifest: what it was built from and what it holds, each file with its
// sha256 and size, and the sha256 of the previous edition's manifest, so the editions form a chain.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST = 'manifest.json';
export const FORMAT = 1;

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
  readonly tool: { readonly name: string; readonly version: string; readonly lockfileSha256: string; readonly chromium: string };
  readonly audiences: readonly string[];
  /** Claims by anchoring status, and how many were verified by a text or by the lock. */
  readonly anchoring: Readonly<Record<string, number>>;
  /** Changes against the previous edition (see CHANGELOG.md). */
  readonly changes: number;
  /** Output name → fingerprint of everything it depends on. */
  readonly fingerprints: Readonly<Record<string, string>>;
  /** Document name → fingerprint of its content alone (not the edition it belongs to): what changed between editions. */
  readonly content: Readonly<Record<string, string>>;
  readonly documents: readonly { readonly name: string; readonly report: string; readonly audience: string; readonly pages: number; readonly pdf: string }[];
  /** A pack per audience, and each pack the corpus defines (`pack`: its id in data/packs/) for each of its audiences. */
  readonly packs: readonly { readonly name: string; readonly audience: string; readonly pack?: string; readonly pages: number; readonly pdf: string }[];
  /** The corpus, templates, styles and source texts it was built from (kept in the store). */
  readonly inputs: readonly FileEntry[];
  /** Every file of the edition folder but the manifest itself. */
  readonly outputs: readonly FileEntry[];
}

/** `2026-02-01` → [date, 1]; `2026-02-01.3` → [date, 3]. */
export function parseEditionId(id: string): { date: string; revision: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.(\d+))?$/.exec(id);
  return m ? { date: m[1]!, revision: m[2] ? Number(m[2]) : 1 } : undefined;
}

/** The id of a new edition on `date`, given the ids already archived: never one that exists. */
export function nextEditionId(date: string, existing: readonly string[]): string {
  const taken = existing.map(parseEditionId).filter((e) => e?.date === date).map((e) => e!.revision);
  return taken.length === 0 ? date : `${date}.${Math.max(...taken) + 1}`;
}

export interface ArchivedEdition {
  readonly id: string;
  readonly dir: string;
  /** Undefined when the manifest is missing or unreadable (verify says so). */
  readonly manifest: Manifest | undefined;
  /** The manifest file's bytes, hashed: what the next edition links to. */
  readonly manifestSha256: string | undefined;
}

/** Every edition folder of the archive, in chain order (by sequence; unreadable ones last, by name). */
export async function listEditions(archive: string, sha256: (b: Uint8Array) => string): Promise<ArchivedEdition[]> {
  const names = (await readdir(archive, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && parseEditionId(e.name)).map((e) => e.name);
  const editions = await Promise.all(names.map(async (id) => {
    const dir = path.join(archive, id);
    try {
      const bytes = await readFile(path.join(dir, MANIFEST));
      return { id, dir, manifest: JSON.parse(bytes.toString('utf8')) as Manifest, manifestSha256: sha256(bytes) };
    } catch {
      return { id, dir, manifest: undefined, manifestSha256: undefined };
    }
  }));
  return editions.sort((a, b) => (a.manifest?.sequence ?? Infinity) - (b.manifest?.sequence ?? Infinity) || a.id.localeCompare(b.id));
}
