// core: the one way an input file is listed and read. An input is a regular file inside one of the
// folders a run reads from (the data folder, the templates and styles layers, the folders named for
// texts), of bounded size. A link that leads anywhere else (/proc/self/environ, ~/.ssh) is refused,
// so a corpus from elsewhere can neither print nor archive this machine's files; a named pipe or a
// device is refused without being waited on (files are opened with O_NONBLOCK, and what was opened
// is checked again, so a pipe swapped in after the check is refused too).
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { displayPath } from './paths.ts';

/** The largest input file read (a source text has its own, smaller bound: anchor's MAX_TEXT_BYTES). */
const MAX_INPUT_BYTES = 64_000_000;

/** The folders inputs may be read from, resolved through their links; those that do not exist are left out. */
export function inputRoots(dirs: readonly string[]): string[] {
  const roots: string[] = [];
  for (const dir of dirs) {
    try {
      roots.push(realpathSync(path.resolve(dir)));
    } catch {
      // not there: nothing can be read from it
    }
  }
  return [...new Set(roots)];
}

const within = (real: string, roots: readonly string[]) =>
  roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : `${r}${path.sep}`));

/** What a thing that is not a regular file is, in words. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const at = (file: string) => ({ file: displayPath(file) || file, line: 1, column: 1 });

const notAFile = (file: string, kind: string, where = at(file)): Diagnostic =>
  diagnostic(
    where,
    'E_NOT_A_FILE',
    `${displayPath(file) || file} is ${kind}, not a file`,
    kind === 'a folder'
      ? 'put the file back in place of the folder (or rename the folder), then run again'
      : 'brief reads only regular files: replace it with the file itself',
  );

const linkOutside = (file: string, real: string, where = at(file)): Diagnostic =>
  diagnostic(
    where,
    'E_LINK_OUTSIDE',
    `${displayPath(file) || file} is a link to ${real}, outside the data folder and every folder named for texts`,
    'copy the file into the data folder; source texts kept elsewhere are found with --texts DIR (or BRIEF_TEXTS, or texts: in brief.config.yaml)',
  );

const tooLarge = (file: string, size: number, max: number, where = at(file)): Diagnostic =>
  diagnostic(
    where,
    'E_TOO_LARGE',
    `${displayPath(file) || file} is ${(size / 1e6).toFixed(1)} MB; an input file may be at most ${max / 1e6} MB`,
    'split it, or cut what the briefs do not need',
  );

export type InputCheck =
  | { readonly real: string; readonly size: number; readonly problem?: undefined }
  | { readonly problem: Diagnostic; readonly missing?: boolean; readonly folder?: boolean };

/**
 * Where `file` leads and what it is, before it is opened: a regular file inside `roots`, or the
 * problem (located at `where`, the file's first line unless given). A missing file (or a dangling
 * link) is `missing`: the caller says what a missing file means.
 */
export function inspectInput(
  file: string,
  roots: readonly string[],
  { max = MAX_INPUT_BYTES, where }: { max?: number; where?: { file: string; line: number; column: number } } = {},
): InputCheck {
  let real: string;
  let s: Stats;
  const inside = inputRoots(roots);
  try {
    real = realpathSync(file);
    s = statSync(real);
  } catch {
    return {
      problem: diagnostic(
        where ?? at(file),
        'E_NOT_A_FILE',
        `${displayPath(file) || file} is missing, or a link to nothing`,
        'put the file in place, or remove the link',
      ),
      missing: true,
    };
  }
  if (!within(real, inside)) return { problem: linkOutside(file, real, where) };
  if (!s.isFile()) return { problem: notAFile(file, kindOf(s), where), folder: s.isDirectory() };
  if (s.size > max) return { problem: tooLarge(file, s.size, max, where) };
  return { real, size: s.size };
}

/** Flags to open an input with: a pipe opened for reading does not wait for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file's bytes, or why it is not read (see inspectInput); the world of inputs reads every input through it. */
export function readInputSync(
  file: string,
  roots: readonly string[],
  options: { max?: number } = {},
): { bytes: Buffer } | { problem: Diagnostic; missing?: boolean; folder?: boolean } {
  const checked = inspectInput(file, roots, options);
  if (checked.problem) return checked;
  const fd = openSync(checked.real, OPEN_FLAGS);
  try {
    const s = fstatSync(fd);
    const again = recheck(file, s, options);
    if (again) return { problem: again };
    const bytes = Buffer.alloc(s.size);
    let done = 0;
    while (done < s.size) {
      const n = readSync(fd, bytes, done, s.size - done, done);
      if (n === 0) break;
      done += n;
    }
    return { bytes: bytes.subarray(0, done) };
  } finally {
    closeSync(fd);
  }
}

/** What was opened, checked again: the path may have been swapped for a pipe or a larger file since it was looked at. */
function recheck(
  file: string,
  s: Stats,
  { max = MAX_INPUT_BYTES, where }: { max?: number; where?: { file: string; line: number; column: number } },
): Diagnostic | undefined {
  if (!s.isFile()) return notAFile(file, kindOf(s), where);
  if (s.size > max) return tooLarge(file, s.size, max, where);
  return undefined;
}

export interface InputListing {
  /** Regular files (or links to regular files inside the roots), by the path they are listed at, sorted. */
  readonly files: readonly string[];
  /** What is listed but is no input: links out of the roots, pipes, devices, sockets. */
  readonly problems: readonly Diagnostic[];
}

/**
 * Every input file under `dir`, recursively (none when it does not exist). A link to a folder is
 * not followed (as readdir does not); a link to nothing is left out (what names it reports it).
 * `skip` leaves out paths (relative, with /) such as dot-folders.
 */
export function listInputs(
  dir: string,
  roots: readonly string[],
  skip: (rel: string) => boolean = () => false,
): InputListing {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return { files: [], problems: [] };
  }
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  for (const e of entries) {
    if (e.isDirectory()) continue;
    const file = path.join(e.parentPath, e.name);
    if (skip(path.relative(dir, file).split(path.sep).join('/'))) continue;
    if (e.isFile()) {
      files.push(file);
      continue;
    }
    if (!e.isSymbolicLink()) {
      problems.push(notAFile(file, kindOf(statSync(file))));
      continue;
    }
    const checked = inspectInput(file, roots, { max: Infinity });
    if (!checked.problem) files.push(file);
    else if (!checked.missing && !checked.folder) problems.push(checked.problem);
  }
  return { files: files.sort(), problems };
}
