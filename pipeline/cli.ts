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
import type { CommandMain } from './run/command.ts';
import { SERVICE_FLAGS } from './run/service-flag-names.ts';
import { CAPTURE_FLAGS } from './commands/capture-flags.ts';
import { stopWithLauncher } from './run/interrupt.ts';

interface Flag {
  readonly type: 'string' | 'boolean' | 'list';
  readonly value?: string;
  readonly short?: string;
  readonly help: string;
}

/** Every flag, once. A list flag may be repeated or comma-separated. */
const FLAGS = {
  data: { type: 'string', value: 'DIR', help: 'the corpus folder (default: data)' },
  out: { type: 'string', value: 'DIR', short: 'o', help: 'where outputs go (default: out)' },
  texts: { type: 'list', value: 'DIR', help: 'another folder to find source texts in (repeatable; also $BRIEF_TEXTS)' },
  config: { type: 'string', value: 'FILE', help: 'project settings (default: brief.config.yaml, if present)' },
  audience: { type: 'list', value: 'a,b', help: 'only these audiences (pack: the one audience)' },
  pack: { type: 'string', value: 'ID', help: 'the pack defined in data/packs/<ID>.yaml' },
  report: { type: 'list', value: 'id,…', help: 'only these reports' },
  date: { type: 'string', value: 'YYYY-MM-DD', help: 'the edition date documents carry (default: today for what is redone)' },
  'allow-unverified': { type: 'boolean', help: 'cite claims whose quotes are not verified, visibly marked' },
  force: { type: 'boolean', help: 'redo every document, whatever the fingerprints say' },
  html: { type: 'boolean', help: 'write HTML only: no browser, no PDF' },
  rebuild: { type: 'boolean', help: 'also build the edition again from its snapshot and compare the PDFs byte for byte' },
  ...CAPTURE_FLAGS,
  json: { type: 'boolean', help: 'print one JSON document on standard output, nothing else' },
  quiet: { type: 'boolean', short: 'q', help: 'print problems only, not what was done' },
  verbose: { type: 'boolean', help: 'also print each document kept, and how long each stage took' },
  ...SERVICE_FLAGS,
  help: { type: 'boolean', short: 'h', help: 'this text' },
  version: { type: 'boolean', short: 'v', help: 'the version of brief' },
} as const satisfies Record<string, Flag>;
type FlagName = keyof typeof FLAGS;

/** Read from where brief runs, unless --config names another. */
const CONFIG_FILE = 'brief.config.yaml';

const COMMON: FlagName[] = ['data', 'out', 'texts', 'config', 'json', 'quiet', 'verbose', 'help'];

interface Command {
  readonly summary: string;
  readonly args?: string;
  readonly flags: readonly FlagName[];
  readonly examples: readonly string[];
  readonly load: () => Promise<{ main: CommandMain }>;
}

const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'start a corpus of your own in DIR (default: here): a config, a source with its text, two claims, an audience and a policy brief that builds at once',
    args: '[DIR]',
    flags: [],
    examples: ['brief init my-corpus && cd my-corpus && brief build'],
    load: () => import('./run/init.ts'),
  },
  build: {
    summary: 'build every report for every audience it names (HTML and PDF) into out/, redoing only what changed',
    flags: ['audience', 'report', 'date', 'allow-unverified', 'force', 'html'],
    examples: ['brief build', 'brief build --report tr-az-convergence --audience analyst --date 2026-02-01'],
    load: () => import('./run/build.ts'),
  },
  check: {
    summary: 'load, validate and anchor the whole corpus, and check the evidence lock against the texts at hand; writes nothing',
    flags: [],
    examples: ['brief check', 'brief check --texts ../texts --json'],
    load: () => import('./run/check.ts'),
  },
  capture: {
    summary: 'a PDF, a saved web page, a DOCX, Markdown or text → a source: its text in data/sources/text/ and its metadata in data/sources/<id>.md',
    args: 'FILE…', flags: ['id', 'perspective', 'reliability', 'distribution', 'csl'],
    examples: ['brief capture ~/Downloads/report.pdf --perspective baku --reliability B', 'brief capture article.html --id smith-2024', 'brief capture *.pdf --csl zotero.json --json'],
    load: () => import('./commands/capture.ts'),
  },
  lock: {
    summary: 'anchor every quote in its source text and write the evidence lock, data/anchors.lock, which verifies quotes where the texts are absent',
    flags: [],
    examples: ['brief lock --texts ../texts', 'BRIEF_TEXTS=../texts brief lock --json'],
    load: () => import('./run/lock.ts'),
  },
  watch: {
    summary: 'build, then rebuild what each saved change affects, until Ctrl-C',
    flags: ['audience', 'report', 'allow-unverified', 'html'],
    examples: ['brief watch', 'brief watch --audience analyst --html'],
    load: () => import('./run/watch.ts'),
  },
  pack: {
    summary: 'one PDF for one audience: a cover, a contents page, then the documents, into out/packs/',
    flags: ['audience', 'pack', 'report', 'date', 'allow-unverified', 'force'],
    examples: ['brief pack --audience executive', 'brief pack --audience analyst --pack weekly --date 2026-02-01', 'brief pack --audience analyst --report tr-az-convergence,chronology'],
    load: () => import('./run/pack.ts'),
  },
  serve: {
    summary: 'an HTTP service: packs on demand (POST /api/packs) and a live preview of every document at http://127.0.0.1:8080/',
    flags: ['host', 'port', 'queue', 'queue-size', 'audience', 'report', 'allow-unverified', 'browser-ws', 'concurrency', 'max-pages', 'restart-after', 'job-timeout'],
    examples: ['brief serve', 'brief serve --port 9000 --queue redis://127.0.0.1:6379', 'BRIEF_TOKEN=secret brief serve --host 0.0.0.0'],
    load: () => import('./run/serve.ts'),
  },
  worker: {
    summary: 'process the pack jobs of a Redis queue (brief serve --queue …), on its own Chromium or on remote browsers',
    flags: ['queue', 'browser-ws', 'concurrency', 'max-pages', 'restart-after', 'job-timeout'],
    examples: ['brief worker --queue redis://127.0.0.1:6379', 'brief worker --queue redis://queue:6379 --browser-ws ws://chrome-1:3000 --browser-ws ws://chrome-2:3000'],
    load: () => import('./run/worker.ts'),
  },
  edition: {
    summary: 'archive a dated edition: every document and a pack per audience, a manifest, a changelog, the corpus it came from',
    flags: ['date', 'audience', 'allow-unverified'],
    examples: ['brief edition', 'brief edition --date 2026-02-01 --audience executive,analyst'],
    load: () => import('./run/edition.ts'),
  },
  editions: {
    summary: 'list the archived editions: id, date, documents, claims, changes',
    flags: [],
    examples: ['brief editions', 'brief editions --json'],
    load: () => import('./run/editions.ts'),
  },
  diff: {
    summary: 'the changes between two editions, or between an edition and the corpus now: claims, judgments, events, sources, numbers',
    args: 'EDITION [EDITION]',
    flags: ['date'],
    examples: ['brief diff 2026-02-01 2026-03-01', 'brief diff 2026-02-01', 'brief diff 2026-02-01 2026-02-01.2 --json'],
    load: () => import('./run/diff.ts'),
  },
  verify: {
    summary: 'check archived editions against their manifests and the chain of manifests; --rebuild also rebuilds one from its snapshot',
    args: '[EDITION]',
    flags: ['rebuild'],
    examples: ['brief verify', 'brief verify 2026-02-01 --rebuild'],
    load: () => import('./run/verify.ts'),
  },
};

const flagLine = (name: FlagName) => {
  const f: Flag = FLAGS[name];
  const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.value ? ` ${f.value}` : ''}`;
  return `  ${left.padEnd(30)}${f.help}`;
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return [
    'Usage: brief <command> [options]', '',
    'Commands:', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)} ${c.summary}`), '',
    'Options for every command:', ...COMMON.map(flagLine), '',
    'Run brief <command> --help for its own options and examples.',
    'Exit codes: 0 success, 1 invalid input, 2 usage error, 3 rendering or printing failed.',
  ].join('\n');
}

function commandUsage(name: string, command: Command): string {
  return [
    `Usage: brief ${name}${command.args ? ` ${command.args}` : ''} [options]`, '', command.summary, '',
    'Options:', ...[...command.flags, ...COMMON].map(flagLine),
    ...(command.examples.length ? ['', 'Examples:', ...command.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Parses argv for one command: unknown options get the nearest known one as a hint. */
const argOptions = () => Object.fromEntries(Object.entries(FLAGS).map(([name, f]) => [name, {
  type: f.type === 'boolean' ? 'boolean' as const : 'string' as const,
  multiple: f.type === 'list',
  ...('short' in f ? { short: f.short } : {}),
}]));

function parseFlags(args: string[], allowed: readonly FlagName[]): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: argOptions(), allowPositionals: true, strict: true });
  } catch (err) {
    const m = /Unknown option '(-{1,2})([^']+)'/.exec((err as Error).message);
    if (m) throw new UsageError(`unknown option ${m[1]}${m[2]}. ${didYouMean(m[2]!, allowed, `The options are: ${allowed.map((f) => `--${f}`).join(', ')}`)}`);
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '').replace(/ argument missing$/, ' needs a value'));
  }
  for (const name of Object.keys(parsed.values)) {
    if (!allowed.includes(name as FlagName) && name !== 'version') throw new UsageError(`--${name} is not an option of this command. The options are: ${allowed.map((f) => `--${f}`).join(', ')}`);
    const value = parsed.values[name];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v === '')) throw new UsageError(`--${name} needs a value`);
  }
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

const list = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : (value as string[]).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);

async function resolveRunOptions(values: Record<string, unknown>) {
  const { resolveOptions } = await import('./config/resolve.ts');
  const out = values.out as string | undefined;
  if (out !== undefined && existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file; name a folder`);
  const data = values.data as string | undefined;
  if (data !== undefined && existsSync(data) && !statSync(data).isDirectory()) throw new UsageError(`--data ${data} is a file; name the corpus folder (the one that holds sources/, claims/ and reports/)`);
  const configPath = (values.config as string | undefined) ?? CONFIG_FILE;
  if (existsSync(configPath) && statSync(configPath).isDirectory()) throw new UsageError(`--config ${configPath} is a folder; name the config file (such as ${path.join(configPath, CONFIG_FILE)})`);
  // The config reader brings in the YAML parser and zod: load it only when there is a file to read.
  const file = values.config !== undefined || existsSync(configPath)
    ? (await import('./config/file.ts')).readConfigFile(configPath, values.config !== undefined)
    : undefined;
  const flags: FlagValues = {
    data: values.data as string | undefined, out, texts: list(values.texts), audience: list(values.audience), report: list(values.report),
    date: values.date as string | undefined, allowUnverified: values['allow-unverified'] as boolean | undefined, force: values.force as boolean | undefined,
    html: values.html as boolean | undefined, pack: values.pack as string | undefined, rebuild: values.rebuild as boolean | undefined,
  };
  for (const [name, v] of [['audience', flags.audience], ['report', flags.report]] as const) {
    if (v !== undefined && v.length === 0) throw new UsageError(`--${name} needs a value`);
  }
  const options = resolveOptions({ flags, file, env: process.env });
  // A text folder that does not exist would leave every quote unchecked while check says "ok".
  for (const dir of options.textDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      const from = flags.texts?.includes(dir) ? '--texts' : (process.env.BRIEF_TEXTS ?? '').split(path.delimiter).includes(dir) ? 'BRIEF_TEXTS' : `texts: in ${configPath}`;
      throw new UsageError(`${from} names ${dir}, which is not a folder; give the folder that holds the source texts`);
    }
  }
  return options;
}

export async function main(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const io: Io = processIo(json, args.includes('--quiet') || args.includes('-q') ? 'quiet' : args.includes('--verbose') ? 'verbose' : 'normal');
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
    if (!command) throw new UsageError(`unknown command "${name}". ${didYouMean(name, Object.keys(COMMANDS), `The commands are: ${Object.keys(COMMANDS).join(', ')}`)}`);
    const rest = args.filter((a, i) => i !== args.indexOf(name));
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
      if (json) io.out({ ok: false, errors: error.diagnostics.map(diagnosticJson), warnings: error.warnings.map(diagnosticJson) });
      else {
        printDiagnostics(io, [...error.diagnostics, ...error.warnings]);
        io.err(`${error.diagnostics.length} problem(s); nothing was written.`);
      }
      return ExitCode.invalidInput;
    }
    if (error instanceof UsageError) {
      if (json) io.out({ ok: false, error: error.message });
      io.err(`brief: ${error.message}\n\nRun brief --help for the commands and options.`);
      return ExitCode.usage;
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
    const reason = fsError?.code === 'ENOENT' && fsError.syscall === 'mkdir' ? 'the file system does not allow a folder there' : typeof fsError?.code === 'string' ? FS_REASONS[fsError.code] : undefined;
    // A write to an open file (a full disk) names no path: the outputs are what was being written.
    if (reason && (fsError.path || fsError.syscall)) {
      const what = fsError.path ? displayPath(fsError.path) || fsError.path : 'the outputs';
      const message = `cannot ${fsError.syscall === 'mkdir' ? 'create' : fsError.syscall === 'open' ? 'open' : 'write'} ${what}: ${reason}`;
      if (json) io.out({ ok: false, error: message });
      io.err(`brief: ${message}\n  hint: check the folder given with --out (or out: in brief.config.yaml) and the disk; outputs already there were not touched`);
      return ExitCode.renderFailed;
    }
    // Our bug, not the user's: show everything.
    if (json) io.out({ ok: false, error: String(error) });
    io.err(`brief: internal error, please report it with the lines below.\n${(error as Error).stack ?? String(error)}`);
    return ExitCode.renderFailed;
  }
}

process.exitCode = await main(process.argv.slice(2));
