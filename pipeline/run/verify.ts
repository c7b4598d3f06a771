// run: `brief verify [EDITION]`: every archived file against its manifest, and the chain of manifests.
// With --rebuild, the edition is also built again from its snapshot and its PDFs compared byte for byte.
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { verifyArchive } from '../archive/verify.ts';
import { displayPath } from '../core/paths.ts';
import type { CommandContext } from './command.ts';
import { archiveDir, assertNotInOldPlace } from './edition.ts';

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  if (args.length > 1) throw new UsageError('brief verify checks one edition, or all of them: brief verify [EDITION]');
  const archive = archiveDir(options);
  assertNotInOldPlace(options, archive);
  const report = await verifyArchive(archive, args[0]);
  if (args[0] && !report.editions.includes(args[0])) throw new UsageError(`there is no edition ${args[0]} in ${displayPath(archive)}; the editions are: ${report.editions.join(', ') || 'none'}`);
  let rebuilt: { edition: string; same: boolean; differing: string[] } | undefined;
  if (options.rebuild) {
    const id = args[0] ?? report.editions.at(-1);
    if (!id) throw new UsageError('there is no edition to rebuild');
    const { rebuildEdition } = await import('./rebuild.ts');
    rebuilt = { edition: id, ...await rebuildEdition(options, archive, id, io.progress) };
  }
  const ok = report.problems.length === 0 && (rebuilt?.same ?? true);
  if (io.json) {
    io.out({ ok, archive, editions: report.editions, problems: report.problems, rebuilt: rebuilt ?? null });
  } else {
    for (const p of report.problems) io.err(`${p.edition}${p.path ? `/${p.path}` : ''}  ${p.kind.toUpperCase()}  ${p.message}`);
    if (rebuilt) (rebuilt.same ? io.info : io.err)(rebuilt.same ? `rebuilt ${rebuilt.edition} from its snapshot: every PDF is byte-identical` : `rebuilt ${rebuilt.edition} from its snapshot: ${rebuilt.differing.join(', ')} differ`);
    (ok ? io.info : io.err)(ok ? `ok: ${args[0] ? `edition ${args[0]}` : `${report.editions.length} edition(s)`} and the chain verified` : `${report.problems.length} problem(s) in ${displayPath(archive)}`);
  }
  return ok ? ExitCode.ok : ExitCode.invalidInput;
}
