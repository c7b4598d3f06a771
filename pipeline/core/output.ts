// core: how a command speaks to the user: one JSON document on standard output with --json,
// otherwise lines on standard error; progress only on a terminal.
import { formatDiagnostic } from './format.ts';
import type { Diagnostic } from './diagnostics.ts';

export interface Io {
  readonly json: boolean;
  /** The one JSON document of a --json run. */
  out(value: unknown): void;
  /** A line for the user (standard error). */
  err(text: string): void;
  /** A transient status line, shown only on a terminal. */
  progress(text: string): void;
}

export const diagnosticJson = (d: Diagnostic) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message, hint: d.hint });

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
}

export function processIo(json: boolean): Io {
  return {
    json,
    out: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    err: (text) => {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      process.stderr.write(`${text}\n`);
    },
    progress: (text) => {
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
    },
  };
}
