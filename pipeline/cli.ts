// cli: argv → options → build/check → printed result and exit code. Parses and prints; does no work itself.
import { existsSync, statSync } from 'node:fs';
import { minimist } from 'zx';
import { buildDocuments, checkCorpus } from './build/index.ts';
import { CONFIG_FILE, readConfigFile } from './config/file.ts';
import { defaultOptions, type RunOptions } from './config/options.ts';
import { ExitCode, InputError, RenderError, UsageError, type Diagnostic } from './core/diagnostics.ts';
import { formatDiagnostic } from './core/format.ts';
import { displayPath } from './core/paths.ts';

const USAGE = `Usage: brief <command> [options]

Commands:
  build      build every report for every audience it names (HTML and PDF) into out/
  check      load, validate and anchor the whole corpus; writes nothing
  pack       one PDF for an audience: cover, contents, documents      (not yet implemented)
  watch      rebuild what a saved change affects                       (not yet implemented)
  edition    archive a dated edition                                   (not yet implemented)
  editions, diff, verify   list, compare and check editions           (not yet implemented)

Options:
  --data DIR            the corpus (default: data)
  --out DIR             where outputs go (default: out)
  --texts DIR           another folder to find source texts in (repeatable; also $BRIEF_TEXTS)
  --config FILE         project settings (default: brief.config.yaml, if present)
  --audience a,b        only these audiences            (build)
  --report id,…         only these reports              (build)
  --date YYYY-MM-DD     the date the documents carry (default: today, UTC)
  --allow-unverified    cite claims whose quotes are not verified, visibly marked
  --json                print one JSON document on standard output, nothing else
  -h, --help            this text

Exit codes: 0 success, 1 invalid input, 2 usage error, 3 rendering or printing failed.`;

const KNOWN_FLAGS = new Set(['data', 'out', 'texts', 'config', 'audience', 'report', 'date', 'allow-unverified', 'json', 'force', 'help', 'h', '_']);
const NOT_YET = new Set(['pack', 'watch', 'edition', 'editions', 'diff', 'verify']);

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);

function parseOptions(argv: ReturnType<typeof minimist>): RunOptions {
  for (const key of Object.keys(argv)) {
    if (!KNOWN_FLAGS.has(key)) throw new UsageError(`unknown option --${key}`);
  }
  for (const key of ['data', 'out', 'date', 'config']) {
    if (key in argv && (typeof argv[key] !== 'string' || argv[key] === '')) throw new UsageError(`--${key} needs a value`);
  }
  const date = argv.date as string | undefined;
  // Date.parse accepts 2021-02-31 (as 3 March): a date must also survive the round trip.
  if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date)) {
    throw new UsageError(`--date ${date}: not a calendar date; write it as YYYY-MM-DD`);
  }
  if (typeof argv.out === 'string' && existsSync(argv.out) && !statSync(argv.out).isDirectory()) throw new UsageError(`--out ${argv.out} is a file; name a folder`);
  const defaults = defaultOptions();
  // defaults < brief.config.yaml < flags
  const file = readConfigFile((argv.config as string | undefined) ?? CONFIG_FILE, argv.config !== undefined);
  return {
    ...defaults,
    dataDir: (argv.data as string | undefined) ?? file?.data ?? defaults.dataDir,
    outDir: (argv.out as string | undefined) ?? file?.out ?? defaults.outDir,
    templatesDir: file?.templates ?? defaults.templatesDir,
    stylesDir: file?.styles ?? defaults.stylesDir,
    textDirs: [...list(argv.texts), ...(file?.texts ?? []), ...defaults.textDirs],
    audiences: list(argv.audience),
    reports: list(argv.report),
    allowUnverified: Boolean(argv['allow-unverified']),
    editionDate: date ?? defaults.editionDate,
  };
}

const toJson = (d: Diagnostic) => ({ file: d.file, line: d.line, column: d.column, code: d.code, message: d.message, hint: d.hint });

async function main(args: string[]): Promise<number> {
  const argv = minimist(args, { string: ['data', 'out', 'texts', 'config', 'audience', 'report', 'date'], boolean: ['json', 'allow-unverified', 'force', 'help'], alias: { h: 'help' } });
  const json = Boolean(argv.json);
  const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  const progress = (message: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
  };
  const printDiagnostics = (diagnostics: readonly Diagnostic[]) => diagnostics.forEach((d) => err(`${formatDiagnostic(d)}\n`));
  const command = argv._[0] as string | undefined;

  try {
    if (argv.help || command === undefined || command === 'help') {
      (command === undefined && !argv.help ? err : (t: string) => process.stdout.write(`${t}\n`))(USAGE);
      return command === undefined && !argv.help ? ExitCode.usage : ExitCode.ok;
    }
    if (NOT_YET.has(command)) throw new UsageError(`"brief ${command}" is not yet implemented`);
    const options = parseOptions(argv);

    if (command === 'check') {
      const result = await checkCorpus(options);
      if (json) {
        out({
          ok: result.ok,
          errors: result.errors.map(toJson),
          warnings: result.warnings.map(toJson),
          claims: result.model ? [...result.model.claims.values()].map((c) => ({ id: c.id, source: c.source, anchor: result.anchoring?.anchors.get(c.id) ?? { status: 'unchecked' } })) : [],
        });
      } else {
        printDiagnostics([...result.errors, ...result.warnings]);
        const claims = result.model?.claims.size ?? 0;
        const byStatus = new Map<string, number>();
        for (const a of result.anchoring?.anchors.values() ?? []) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
        const statuses = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
        err(result.ok
          ? `ok: ${claims} claims in ${result.model?.sources.size ?? 0} sources${statuses ? ` (${statuses})` : ''}, ${result.warnings.length} warning(s)`
          : `${result.errors.length} error(s), ${result.warnings.length} warning(s)`);
      }
      return result.ok ? ExitCode.ok : ExitCode.invalidInput;
    }

    if (command === 'build') {
      const result = await buildDocuments(options, progress);
      progress('');
      if (json) out({ documents: result.documents, warnings: result.warnings.map(toJson) });
      else {
        printDiagnostics(result.warnings);
        for (const d of result.documents) err(`${displayPath(d.pdf)}  (${d.pages} page${d.pages === 1 ? '' : 's'})`);
        err(`built ${result.documents.length} document(s) into ${options.outDir}/`);
      }
      return ExitCode.ok;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    progress('');
    if (error instanceof InputError) {
      if (json) out({ ok: false, errors: error.diagnostics.map(toJson), warnings: error.warnings.map(toJson) });
      else {
        printDiagnostics([...error.diagnostics, ...error.warnings]);
        err(`${error.diagnostics.length} problem(s); nothing was written.`);
      }
      return ExitCode.invalidInput;
    }
    if (error instanceof UsageError) {
      if (json) out({ ok: false, error: error.message });
      err(`brief: ${error.message}\n\n${USAGE}`);
      return ExitCode.usage;
    }
    if (error instanceof RenderError) {
      if (json) out({ ok: false, error: error.message, hint: error.hint ?? null });
      err(`brief: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`);
      return ExitCode.renderFailed;
    }
    // Our bug, not the user's: show everything.
    if (json) out({ ok: false, error: String(error) });
    err(`brief: internal error, please report it with the lines below.\n${(error as Error).stack ?? String(error)}`);
    return ExitCode.renderFailed;
  }
}

process.exitCode = await main(process.argv.slice(2));
