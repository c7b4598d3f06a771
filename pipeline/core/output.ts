// core: how a command speaks to the user: one JSON document on standard output with --json,
// otherwise lines on standard error: diagnostics always, results unless --quiet, details only
// with --verbose, and a transient progress line (stage, counts, elapsed time) only on a terminal.
import { formatDiagnostics } from './format.ts';
import type { Diagnostic } from './diagnostics.ts';

export interface Io {
  readonly json: boolean;
  /** The one JSON document of a --json run. */
  out(value: unknown): void;
  /** A problem or an error (standard error): always shown. */
  err(text: string): void;
  /** What a command did (standard error): not with --quiet. */
  info(text: string): void;
  /** More of what it did, document by document: only with --verbose. */
  detail(text: string): void;
  readonly verbose: boolean;
  /** A transient status line, shown only on a terminal. */
  progress(text: string): void;
}

export const diagnosticJson = (d: Diagnostic) => ({
  file: d.file,
  line: d.line,
  column: d.column,
  severity: d.severity,
  code: d.code,
  message: d.message,
  hint: d.hint,
});

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const text of formatDiagnostics(diagnostics)) io.err(`${text}\n`);
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

export function processIo(json: boolean, verbosity: Verbosity = 'normal'): Io {
  const started = Date.now();
  const line = (text: string) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    process.stderr.write(`${text}\n`);
  };
  // A --json run says nothing but its document and its diagnostics.
  const talk = !json && verbosity !== 'quiet';
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
  let stage = '';
  return {
    json,
    verbose: talk && verbosity === 'verbose',
    out: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    err: line,
    info: (text) => {
      if (talk) line(text);
    },
    detail: (text) => {
      if (talk && verbosity === 'verbose') line(text);
    },
    progress: (text) => {
      if (!talk) return;
      // --verbose keeps a line for the start of each stage, so the times show what each one took.
      const now = text.split(/[\s\d]/, 1)[0] ?? '';
      if (verbosity === 'verbose' && text && now !== stage) line(`${elapsed()}  ${text.replace(/ \d+\/\d+.*$/, '')}`);
      if (text) stage = now;
      if (process.stderr.isTTY) process.stderr.write(text ? `\r\x1b[K${elapsed()}  ${text}` : '\r\x1b[K');
    },
  };
}

/** File-system refusals in plain words. */
export const FS_REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of that path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'that is a folder, not a file',
  EBUSY: 'another program holds it',
  EMFILE: 'too many files are open',
};
