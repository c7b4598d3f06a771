// run: the evidence lock made: load → validate → model → anchor every quote in its text → data/anchors.lock (atomically), and what changed.
//
// The evidence lock is to quotes what a lockfile is to packages: written on purpose, with every
// text at hand, committed with the corpus; `brief check` fails when the texts say it is stale, and
// a clone without the texts trusts it for every quote it still holds. Nothing is written unless
// every text is found and every quote anchors.
import type { AnchorLock } from '../anchor/lock.ts';
import type { LockComparison } from '../anchor/lock-compare.ts';
import type { RunOptions } from '../config/options.ts';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../core/diagnostics.ts';
import type { Model } from '../model/index.ts';
import { checkCorpus } from './check.ts';
import { readLockFile, writeLockFile, type LockRead } from './lock-file.ts';

/** E_LOCK_NO_TEXT at `text:` of each source whose text is missing: a lock is made from every text or not at all. */
function missingTexts(model: Model, found: ReadonlyMap<string, unknown>): Diagnostic[] {
  return [...model.sources.values()]
    .filter((s) => !found.has(s.id))
    .map((s) =>
      diagnostic(
        s.textAt,
        'E_LOCK_NO_TEXT',
        `the text of source "${s.id}" (${s.text}) was not found: brief lock anchors every quote in its text, and writes nothing without all of them`,
        `put ${s.text} in data/sources/text/, or name its folder with --texts DIR or BRIEF_TEXTS; this \`text:\` names the file looked for`,
      ),
    );
}

/** What `lockCorpus` came to: the problems that kept the lock from being written, or the lock and what changed. */
export type LockOutcome =
  | {
      readonly ok: false;
      readonly read: LockRead;
      readonly errors: readonly Diagnostic[];
      readonly warnings: readonly Diagnostic[];
    }
  | {
      readonly ok: true;
      readonly read: LockRead;
      readonly warnings: readonly Diagnostic[];
      /** The lock file's first problem when it was malformed: it is replaced, and the user told so. */
      readonly malformed: Diagnostic | undefined;
      readonly lock: AnchorLock;
      readonly changes: LockComparison;
      readonly written: boolean;
    };

/** Anchors every quote in its text and writes data/anchors.lock (atomically) when it changed; nothing without every text. */
export async function lockCorpus(options: RunOptions): Promise<LockOutcome> {
  const read = await readLockFile(options.dataDir);
  // A malformed lock is what this command repairs: it is replaced, and the user told so.
  const malformed = read.diagnostics[0];
  const checked = await checkCorpus(options, malformed ? { ...read, lock: undefined, diagnostics: [] } : read, {
    templates: false,
  });
  const { model, anchoring } = checked;
  const missing = model && anchoring ? missingTexts(model, anchoring.texts) : [];
  // Each missing text is an error here; the W_NO_TEXT warning for it would say the same thing again.
  const warnings = checked.warnings.filter((w) => w.code !== 'W_NO_TEXT');
  const errors = sortDiagnostics([...checked.errors, ...missing]);
  if (errors.length || !model || !anchoring) return { ok: false, read, errors, warnings };

  const [{ makeLock }, { compareLock }, { serializeLock }] = await Promise.all([
    import('../anchor/lock.ts'),
    import('../anchor/lock-compare.ts'),
    import('../anchor/lock-format.ts'),
  ]);
  const lock = makeLock(model, anchoring);
  const changes = compareLock(model, anchoring, read.lock);
  const text = serializeLock(lock);
  const written = text !== read.text;
  if (written) await writeLockFile(read.file, text);
  return { ok: true, read, warnings, malformed, lock, changes, written };
}
