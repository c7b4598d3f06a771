// commands: `brief diff A [B]`: the semantic changes between two editions, or between an edition and the corpus as it is now.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { changelogMarkdown, diffSummaries } from '../archive/changelog.ts';
import { listEditions } from '../archive/manifest.ts';
import { sha256 } from '../archive/store.ts';
import { summarizeCorpus, type CorpusSummary } from '../archive/summary.ts';
import { ExitCode, InputError, UsageError } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import { checkCorpus } from '../run/check.ts';
import type { CommandContext } from '../run/command.ts';
import { archiveDir, assertNotInOldPlace } from '../archive/place.ts';

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  if (args.length < 1 || args.length > 2)
    throw new UsageError(
      'brief diff takes one edition (compared with the corpus now) or two: brief diff 2026-02-01 2026-03-01',
    );
  const archive = archiveDir(options);
  assertNotInOldPlace(options, archive);
  const ids = (await listEditions(archive, sha256)).map((e) => e.id);
  const summaryOf = async (id: string): Promise<CorpusSummary> => {
    const file = path.join(archive, id, 'summary.json');
    if (!ids.includes(id) || !existsSync(file))
      throw new UsageError(
        `there is no edition ${id} in ${archive}. ${didYouMean(id, ids, ids.length ? `The editions are: ${ids.join(', ')}` : 'Make one with brief edition')}`,
      );
    return JSON.parse(await readFile(file, 'utf8')) as CorpusSummary;
  };
  const before = await summaryOf(args[0]!);
  let after: CorpusSummary;
  let to: { id: string; date: string };
  if (args[1]) {
    after = await summaryOf(args[1]);
    to = { id: args[1], date: args[1].split('.')[0]! };
  } else {
    const checked = await checkCorpus(options);
    if (!checked.model || checked.errors.length) throw new InputError(checked.errors, checked.warnings);
    after = summarizeCorpus(checked.model);
    to = { id: 'the corpus now', date: options.editionDate };
  }
  const changes = diffSummaries(before, after);
  if (io.json) io.out({ from: args[0], to: args[1] ?? null, changes });
  else process.stdout.write(changelogMarkdown(changes, { id: args[0]!, date: args[0]!.split('.')[0]! }, to));
  return ExitCode.ok;
}
