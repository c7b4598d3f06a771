// archive: an archive checked against itself: each edition's files against its manifest, each
// manifest against the one before it (the chain), and the chain's head against the newest edition,
// so a tampered, missing or added file, an edited manifest, and a deleted, replaced or reordered
// edition are each caught; what each PDF carries and its signatures are checked by verify-pdf.ts.
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { listEditions, MANIFEST, type ArchivedEdition } from './manifest.ts';
import { sha256, storePath } from './store.ts';

export const HEAD = 'HEAD.json';

const ProblemKind = {
  changed: 'changed',
  missing: 'missing',
  added: 'added',
  manifest: 'manifest',
  chain: 'chain',
  store: 'store',
  /** A PDF's associated files are not those its manifest records. */
  evidence: 'evidence',
  /** A signed PDF's signature does not verify, is by another certificate, or does not cover the file. */
  signature: 'signature',
} as const;
type ProblemKind = (typeof ProblemKind)[keyof typeof ProblemKind];

export interface Problem {
  readonly edition: string;
  readonly kind: ProblemKind;
  readonly path: string | null;
  readonly message: string;
}

/** Everything in an edition folder but folders: files, and links, pipes or devices (never archived, so never listed). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * A file's sha256 when it is a regular file (not followed if a link: an archive holds none), else
 * what it is instead; undefined when it is not there. Never waits on a pipe.
 */
async function hashOf(file: string): Promise<{ sha256: string } | { not: string } | undefined> {
  const s = await lstat(file).catch(() => undefined);
  if (!s) return undefined;
  if (s.isSymbolicLink()) return { not: 'a link' };
  if (s.isDirectory()) return { not: 'a folder' };
  if (!s.isFile()) return { not: 'a pipe or a device' };
  return { sha256: sha256(await readFile(file)) };
}

async function verifyFiles(archive: string, ed: ArchivedEdition): Promise<Problem[]> {
  const problems: Problem[] = [];
  const say = (kind: ProblemKind, file: string | null, message: string) =>
    problems.push({ edition: ed.id, kind, path: file, message });
  const m = ed.manifest;
  if (!m)
    return [
      {
        edition: ed.id,
        kind: 'manifest',
        path: MANIFEST,
        message: ed.problem ?? 'the manifest is missing or is not valid JSON',
      },
    ];
  if (m.edition !== ed.id)
    say('manifest', MANIFEST, `the manifest names edition ${m.edition}, but sits in folder ${ed.id}`);
  const listed = new Set(m.outputs.map((o) => o.path));
  for (const o of m.outputs) {
    const file = path.join(ed.dir, o.path);
    if (path.relative(ed.dir, file).startsWith('..')) {
      say('manifest', MANIFEST, `it lists ${o.path}, outside the edition's folder`);
      continue;
    }
    const found = await hashOf(file);
    if (!found) say('missing', o.path, 'listed in the manifest, not in the edition');
    else if ('not' in found) say('changed', o.path, `it is ${found.not}, not the file the manifest lists`);
    else if (found.sha256 !== o.sha256)
      say('changed', o.path, `its sha256 is not the one in the manifest (${o.sha256.slice(0, 12)}…)`);
  }
  for (const file of await filesUnder(ed.dir)) {
    if (file === MANIFEST || listed.has(file)) continue;
    const found = await hashOf(path.join(ed.dir, file));
    say(
      'added',
      file,
      found && 'not' in found
        ? `${found.not} in the edition, not in its manifest (an edition holds only files)`
        : 'in the edition, not in its manifest',
    );
  }
  for (const i of m.inputs) {
    const found = await hashOf(storePath(archive, i.sha256));
    if (!found) say('store', i.path, 'the snapshot of this input is missing from the store');
    else if ('not' in found || found.sha256 !== i.sha256)
      say('store', i.path, 'the stored snapshot of this input was changed');
  }
  return problems;
}

function verifyLink(ed: ArchivedEdition, before: ArchivedEdition | undefined): Problem[] {
  const m = ed.manifest;
  if (!m) return [];
  const link = (message: string): Problem[] => [{ edition: ed.id, kind: 'chain', path: MANIFEST, message }];
  if (!before) {
    if (m.previous !== null || m.sequence !== 1)
      return link(
        `it names edition ${m.previous?.edition ?? '?'} (number ${m.sequence - 1}) as the one before it, which is not in the archive: an edition was deleted or moved`,
      );
    return [];
  }
  if (!m.previous) return link(`it claims to be the first edition, but ${before.id} comes before it`);
  if (m.previous.edition !== before.id || m.sequence !== (before.manifest?.sequence ?? 0) + 1) {
    return link(
      `it follows ${m.previous.edition} (as number ${m.sequence}), but the edition before it is ${before.id}: an edition was deleted, added or reordered`,
    );
  }
  if (m.previous.manifestSha256 !== before.manifestSha256)
    return link(
      `the manifest of ${before.id} is not the one it was built after (its sha256 changed): that manifest was edited or replaced`,
    );
  return [];
}

export interface ArchiveReport {
  readonly editions: readonly string[];
  readonly problems: readonly Problem[];
}

/** Checks the whole chain, and the files of `only` (or of every edition); `pinned`: the sha256 of a newest manifest kept elsewhere (--head). */
export async function verifyArchive(archive: string, only?: string, pinned?: string): Promise<ArchiveReport> {
  const editions = await listEditions(archive, sha256);
  const problems: Problem[] = [];
  editions.forEach((ed, i) => problems.push(...verifyLink(ed, editions[i - 1])));
  for (const ed of editions) if (!only || ed.id === only) problems.push(...(await verifyFiles(archive, ed)));
  // Read with pdf-lib and pkijs: loaded only when an edition records evidence or signatures.
  const carrying = editions.filter(
    (ed) => (!only || ed.id === only) && (ed.manifest?.evidence || ed.manifest?.signing),
  );
  if (carrying.length) {
    const { verifyPdfs } = await import('./verify-pdf.ts');
    for (const ed of carrying) problems.push(...(await verifyPdfs(ed)));
  }
  problems.push(...(await verifyHead(archive, editions)));
  if (pinned) problems.push(...verifyPin(editions, pinned));
  return { editions: editions.map((e) => e.id), problems };
}

const Link = z.object({ edition: z.string(), manifestSha256: z.string() });
/**
 * HEAD.json: the newest edition and its manifest's sha256. `pending` while an edition is being put in
 * place: it names the head before (null: none), so a kill between moving the edition in and
 * confirming HEAD reads as one of the two states, never as tampering (see edition/edition.ts).
 */
const HeadSchema = Link.extend({ pending: z.object({ was: Link.nullable() }).optional() });
export type Head = z.infer<typeof HeadSchema>;

async function verifyHead(archive: string, editions: readonly ArchivedEdition[]): Promise<Problem[]> {
  // The newest edition with a manifest: a folder without one (a stray, or one whose manifest went) is a MANIFEST problem of its own.
  const newest = editions.filter((e) => e.manifest).at(-1);
  const text = await readFile(path.join(archive, HEAD), 'utf8').catch(() => undefined);
  if (text === undefined)
    return newest
      ? [
          {
            edition: newest.id,
            kind: 'chain',
            path: HEAD,
            message: `${HEAD} is missing or unreadable: the newest edition cannot be confirmed`,
          },
        ]
      : [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const head = HeadSchema.safeParse(json);
  if (!head.success)
    return [
      {
        edition: newest?.id ?? '-',
        kind: 'chain',
        path: HEAD,
        message: `${HEAD} is not in the shape brief edition writes ({"edition", "manifestSha256"}): the newest edition cannot be confirmed`,
      },
    ];
  const h = head.data;
  const is = (link: z.infer<typeof Link> | null) =>
    link === null ? !newest : newest?.id === link.edition && newest.manifestSha256 === link.manifestSha256;
  if (is(h) || (h.pending && is(h.pending.was))) return [];
  return [
    {
      edition: h.edition,
      kind: 'chain',
      path: HEAD,
      message: `the archive's newest edition was ${h.edition}, but it is now ${newest?.id ?? 'none'}: an edition was deleted, or a manifest edited`,
    },
  ];
}

/** The pinned manifest must be in the chain: the newest, or one the editions after it chain to. */
function verifyPin(editions: readonly ArchivedEdition[], pinned: string): Problem[] {
  if (editions.some((e) => e.manifestSha256 === pinned)) return [];
  return [
    {
      edition: editions.at(-1)?.id ?? '-',
      kind: 'chain',
      path: null,
      message: `no edition's manifest has the sha256 pinned with --head (${pinned.slice(0, 12)}…): the newest edition was rewritten or deleted since it was pinned (HEAD.json may have been rewritten with it)`,
    },
  ];
}
