// run: checkCorpus (`brief check`, and every command that reads the corpus): load → validate → model → anchor (with the evidence lock) → is the lock current; writes nothing.
import type { Anchoring } from '../anchor/index.ts';
import type { RunOptions } from '../config/options.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.ts';
import type { Model } from '../model/index.ts';
import type { ParseCache } from '../core/parse-cache.ts';
import { readLockFile, type LockRead } from './lock-file.ts';
import type { Warm } from './warm.ts';
import { World } from './world.ts';

export interface CheckResult {
  readonly ok: boolean;
  readonly model: Model | undefined;
  readonly anchoring: Anchoring | undefined;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  /**
   * W_LOCK_STALE when the evidence lock (data/anchors.lock) is missing or out of date with the texts
   * at hand; undefined when it is current or no text is at hand to judge it by. Kept apart from
   * `warnings` and from `ok`: `brief check` fails on it (staleAsError), `brief build` only warns.
   */
  readonly lockStale: Diagnostic | undefined;
}

/** `brief check` fails on a stale lock, as `npm ci` does on a stale package-lock. */
export const staleAsError = (d: Diagnostic): Diagnostic => ({ ...d, code: 'E_LOCK_STALE', severity: 'error' });

/**
 * Steps 1–4 of every command: load, validate, model, anchor; and the templates of every audience
 * compiled and rendered against the specimen, the overrides checked (template-check.ts), unless `templates` is false (`brief lock` needs none);
 * `warm` keeps compiled templates and the templates' findings for the render and the next build (warm.ts). The evidence
 * lock is read from the data folder unless `lockRead` is given (`brief lock` passes its own, to
 * replace a malformed one). YAML read before, and what each file's own checks found, are taken
 * from `cache` (core/parse-cache.ts, validate/cache.ts): a long-lived process keeps one in memory
 * between rebuilds, `brief check` the last run's on disk.
 */
export async function checkCorpus(
  options: RunOptions,
  lockRead?: LockRead,
  { templates = true, cache, warm }: { templates?: boolean; cache?: ParseCache; warm?: Warm } = {},
  world: World = World.of(options),
): Promise<CheckResult> {
  const [{ loadCorpus }, { validateCorpus }, { buildModel }, { anchorClaims }, { staleDiagnostic }] = await Promise.all(
    [
      import('../load/index.ts'),
      import('../validate/index.ts'),
      import('../model/index.ts'),
      import('../anchor/index.ts'),
      import('../anchor/lock-compare.ts'),
    ],
  );
  const kept = cache ?? warm?.parsed;
  const loaded = await loadCorpus(world.source('load'), options.dataDir, kept);
  const validation = validateCorpus(loaded, kept);
  const modelling = buildModel(validation.corpus, { defaultAudiences: options.defaultAudiences });
  const read = lockRead ?? (await readLockFile(options.dataDir, world.source('lock')));
  const early = [...validation.diagnostics, ...modelling.diagnostics];
  const templateProblems = templates
    ? await (await import('./template-check.ts')).checkTemplates(options, modelling.model, world.source('templates'), {
        warm,
        cache: kept,
      })
    : [];
  // A malformed lock is an error, but the quotes are still anchored (without it) so that every problem shows at once.
  const anchoring = hasErrors(early)
    ? undefined
    : await anchorClaims(modelling.model, options.textDirs, read.lock, world.source('anchor'));
  const all = sortDiagnostics([...early, ...templateProblems, ...read.diagnostics, ...(anchoring?.diagnostics ?? [])]);
  const errors = all.filter((d) => d.severity === 'error');
  const lockStale =
    anchoring && read.diagnostics.length === 0
      ? staleDiagnostic(modelling.model, anchoring, read.lock, read.shown)
      : undefined;
  return {
    ok: errors.length === 0,
    model: modelling.model,
    anchoring,
    errors,
    warnings: all.filter((d) => d.severity === 'warning'),
    lockStale,
  };
}
