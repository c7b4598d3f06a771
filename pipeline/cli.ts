// cli: argv → options → the command's main → exit code. A table of commands, each loaded only when
// called, each flag declared once; the CLI parses and reports errors, the commands do the work.
import { displayPath } from './core/paths.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from './config/options.ts';
import type { FlagValues } from './config/resolve.ts';
import { ExitCode, InputError, RenderError, UsageError } from './core/diagnostics.ts';
import { diagnosticJson, FS_REASONS, printDiagnostics, processIo, type Io } from './core/output.ts';
import { didYouMean } from './core/suggest.ts';
import { COMMANDS, COMMON, FLAGS, type Command, type Flag, type FlagName } from './commands/index.ts';
import { stoppedWithLauncher, stopWithLauncher } from './run/interrupt.ts';
import { plural } from './core/plural.ts';

/** Read from where brief runs, unless --config names another. */
const CONFIG_FILE = 'brief.config.yaml';

const flagLine = (name: FlagName) => {
  const f: Flag = FLAGS[name];
  const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.value ? ` ${f.value}` : ''}`;
  return `  ${left.padEnd(30)}${f.help}`;
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return [
    'Usage: brief <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)} ${c.summary}`),
    '',
    'Options for every command:',
    ...COMMON.map(flagLine),
    '',
    'Run brief <command> --help for its own options and examples.',
    'Exit codes: 0 success, 1 invalid input, 2 usage error, 3 rendering or printing failed.',
  ].join('\n');
}

function commandUsage(name: string, command: Command): string {
  return [
    `Usage: brief ${name}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    command.summary,
    '',
    'Options:',
    ...[...command.flags, ...COMMON].map(flagLine),
    ...(command.examples.length ? ['', 'Examples:', ...command.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Parses argv for one command: unknown options get the nearest known one as a hint. */
const argOptions = () =>
  Object.fromEntries(
    Object.entries(FLAGS).map(([name, f]) => [
      name,
      {
        type: f.type === 'boolean' ? ('boolean' as const) : ('string' as const),
        multiple: f.type === 'list',
        ...('short' in f ? { short: f.short } : {}),
      },
    ]),
  );

function parseFlags(
  args: string[],
  allowed: readonly FlagName[],
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: argOptions(), allowPositionals: true, strict: true });
  } catch (err) {
    const m = /Unknown option '(-{1,2})([^']+)'/.exec((err as Error).message);
    if (m)
      throw new UsageError(
        `unknown option ${m[1]}${m[2]}. ${didYouMean(m[2]!, allowed, `The options are: ${allowed.map((f) => `--${f}`).join(', ')}`)}`,
      );
    throw new UsageError(
      (err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '').replace(/ argument missing$/, ' needs a value'),
    );
  }
  for (const name of Object.keys(parsed.values)) {
    if (!allowed.includes(name as FlagName) && name !== 'version')
      throw new UsageError(
        `--${name} is not an option of this command. The options are: ${allowed.map((f) => `--${f}`).join(', ')}`,
      );
    const value = parsed.values[name];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v === '')) throw new UsageError(`--${name} needs a value`);
  }
  return {
    values: parsed.values as Record<string, string | boolean | string[] | undefined>,
    positionals: parsed.positionals,
  };
}

const list = (value: unknown): string[] | undefined =>
  value === undefined
    ? undefined
    : (value as string[])
        .flatMap((v) => v.split(','))
        .map((s) => s.trim())
        .filter(Boolean);

async function resolveRunOptions(values: Record<string, unknown>) {
  const { resolveOptions } = await import('./config/resolve.ts');
  const out = values.out as string | undefined;
  if (out !== undefined && existsSync(out) && !statSync(out).isDirectory())
    throw new UsageError(`--out ${out} is a file; name a folder`);
  const data = values.data as string | undefined;
  if (data !== undefined && existsSync(data) && !statSync(data).isDirectory())
    throw new UsageError(
      `--data ${data} is a file; name the corpus folder (the one that holds sources/, claims/ and reports/)`,
    );
  const configPath = (values.config as string | undefined) ?? CONFIG_FILE;
  if (existsSync(configPath) && statSync(configPath).isDirectory())
    throw new UsageError(
      `--config ${configPath} is a folder; name the config file (such as ${path.join(configPath, CONFIG_FILE)})`,
    );
  // The config reader brings in the YAML parser and zod: load it only when there is a file to read.
  const file =
    values.config !== undefined || existsSync(configPath)
      ? (await import('./config/file.ts')).readConfigFile(configPath, values.config !== undefined)
      : undefined;
  const flags: FlagValues = {
    data: values.data as string | undefined,
    out,
    texts: list(values.texts),
    audience: list(values.audience),
    report: list(values.report),
    date: values.date as string | undefined,
    allowUnverified: values['allow-unverified'] as boolean | undefined,
    force: values.force as boolean | undefined,
    html: values.html as boolean | undefined,
    pack: values.pack as string | undefined,
    rebuild: values.rebuild as boolean | undefined,
    archive: values.archive as string | undefined,
    backdate: values.backdate as boolean | undefined,
  };
  for (const [name, v] of [
    ['audience', flags.audience],
    ['report', flags.report],
  ] as const) {
    if (v !== undefined && v.length === 0) throw new UsageError(`--${name} needs a value`);
  }
  const options = resolveOptions({ flags, file, env: process.env });
  // A text folder that does not exist would leave every quote unchecked while check says "ok".
  for (const dir of options.textDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      const from = flags.texts?.includes(dir)
        ? '--texts'
        : (process.env.BRIEF_TEXTS ?? '').split(path.delimiter).includes(dir)
          ? 'BRIEF_TEXTS'
          : `texts: in ${configPath}`;
      throw new UsageError(`${from} names ${dir}, which is not a folder; give the folder that holds the source texts`);
    }
  }
  return options;
}

export async function main(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const io: Io = processIo(
    json,
    args.includes('--quiet') || args.includes('-q') ? 'quiet' : args.includes('--verbose') ? 'verbose' : 'normal',
  );
  try {
    const name = parseArgs({ args, options: argOptions(), strict: false, allowPositionals: true }).positionals[0];
    if (args.includes('--version') || args.includes('-v')) {
      process.stdout.write(`${version()}\n`);
      return ExitCode.ok;
    }
    if (name === undefined || name === 'help') {
      const asked = name === 'help' || args.includes('--help') || args.includes('-h');
      (asked ? (t: string) => process.stdout.write(`${t}\n`) : io.err)(usage());
      return asked ? ExitCode.ok : ExitCode.usage;
    }
    const command = COMMANDS[name];
    if (!command)
      throw new UsageError(
        `unknown command "${name}". ${didYouMean(name, Object.keys(COMMANDS), `The commands are: ${Object.keys(COMMANDS).join(', ')}`)}`,
      );
    const rest = args.filter((_a, i) => i !== args.indexOf(name));
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${commandUsage(name, command)}\n`);
      return ExitCode.ok;
    }
    const { values, positionals } = parseFlags(rest, [...command.flags, ...COMMON]);
    stopWithLauncher();
    const [options, module] = await Promise.all([resolveRunOptions(values), command.load()]);
    return await module.main({ options, args: positionals, io, flags: values });
  } catch (error) {
    io.progress('');
    if (error instanceof InputError) {
      if (json)
        io.out({
          ok: false,
          errors: error.diagnostics.map(diagnosticJson),
          warnings: error.warnings.map(diagnosticJson),
        });
      else {
        printDiagnostics(io, [...error.diagnostics, ...error.warnings]);
        io.err(`${plural(error.diagnostics.length, 'problem')}; nothing was written.`);
      }
      return ExitCode.invalidInput;
    }
    if (error instanceof UsageError) {
      if (json) io.out({ ok: false, error: error.message });
      io.err(`brief: ${error.message}\n\nRun brief --help for the commands and options.`);
      return ExitCode.usage;
    }
    if (error instanceof RenderError && /browser died/.test(error.message) && (await stoppedWithLauncher())) {
      io.err(
        'brief: stopped: npm, which started brief, was stopped (and its signal ended the browser); outputs already there were not touched',
      );
      return 143;
    }
    if (error instanceof RenderError) {
      if (json) io.out({ ok: false, error: error.message, hint: error.hint ?? null });
      io.err(`brief: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`);
      return ExitCode.renderFailed;
    }
    // The file system said no (a read-only folder, a full disk, a file where a folder should be):
    // the machine's problem, not ours, said plainly; earlier outputs are as they were (staging).
    const fsError = error as NodeJS.ErrnoException;
    // (ENOENT from mkdir: the parent is there, made by core/dirs.ts, yet the file system refused the folder, as /proc does.)
    const reason =
      fsError?.code === 'ENOENT' && fsError.syscall === 'mkdir'
        ? 'the file system does not allow a folder there'
        : typeof fsError?.code === 'string'
          ? FS_REASONS[fsError.code]
          : undefined;
    // A write to an open file (a full disk) names no path: the outputs are what was being written.
    if (reason && (fsError.path || fsError.syscall)) {
      const what = fsError.path ? displayPath(fsError.path) || fsError.path : 'the outputs';
      const message = `cannot ${fsError.syscall === 'mkdir' ? 'create' : fsError.syscall === 'open' ? 'open' : 'write'} ${what}: ${reason}`;
      if (json) io.out({ ok: false, error: message });
      io.err(
        `brief: ${message}\n  hint: check the folder given with --out (or out: in brief.config.yaml) and the disk; outputs already there were not touched`,
      );
      return ExitCode.renderFailed;
    }
    // Our bug, not the user's: show everything.
    if (json) io.out({ ok: false, error: String(error) });
    io.err(`brief: internal error, please report it with the lines below.\n${(error as Error).stack ?? String(error)}`);
    return ExitCode.renderFailed;
  }
}

process.exitCode = await main(process.argv.slice(2));
