// core: where a stage's input files come from. Every loader takes a FileSource instead of touching
// the disk: run/world.ts gives the run's world (each file read once, hashed once, recorded with the
// stage that asked for it); memoryWorld gives a corpus held in memory (unit tests build one without
// a disk); diskSource reads as inputs-fs.ts allows, for the few callers outside a run.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, SourcePos } from './diagnostics.ts';
import { type InputCheck, type InputListing, inspectInput, listInputs, readInputSync } from './inputs-fs.ts';
import { decodeUtf8 } from './read-text.ts';

export type InputRead = { bytes: Buffer } | { problem: Diagnostic; missing?: boolean; folder?: boolean };
export interface ReadOptions {
  readonly max?: number;
  readonly where?: SourcePos;
}

export interface FileSource {
  /** Every input file under `dir`, recursively, sorted; links out of the run's folders, pipes and devices as problems. */
  list(dir: string): InputListing;
  /** Whether anything is at `file` (as existsSync: a link to nothing is not). */
  exists(file: string): boolean;
  /** Where `file` leads and its size, or why it is no input, before it is read. */
  inspect(file: string, options?: ReadOptions): InputCheck;
  /** The file's bytes, read only as an input may be (core/inputs-fs.ts), or why not. */
  read(file: string, options?: ReadOptions): InputRead;
  /**
   * The file's size and time, or undefined when no file is there. Only a source whose files have a
   * time (the disk) has it: the run's world then trusts an unchanged size and time for the hash it
   * recorded last run; without it every file is hashed from its bytes.
   */
  stat?(file: string): FileTime | undefined;
}

export interface FileTime {
  readonly size: number;
  readonly mtimeMs: number;
}

/** A file of a source as UTF-8 text (a byte-order mark dropped unless `keepBom`), or why it cannot be read. */
export function readTextFrom(
  files: FileSource,
  file: string,
  { keepBom = false, ...options }: ReadOptions & { keepBom?: boolean } = {},
): { text: string } | { problem: Diagnostic; missing?: boolean } {
  const read = files.read(file, options);
  if ('problem' in read) return read;
  return decodeUtf8(read.bytes, file, keepBom);
}

/** The disk as inputs-fs.ts reads it, inside `roots`: nothing cached, nothing recorded. */
export function diskSource(roots: readonly string[]): FileSource {
  return {
    list: (dir) => listInputs(dir, roots),
    exists: (file) => existsSync(file),
    inspect: (file, options) => inspectInput(file, roots, options),
    read: (file, options) => readInputSync(file, roots, options),
    stat: statOnDisk,
  };
}

/** A regular file's size and time on the disk (links followed), or undefined. */
export function statOnDisk(file: string): FileTime | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A corpus in memory: path → text (or bytes). Relative paths are taken from `root`; a folder exists when a
 * file is under it. What is not in the map is missing.
 */
export function memoryWorld(
  files: ReadonlyMap<string, string | Uint8Array> | Readonly<Record<string, string | Uint8Array>>,
  root = '/memory',
): FileSource {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  const byPath = new Map(entries.map(([p, text]) => [path.resolve(root, p), Buffer.from(text)]));
  const under = (dir: string) => [...byPath.keys()].filter((f) => f.startsWith(`${path.resolve(dir)}${path.sep}`));
  const missing = (file: string): InputCheck => ({
    problem: {
      file,
      line: 1,
      column: 1,
      severity: 'error',
      code: 'E_NOT_A_FILE',
      message: `${file} is missing, or a link to nothing`,
      hint: 'put the file in place, or remove the link',
    },
    missing: true,
  });
  const inspect = (file: string): InputCheck => {
    const bytes = byPath.get(path.resolve(file));
    return bytes ? { real: path.resolve(file), size: bytes.byteLength } : missing(file);
  };
  return {
    list: (dir) => ({ files: under(dir).sort(), problems: [] }),
    exists: (file) => byPath.has(path.resolve(file)) || under(file).length > 0,
    inspect,
    read: (file) => {
      const bytes = byPath.get(path.resolve(file));
      return bytes ? { bytes } : (missing(file) as { problem: Diagnostic; missing: true });
    },
  };
}
