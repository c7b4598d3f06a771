// commands: `brief build [REPORT.md…]`: the documents built (run/build.ts), then what was rebuilt, kept or removed, and why.
import path from 'node:path';
import type { RunOptions } from '../config/options.ts';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { diagnosticJson, printDiagnostics } from '../core/output.ts';
import { BrowserSession } from '../print/session.ts';
import { buildDocuments, reportBuild } from '../run/build.ts';
import type { CommandContext } from '../run/command.ts';
import { stateDir } from '../run/staging.ts';

/**
 * `brief build data/reports/x.md` builds that report: a report file named as an argument is taken
 * for its id; anything else is refused rather than ignored (it would build everything).
 */
function reportsFromArgs(args: readonly string[], options: RunOptions): string[] {
  return args.map((arg) => {
    const file = path.resolve(arg);
    const reports = path.join(path.resolve(options.dataDir), 'reports');
    if (path.dirname(file) === reports && arg.endsWith('.md')) return path.basename(arg, '.md');
    throw new UsageError(
      `brief build takes report files from ${path.relative(process.cwd(), reports) || reports}/ as arguments, not "${arg}"; or name reports with --report id,…`,
    );
  });
}

export async function main({ options: given, args, io }: CommandContext): Promise<ExitCode> {
  const options = args.length ? { ...given, reports: [...given.reports, ...reportsFromArgs(args, given)] } : given;
  const session = new BrowserSession(options.browser, stateDir(options.outDir));
  const started = Date.now();
  try {
    const result = await buildDocuments(options, { session, progress: io.progress, notify: io.info });
    io.progress('');
    if (io.json) {
      io.out({
        documents: result.documents.map(({ fingerprint: _, content: __, rendering: ___, ...d }) => d),
        removed: result.removed,
        browserStarted: result.browserStarted,
        warnings: result.warnings.map(diagnosticJson),
      });
      return ExitCode.ok;
    }
    printDiagnostics(io, result.warnings);
    reportBuild(io, result, Date.now() - started);
    return ExitCode.ok;
  } finally {
    await session.close();
  }
}
