// archive: an archive checked against itself: each edition's files against its manifest, each
// manifest against the one before it (the chain), and the chain's head against the newest edition,
// so a tampered, missing or added file, an edited manifest, and a deleted, replaced or reordered
// edition are each caught.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { listEditions, MANIFEST, type ArchivedEdition } from './manifest.ts';
import { sha256, storePath } from './store.ts';

export const HEAD = 'HEAD.json';

export const ProblemKind = { changed: 'changed', missing: 'missing', added: 'added', manifest: 'manifest', chain: 'chain', store: 'store' } as const;
export type ProblemKind = (typeof ProblemKind)[keyof typeof ProblemKind];

export interface Problem {
  readonly edition: string;
  readonly kind: ProblemKind;
  readonly path: string | null;
  readonly message: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

async function verifyFiles(archive: string, ed: ArchivedEdition): Promise<Problem[]> {
  const problems: Problem[] = [];
  const say = (kind: ProblemKind, file: string | null, message: string) => problems.push({ edition: ed.id, kind, path: file, message });
  const m = ed.manifest;
  if (!m) return [{ edition: ed.id, kind: 'manifest', path: MANIFEST, message: 'the manifest is missing or is not valid JSON' }];
  if (m.edition !== ed.id) say('manifest', MANIFEST, `the manifest names edition ${m.edition}, but sits in folder ${ed.id}`);
  const listed = new Set(m.outputs.map((o) => o.path));
  for (const o of m.outputs) {
    const file = path.join(ed.dir, o.path);
    if (!existsSync(file)) say('missing', o.path, 'listed in the manifest, not in the edition');
    else if (sha256(await readFile(file)) !== o.sha256) say('changed', o.path, `its sha256 is not the one in the manifest (${o.sha256.slice(0, 12)}…)`);
  }
  for (const file of await filesUnder(ed.dir)) {
    if (file !== MANIFEST && !listed.has(file)) say('added', file, 'in the edition, not in its manifest');
  }
  for (const i of m.inputs) {
    const stored = storePath(archive, i.sha256);
    if (!existsSync(stored)) say('store', i.path, 'the snapshot of this input is missing from the store');
    else if (sha256(await readFile(stored)) !== i.sha256) say('store', i.path, 'the stored snapshot of this input was changed');
  }
  return problems;
}

function verifyLink(ed: ArchivedEdition, before: ArchivedEdition | undefined): Problem[] {
  const m = ed.manifest;
  if (!m) return [];
  const link = (message: string): Problem[] => [{ edition: ed.id, kind: 'chain', path: MANIFEST, message }];
  if (!before) {
    if (m.previous !== null || m.sequence !== 1) return link(`it names edition ${m.previous?.edition ?? '?'} (number ${m.sequence - 1}) as the one before it, which is not in the archive: an edition was deleted or moved`);
    return [];
  }
  if (!m.previous) return link(`it claims to be the first edition, but ${before.id} comes before it`);
  if (m.previous.edition !== before.id || m.sequence !== (before.manifest?.sequence ?? 0) + 1) {
    return link(`it follows ${m.previous.edition} (as number ${m.sequence}), but the edition before it is ${before.id}: an edition was deleted, added or reordered`);
  }
  if (m.previous.manifestSha256 !== before.manifestSha256) return link(`the manifest of ${before.id} is not the one it was built after (its sha256 changed): that manifest was edited or replaced`);
  return [];
}

export interface ArchiveReport {
  readonly editions: readonly string[];
  readonly problems: readonly Problem[];
}

/** Checks the whole chain, and the files of `only` (or of every edition). */
export async function verifyArchive(archive: string, only?: string): Promise<ArchiveReport> {
  const editions = await listEditions(archive, sha256);
  const problems: Problem[] = [];
  editions.forEach((ed, i) => problems.push(...verifyLink(ed, editions[i - 1])));
  for (const ed of editions) if (!only || ed.id === only) problems.push(...await verifyFiles(archive, ed));
  const newest = editions[editions.length - 1];
  try {
    const head = JSON.parse(await readFile(path.join(archive, HEAD), 'utf8')) as { edition: string; manifestSha256: string };
    if (!newest || head.edition !== newest.id || head.manifestSha256 !== newest.manifestSha256) {
      problems.push({ edition: head.edition, kind: 'chain', path: HEAD, message: `the archive's newest edition was ${head.edition}, but it is now ${newest?.id ?? 'none'}: an edition was deleted, or a manifest edited` });
    }
  } catch {
    if (editions.length) problems.push({ edition: newest!.id, kind: 'chain', path: HEAD, message: `${HEAD} is missing or unreadable: the newest edition cannot be confirmed` });
  }
  return { editions: editions.map((e) => e.id), problems };
}
