// commands: `brief edition`: a dated edition archived (edition/edition.ts), or none when nothing changed since the last.
import path from 'node:path';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { printDiagnostics } from '../core/output.ts';
import { displayPath } from '../core/paths.ts';
import { BrowserSession } from '../print/session.ts';
import type { CommandContext } from '../run/command.ts';
import { archiveDir, assertNotInOldPlace, makeEdition } from '../edition/edition.ts';
import { stateDir } from '../run/staging.ts';

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  if (args.length)
    throw new UsageError(`brief edition takes no arguments (got ${args.join(' ')}); the date is --date YYYY-MM-DD`);
  assertNotInOldPlace(options);
  const session = new BrowserSession(options.browser, stateDir(archiveDir(options)));
  try {
    const result = await makeEdition(options, session, io.info, io.progress);
    io.progress('');
    if (!result.made) {
      if (io.json) io.out({ edition: null, unchanged: true, previous: result.previous });
      else
        io.info(
          `nothing changed since edition ${result.previous} (the corpus, its templates, styles and texts, and brief are as they were): no edition made; --force archives one all the same`,
        );
      return ExitCode.ok;
    }
    const m = result.manifest;
    if (io.json) {
      io.out({
        edition: m.edition,
        dir: result.dir,
        date: m.date,
        previous: m.previous?.edition ?? null,
        documents: m.documents.length,
        packs: m.packs.length,
        changes: result.changes,
      });
      return ExitCode.ok;
    }
    printDiagnostics(io, []);
    io.info(
      `archived edition ${m.edition} in ${displayPath(result.dir)}: ${plural(m.documents.length, 'document')}, ${plural(m.packs.length, 'pack')}, ${plural(m.inputs.length, 'input file')}`,
    );
    io.info(
      m.previous
        ? `${plural(result.changes, 'change')} since ${m.previous.edition}: see ${displayPath(path.join(result.dir, 'CHANGELOG.md'))}`
        : `the first edition of this archive: see ${displayPath(path.join(result.dir, 'CHANGELOG.md'))}`,
    );
    return ExitCode.ok;
  } finally {
    await session.close();
  }
}

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
