// run: data/anchors.lock on disk → the evidence lock (read, located errors), and a new lock → the file, atomically.
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LOCK_FILE, type AnchorLock } from '../anchor/lock.ts';
import { parseLock } from '../anchor/lock-format.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { diskSource, type FileSource, readTextFrom } from '../core/world.ts';

export interface LockRead {
  /** Absolute path of the lock. */
  readonly file: string;
  /** The path as diagnostics show it. */
  readonly shown: string;
  readonly exists: boolean;
  /** The file's text, as read (undefined when there is none). */
  readonly text: string | undefined;
  /** Undefined when there is no file, or it is malformed (then `diagnostics` say where). */
  readonly lock: AnchorLock | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const lockPath = (dataDir: string) => path.join(path.resolve(dataDir), LOCK_FILE);

/** `files`: the run's world, or (by default) the data folder as inputs-fs.ts reads it. */
export async function readLockFile(
  dataDir: string,
  files: FileSource = diskSource([path.resolve(dataDir)]),
): Promise<LockRead> {
  const file = lockPath(dataDir);
  const shown = displayPath(file);
  if (!files.exists(file)) return { file, shown, exists: false, text: undefined, lock: undefined, diagnostics: [] };
  // As every corpus file: UTF-8, a byte-order mark read as if absent, only a regular file of the data folder.
  const read = readTextFrom(files, file);
  if ('problem' in read)
    return { file, shown, exists: true, text: undefined, lock: undefined, diagnostics: [read.problem] };
  const { lock, diagnostics } = parseLock(shown, read.text);
  return { file, shown, exists: true, text: read.text, lock, diagnostics };
}

/** Written beside the lock, then renamed over it: a reader sees the old lock or the new, never half of one. */
export async function writeLockFile(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}
