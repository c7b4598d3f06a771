// config: the one place option precedence is decided: defaults < brief.config.yaml < environment < flags.
import path from 'node:path';
import { UsageError } from '../core/diagnostics.ts';
import type { ConfigValues } from './file.ts';
import { defaultOptions, type BrowserOptions, type RunOptions, type SigningOptions } from './options.ts';

/** What the command line said, already split into values (lists are comma-separated or repeated). */
export interface FlagValues {
  readonly data?: string;
  readonly out?: string;
  readonly texts?: readonly string[];
  readonly audience?: readonly string[];
  readonly report?: readonly string[];
  readonly date?: string;
  readonly allowUnverified?: boolean;
  readonly force?: boolean;
  readonly html?: boolean;
  readonly pack?: string;
  readonly rebuild?: boolean;
  readonly archive?: string;
  readonly backdate?: boolean;
}

export interface ResolveInput {
  readonly flags: FlagValues;
  /** brief.config.yaml, its paths already made absolute; undefined when there is none. */
  readonly file: ConfigValues | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: Date;
  /** Whether the process runs as root (Chromium then needs --no-sandbox). */
  readonly root?: boolean;
}

/** Date.parse accepts 2021-02-31 (as 3 March): a date must also survive the round trip. */
function checkDate(date: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(date)) ||
    new Date(date).toISOString().slice(0, 10) !== date
  ) {
    throw new UsageError(`--date ${date}: not a calendar date; write it as YYYY-MM-DD`);
  }
  return date;
}

function browserFrom(env: NodeJS.ProcessEnv, root: boolean): BrowserOptions {
  const named = env.BRIEF_CHROME
    ? { path: env.BRIEF_CHROME, from: 'BRIEF_CHROME' as const }
    : env.PUPPETEER_EXECUTABLE_PATH
      ? { path: env.PUPPETEER_EXECUTABLE_PATH, from: 'PUPPETEER_EXECUTABLE_PATH' as const }
      : undefined;
  return {
    executable: named,
    noSandbox: root || env.BRIEF_NO_SANDBOX === '1',
    endpoint: env.BRIEF_BROWSER_WS || undefined,
  };
}

/** BRIEF_SIGNING_KEY (with BRIEF_SIGNING_PASSWORD, BRIEF_SIGNING_TSA) over the config's `signing:`. */
function signingFrom(env: NodeJS.ProcessEnv, file: ConfigValues | undefined): SigningOptions | undefined {
  const c = file?.signing;
  const tsa = env.BRIEF_SIGNING_TSA || c?.tsa;
  if (env.BRIEF_SIGNING_KEY)
    return {
      key: path.resolve(env.BRIEF_SIGNING_KEY),
      from: 'BRIEF_SIGNING_KEY',
      at: undefined,
      passwordEnv: 'BRIEF_SIGNING_PASSWORD',
      tsa,
    };
  if (!c) return undefined;
  return {
    key: c.key,
    from: 'brief.config.yaml',
    at: c.at,
    passwordEnv: c.password_env ?? 'BRIEF_SIGNING_PASSWORD',
    tsa,
  };
}

/**
 * Scalars: the flag if given, else the environment, else the file, else the default.
 * Text folders are searched in that order too: flags first, then BRIEF_TEXTS, then the file's.
 */
export function resolveOptions({
  flags,
  file,
  env,
  now = new Date(),
  root = process.getuid?.() === 0,
}: ResolveInput): RunOptions {
  const defaults = defaultOptions(now);
  const envTexts = (env.BRIEF_TEXTS ?? '').split(path.delimiter).filter(Boolean);
  const date = flags.date === undefined ? undefined : checkDate(flags.date);
  const dataDir = flags.data ?? env.BRIEF_DATA ?? file?.data ?? defaults.dataDir;
  // A corpus's own templates and styles sit beside its data folder unless the config names them.
  const beside = (name: string) => path.join(path.dirname(path.resolve(dataDir)), name);
  return {
    ...defaults,
    dataDir,
    outDir: flags.out ?? env.BRIEF_OUT ?? file?.out ?? defaults.outDir,
    corpusTemplatesDir: file?.templates ?? beside('templates'),
    corpusStylesDir: file?.styles ?? beside('styles'),
    textDirs: [...(flags.texts ?? []), ...envTexts, ...(file?.texts ?? [])],
    audiences: flags.audience ?? [],
    reports: flags.report ?? [],
    defaultAudiences: file?.audiences,
    allowUnverified: flags.allowUnverified ?? false,
    editionDate: date ?? defaults.editionDate,
    editionDateGiven: date !== undefined,
    force: flags.force ?? false,
    htmlOnly: flags.html ?? false,
    pack: flags.pack,
    archiveDir: flags.archive ?? file?.archive,
    backdate: flags.backdate ?? false,
    rebuild: flags.rebuild ?? false,
    browser: browserFrom(env, root),
    signing: signingFrom(env, file),
  };
}
