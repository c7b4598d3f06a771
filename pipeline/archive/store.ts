// archive: file contents stored by their sha256 (.store/sha256/ab/abcd…), so a file unchanged
// across editions is stored once, and any edition's inputs can be laid out again byte for byte.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirs } from '../core/dirs.ts';

const STORE = '.store';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export const storePath = (archive: string, sha: string): string =>
  path.join(archive, STORE, 'sha256', sha.slice(0, 2), sha);

/** Stores `data` (if not stored already) and returns its hash. Written to a temp name, then renamed. */
export async function storeBytes(archive: string, data: Uint8Array): Promise<string> {
  const sha = sha256(data);
  const target = storePath(archive, sha);
  if (existsSync(target)) return sha;
  await makeDirs(path.dirname(target));
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, target);
  return sha;
}

/** Lays out `files` (relative path → sha256) under `dir`, each checked against its hash. */
export async function restore(
  archive: string,
  files: readonly { path: string; sha256: string }[],
  dir: string,
): Promise<void> {
  for (const f of files) {
    const target = path.join(dir, f.path);
    if (path.relative(dir, target).startsWith('..')) throw new Error(`a snapshot path leaves its folder: ${f.path}`);
    await makeDirs(path.dirname(target));
    await copyFile(storePath(archive, f.sha256), target);
    if (sha256(await readFile(target)) !== f.sha256) {
      await rm(target, { force: true });
      throw new Error(
        `the stored copy of ${f.path} does not match its hash ${f.sha256.slice(0, 12)}…: the archive's store was changed`,
      );
    }
  }
}
