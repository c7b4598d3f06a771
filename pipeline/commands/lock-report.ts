// commands: what `brief lock` made, said: the problems that kept the lock from being written, or
// its size and what changed, one line each (`brief init` says it the same way).
import type { LockEntry } from '../anchor/lock.ts';
import { hasMoved, onlyLocated, type LockComparison, type MovedQuote } from '../anchor/lock-compare.ts';
import { ExitCode, type Diagnostic } from '../core/diagnostics.ts';
import { diagnosticJson, printDiagnostics, type Io } from '../core/output.ts';
import type { LockOutcome } from '../run/lock.ts';
import { plural } from '../core/plural.ts';

const place = (e: LockEntry) => `${e.status} ${e.start}–${e.end}`;
const short = (sha: string) => `${sha.slice(0, 8)}…`;
const list = (ids: readonly string[], max = 10) =>
  `${ids.slice(0, max).join(', ')}${ids.length > max ? `, and ${ids.length - max} more` : ''}`;

/** Claims whose computed locator alone changed: listed with the new locator when few, else counted. */
function located(moved: readonly MovedQuote[]): string[] {
  if (moved.length === 0) return [];
  if (moved.length > 3)
    return [
      `new locators: ${plural(moved.length, 'claim')} (${list(
        moved.map((m) => m.claim),
        3,
      )})`,
    ];
  return moved.map(
    (m) => `new locator: ${m.claim} in ${m.to.text.file} (${m.from.locator ?? 'none'} → ${m.to.locator ?? 'none'})`,
  );
}

/** What changed, one line each; moved quotes are listed one per line, since each is worth a look. */
function changeLines(c: LockComparison): string[] {
  return [
    ...(c.added.length ? [`added ${c.added.length} claim${c.added.length === 1 ? '' : 's'}: ${list(c.added)}`] : []),
    ...(c.removed.length
      ? [
          `removed ${c.removed.length} claim${c.removed.length === 1 ? '' : 's'} that no longer exist${c.removed.length === 1 ? 's' : ''}: ${list(c.removed)}`,
        ]
      : []),
    ...(c.requoted.length
      ? [
          `re-locked ${c.requoted.length} claim${c.requoted.length === 1 ? '' : 's'} quoted differently: ${list(c.requoted)}`,
        ]
      : []),
    ...c.moved
      .filter((m) => !onlyLocated(m))
      .map((m) =>
        hasMoved(m)
          ? `moved: ${m.claim} in ${m.to.text.file} (${place(m.from)} → ${place(m.to)})`
          : `new surroundings: ${m.claim} in ${m.to.text.file} (${place(m.to)}; the text around it changed)`,
      ),
    // One line for all: a lock from before locators were recorded gains one for every claim.
    ...located(c.moved.filter(onlyLocated)),
    ...c.texts.map((t) => `text changed: ${t.file} (sha256 ${short(t.from)} → ${short(t.to)})`),
  ];
}

function fail(io: Io, errors: readonly Diagnostic[], warnings: readonly Diagnostic[], shown: string): ExitCode {
  if (io.json) io.out({ ok: false, errors: errors.map(diagnosticJson), warnings: warnings.map(diagnosticJson) });
  else {
    printDiagnostics(io, [...errors, ...warnings]);
    io.err(`${plural(errors.length, 'problem')}; ${shown} was not written.`);
  }
  return ExitCode.invalidInput;
}

/** Prints what `lockCorpus` came to, as JSON with --json; invalidInput when no lock was written. */
export function reportLock(io: Io, outcome: LockOutcome): ExitCode {
  if (!outcome.ok) return fail(io, outcome.errors, outcome.warnings, outcome.read.shown);
  const { read, warnings, malformed, lock, changes, written } = outcome;
  const texts = new Set([...lock.claims.values()].map((e) => e.text.file)).size;
  const size = `${lock.claims.size} claim${lock.claims.size === 1 ? '' : 's'} in ${texts} text${texts === 1 ? '' : 's'}`;
  if (io.json) {
    io.out({
      ok: true,
      lock: read.shown,
      written,
      created: !read.exists,
      claims: lock.claims.size,
      texts,
      added: changes.added,
      removed: changes.removed,
      requoted: changes.requoted,
      moved: changes.moved.map((m) => ({
        claim: m.claim,
        text: m.to.text.file,
        from: { status: m.from.status, start: m.from.start, end: m.from.end, locator: m.from.locator ?? null },
        to: { status: m.to.status, start: m.to.start, end: m.to.end, locator: m.to.locator ?? null },
      })),
      textsChanged: changes.texts,
      warnings: warnings.map(diagnosticJson),
    });
    return ExitCode.ok;
  }
  printDiagnostics(io, warnings);
  if (malformed)
    io.err(
      `${read.shown} was malformed (${malformed.line}:${malformed.column}: ${malformed.message}); it is written afresh.`,
    );
  if (!read.exists) {
    io.info(`created ${read.shown}: ${size}`);
    return ExitCode.ok;
  }
  for (const line of changeLines(changes)) io.info(line);
  io.info(
    !written
      ? `${read.shown} is up to date: ${size}; nothing written`
      : changeLines(changes).length || malformed
        ? `updated ${read.shown}: ${size}`
        : `rewrote ${read.shown} in the layout brief writes: ${size}`,
  );
  return ExitCode.ok;
}
