// core: the one shape every located problem takes, and the exceptions that carry them.
import { plural } from './plural.ts';
import { stageOf, type Code } from './codes.ts';
// Positions here are 1-based lines and 1-based columns counted in UTF-16 units.

export const Severity = { error: 'error', warning: 'warning' } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** A place in a file: 1-based line, 1-based column. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic extends SourcePos {
  readonly severity: Severity;
  /** Stable code from the catalog in codes.ts, e.g. E_UNKNOWN_SOURCE. */
  readonly code: Code;
  /** What happened, in plain language. */
  readonly message: string;
  /** What to do about it. */
  readonly hint: string;
}

/** Exit codes, as DESIGN.md fixes them. */
export const ExitCode = { ok: 0, invalidInput: 1, usage: 2, renderFailed: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The user's input is wrong: print the diagnostics, exit 1, no stack trace. */
export class InputError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** Warnings found on the way, reported alongside. */
    readonly warnings: readonly Diagnostic[] = [],
  ) {
    super(`${plural(diagnostics.filter((d) => d.severity === 'error').length, 'problem')} in the input`);
    this.name = 'InputError';
  }
}

/** The command line is wrong: print the message and usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Rendering or printing failed (no browser, a page asked for the network, …): exit 3. */
export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export function diagnostic(
  at: SourcePos,
  code: Code,
  message: string,
  hint: string,
  severity: Severity = 'error',
): Diagnostic {
  return { file: at.file, line: at.line, column: at.column, code, message, hint, severity };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by file, then line, then column, so output reads top to bottom. */
/** Causes first: by stage (a file that does not parse before what names it), then file and line. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      stageOf(a.code) - stageOf(b.code) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/**
 * The same problem at the same place, met again (one missing text, cited by every document),
 * is one problem: the repeats are folded into it and counted.
 */
export function foldRepeats(diagnostics: readonly Diagnostic[], what = 'time'): Diagnostic[] {
  const seen = new Map<string, { d: Diagnostic; n: number }>();
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}\0${d.message}`;
    const entry = seen.get(key);
    if (entry) entry.n++;
    else seen.set(key, { d, n: 1 });
  }
  return [...seen.values()].map(({ d, n }) => (n === 1 ? d : { ...d, message: `${d.message} (${n} ${what}s)` }));
}
