// commands: `brief check`: the corpus checked (run/check.ts), the evidence lock's staleness an error here; writes nothing
// but its parse cache (out/.brief/check-cache.json, run/check-cache.ts), which the next check reads what is unchanged from.
import { ExitCode, sortDiagnostics } from '../core/diagnostics.ts';
import { diagnosticJson, printDiagnostics } from '../core/output.ts';
import { checkCorpus, staleAsError } from '../run/check.ts';
import { readCheckCache, writeCheckCache } from '../run/check-cache.ts';
import type { CommandContext } from '../run/command.ts';
import { plural } from '../core/plural.ts';

export async function main({ options, io }: CommandContext): Promise<ExitCode> {
  const cache = await readCheckCache(options.outDir);
  const checked = await checkCorpus(options, undefined, { cache });
  await writeCheckCache(options.outDir, cache);
  const errors = checked.lockStale
    ? sortDiagnostics([...checked.errors, staleAsError(checked.lockStale)])
    : checked.errors;
  const result = { ...checked, ok: errors.length === 0, errors };
  if (io.json) {
    io.out({
      ok: result.ok,
      errors: result.errors.map(diagnosticJson),
      warnings: result.warnings.map(diagnosticJson),
      claims: result.model
        ? [...result.model.claims.values()].map((c) => ({
            id: c.id,
            source: c.source,
            anchor: result.anchoring?.anchors.get(c.id) ?? { status: 'unchecked' },
          }))
        : [],
    });
  } else {
    printDiagnostics(io, [...result.errors, ...result.warnings]);
    const claims = result.model?.claims.size ?? 0;
    const byStatus = new Map<string, number>();
    for (const a of result.anchoring?.anchors.values() ?? []) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const byLock = [...(result.anchoring?.anchors.values() ?? [])].filter((a) => a.via === 'lock').length;
    const statuses =
      [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ') +
      (byLock ? `; ${byLock} verified by the evidence lock` : '');
    (result.ok ? io.info : io.err)(
      result.ok
        ? `ok: ${plural(claims, 'claim')} in ${plural(result.model?.sources.size ?? 0, 'source')}${statuses ? ` (${statuses})` : ''}, ${plural(result.warnings.length, 'warning')}`
        : `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`,
    );
  }
  return result.ok ? ExitCode.ok : ExitCode.invalidInput;
}
