// commands: `brief verify [EDITION]`: every archived file against its manifest, and the chain of manifests.
// With --rebuild, the edition is also built again from its snapshot and its PDFs compared byte for byte.
import { readFile } from 'node:fs/promises';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { verifyArchive } from '../archive/verify.ts';
import { displayPath } from '../core/paths.ts';
import type { CommandContext } from '../run/command.ts';
import { archiveDir, assertNotInOldPlace } from '../archive/place.ts';
import { plural } from '../core/plural.ts';

/**
 * --head: a sha256 of 64 hex digits, or a file holding one (a copy of HEAD.json, or the bare hash),
 * kept where whoever can rewrite the archive cannot.
 */
export async function pinnedHead(value: string | undefined): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
  const text = await readFile(value, 'utf8').catch(() => undefined);
  if (text === undefined)
    throw new UsageError(
      `--head ${value} is neither a sha256 (64 hex digits) nor a file that can be read; give the newest manifest's sha256, or a copy of HEAD.json kept outside the archive`,
    );
  const json = (() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  })();
  const sha = (json as { manifestSha256?: unknown } | undefined)?.manifestSha256 ?? text.trim();
  if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/i.test(sha))
    throw new UsageError(
      `--head ${value} holds no sha256: give a copy of HEAD.json ({"edition", "manifestSha256"}) or a file holding the 64 hex digits`,
    );
  return sha.toLowerCase();
}

export async function main({ options, args, io, flags }: CommandContext): Promise<ExitCode> {
  if (args.length > 1) throw new UsageError('brief verify checks one edition, or all of them: brief verify [EDITION]');
  const archive = archiveDir(options);
  assertNotInOldPlace(options, archive);
  const pinned = await pinnedHead(flags?.head as string | undefined);
  const report = await verifyArchive(archive, args[0], pinned);
  if (args[0] && !report.editions.includes(args[0]))
    throw new UsageError(
      `there is no edition ${args[0]} in ${displayPath(archive)}; the editions are: ${report.editions.join(', ') || 'none'}`,
    );
  let rebuilt: { edition: string; same: boolean; differing: string[]; skipped?: string } | undefined;
  if (options.rebuild) {
    const id = args[0] ?? report.editions.at(-1);
    if (!id) throw new UsageError('there is no edition to rebuild');
    // An edition whose manifest or snapshot is broken cannot be laid out again: its problems say why.
    const broken = report.problems.find((p) => p.edition === id && (p.kind === 'store' || p.kind === 'manifest'));
    if (broken)
      rebuilt = {
        edition: id,
        same: false,
        differing: [],
        skipped: `not rebuilt: its ${broken.kind === 'store' ? 'snapshot in the store' : 'manifest'} is not as archived (above)`,
      };
    else {
      const { rebuildEdition } = await import('../edition/rebuild.ts');
      rebuilt = { edition: id, ...(await rebuildEdition(options, archive, id, io.progress)) };
    }
  }
  const ok = report.problems.length === 0 && (rebuilt?.same ?? true);
  if (io.json) {
    io.out({ ok, archive, editions: report.editions, problems: report.problems, rebuilt: rebuilt ?? null });
  } else {
    for (const p of report.problems)
      io.err(`${p.edition}${p.path ? `/${p.path}` : ''}  ${p.kind.toUpperCase()}  ${p.message}`);
    if (rebuilt)
      (rebuilt.same ? io.info : io.err)(
        rebuilt.skipped
          ? `${rebuilt.edition} ${rebuilt.skipped}`
          : rebuilt.same
            ? `rebuilt ${rebuilt.edition} from its snapshot: every PDF is byte-identical`
            : `rebuilt ${rebuilt.edition} from its snapshot: ${rebuilt.differing.join(', ')} differ`,
      );
    (ok ? io.info : io.err)(
      ok
        ? `ok: ${args[0] ? `edition ${args[0]}` : plural(report.editions.length, 'edition')} and the chain verified`
        : `${plural(report.problems.length, 'problem')} in ${displayPath(archive)}`,
    );
  }
  return ok ? ExitCode.ok : ExitCode.invalidInput;
}
