// commands: `brief pack --audience ID`: one pack made or kept (pack/pack.ts), and where it is.
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { diagnosticJson, printDiagnostics } from '../core/output.ts';
import { displayPath } from '../core/paths.ts';
import { BrowserSession } from '../print/session.ts';
import type { CommandContext } from '../run/command.ts';
import { makePack } from '../pack/pack.ts';
import { stateDir } from '../run/staging.ts';

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  const [audience, ...more] = options.audiences;
  if (!audience || more.length)
    throw new UsageError('brief pack makes one pack for one audience: give --audience <id>');
  if (args.length)
    throw new UsageError(
      `brief pack takes no file or name arguments (got ${args.join(' ')}); use --pack <id> or --report a,b`,
    );
  const session = new BrowserSession(options.browser, stateDir(options.outDir));
  const started = Date.now();
  try {
    const result = await makePack(
      options,
      { audience, pack: options.pack, reports: options.reports },
      session,
      io.progress,
      io.info,
    );
    io.progress('');
    if (io.json) {
      const { warnings, documents, ...pack } = result;
      io.out({
        pack: { ...pack, documents: documents.map((d) => `${d.report}.${d.audience}`) },
        warnings: warnings.map(diagnosticJson),
      });
      return ExitCode.ok;
    }
    printDiagnostics(io, result.warnings);
    const docs = result.documents.map((d) => `${d.report}.${d.audience}`).join(', ');
    io.info(
      result.status === 'kept'
        ? `kept ${displayPath(result.pdf)} (${result.pages} pages, dated ${result.editionDate}): nothing it depends on changed`
        : `made ${displayPath(result.pdf)} (${result.pages} pages: cover, contents, ${docs}): ${result.reasons.join('; ')}`,
    );
    io.info(`in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return ExitCode.ok;
  } finally {
    await session.close();
  }
}
