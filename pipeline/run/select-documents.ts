// run: steps 1–5 of a build (build.ts): the corpus checked, the documents planned, and what goes
// into each selected; the checking and selecting stages are imported only when called, past the
// build's shortcut (they bring in the YAML parser, zod and ajv).
import type { Anchoring } from '../anchor/index.ts';
import type { RunOptions } from '../config/options.ts';
import { foldRepeats, InputError, sortDiagnostics, type Diagnostic } from '../core/diagnostics.ts';
import type { Model } from '../model/index.ts';
import type { Selection } from '../select/index.ts';
import { planDocuments, type PlannedDocument } from './plan.ts';
import type { Warm } from './warm.ts';
import type { World } from './world.ts';

export interface SelectedDocuments {
  readonly model: Model;
  readonly anchoring: Anchoring;
  readonly planned: readonly PlannedDocument[];
  readonly selections: ReadonlyMap<string, Selection>;
  readonly warnings: readonly Diagnostic[];
}

/** Checks the corpus, plans the documents and selects each one's content; throws InputError with every problem. */
export async function checkAndSelect(options: RunOptions, world: World, warm?: Warm): Promise<SelectedDocuments> {
  // 1–4. check
  const [{ checkCorpus }, { readCheckCache, writeCheckCache }] = await Promise.all([
    import('./check.ts'),
    import('./check-cache.ts'),
  ]);
  // A watch keeps the parsed corpus in memory; a one-off build reads what the last run left on
  // disk (out/.brief/check-cache.json, as `brief check` does) and leaves what it read for the next.
  const cache = warm?.lasting ? undefined : await readCheckCache(options.outDir);
  const checked = await checkCorpus(options, undefined, { warm, cache }, world);
  if (cache) await writeCheckCache(options.outDir, cache);
  // Only what this check read is kept warm for the next.
  else warm?.parsed.entries();
  // A stale evidence lock fails `check` (as npm ci does) but only warns here: the quotes were just checked against the texts.
  let warnings = checked.lockStale ? sortDiagnostics([...checked.warnings, checked.lockStale]) : checked.warnings;
  if (!checked.ok || !checked.model || !checked.anchoring) throw new InputError(checked.errors, warnings);
  const { model, anchoring } = checked;

  // 5. plan and select
  const planned = planDocuments(model, options);
  const { selectReport } = await import('../select/index.ts');
  const problems: Diagnostic[] = [];
  const selections = new Map<string, Selection>();
  for (const doc of planned) {
    try {
      selections.set(
        doc.name,
        selectReport(model, anchoring, doc.report, doc.audience, { allowUnverified: options.allowUnverified }),
      );
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.diagnostics);
    }
  }
  // What an audience was not given (a key judgment resting only on internal evidence) is said on every build.
  const withheld = [...selections.values()].flatMap((s) => s.warnings);
  if (withheld.length) warnings = sortDiagnostics([...warnings, ...withheld]);
  if (problems.length) throw new InputError(sortDiagnostics(foldRepeats(problems, 'citation')), warnings);
  return { model, anchoring, planned, selections, warnings };
}
