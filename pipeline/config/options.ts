// config: the options of a run (RunOptions) and where the tool itself lives. resolve.ts fills them in.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourcePos } from '../core/diagnostics.ts';
import type { DefaultAudiences } from './file.ts';

/**
 * The project folder, where templates, styles and package.json ship. Found by walking up from
 * this module, because it runs both from pipeline/config/ (TypeScript) and from the compiled
 * bundle in dist/, which sit at different depths.
 */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"brief-desk"/.test(readFileSync(pkg, 'utf8'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`brief's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
})();

/** Which browser prints, as the environment names it, and how it is started. */
export interface BrowserOptions {
  /** An executable named by BRIEF_CHROME or PUPPETEER_EXECUTABLE_PATH, if any. */
  readonly executable:
    | { readonly path: string; readonly from: 'BRIEF_CHROME' | 'PUPPETEER_EXECUTABLE_PATH' }
    | undefined;
  /** Start Chromium without its sandbox (always as root, where it refuses to start otherwise). */
  readonly noSandbox: boolean;
  /** Connect to a browser already running at this DevTools WebSocket instead of starting one. */
  readonly endpoint: string | undefined;
}

/** The PKCS#12 file editions are signed with (BRIEF_SIGNING_KEY or the config's `signing:`). */
export interface SigningOptions {
  /** Absolute path of the .p12 / .pfx file. */
  readonly key: string;
  readonly from: 'BRIEF_SIGNING_KEY' | 'brief.config.yaml';
  /** Where the config writes `signing.key` (errors point there); undefined when the environment names the key. */
  readonly at: SourcePos | undefined;
  /** The environment variable holding its password (BRIEF_SIGNING_PASSWORD unless the config names another). */
  readonly passwordEnv: string;
  /** An RFC 3161 timestamp authority's URL (PAdES B-T); undefined: B-B. */
  readonly tsa: string | undefined;
}

export interface RunOptions {
  readonly dataDir: string;
  readonly outDir: string;
  /** Extra folders to find source texts in (after data/sources/text). */
  readonly textDirs: readonly string[];
  /** brief's built-in templates and styles (the tool's own folders; an edition's snapshot when rebuilt). */
  readonly templatesDir: string;
  readonly stylesDir: string;
  /**
   * The corpus's own templates and styles, laid over the built-ins file by file (config/layers.ts):
   * the folders the config names, else templates/ and styles/ beside the data folder; undefined: none.
   */
  readonly corpusTemplatesDir: string | undefined;
  readonly corpusStylesDir: string | undefined;
  /** Only these audiences / reports (empty: all). */
  readonly audiences: readonly string[];
  readonly reports: readonly string[];
  /** brief.config.yaml's `audiences`: where a report that names none goes (undefined: every audience). */
  readonly defaultAudiences: DefaultAudiences | undefined;
  readonly allowUnverified: boolean;
  /** The date documents carry, YYYY-MM-DD. */
  readonly editionDate: string;
  /** True when the date was asked for (--date); otherwise it is today's and unchanged documents keep theirs. */
  readonly editionDateGiven: boolean;
  /** Redo every output, whatever the fingerprints say. */
  readonly force: boolean;
  /** Write HTML only: no browser, no PDF. */
  readonly htmlOnly: boolean;
  /** `brief verify --rebuild`: also rebuild the edition from its snapshot and compare its PDFs. */
  readonly rebuild: boolean;
  /** Where `brief edition` archives editions; undefined: editions/ beside the data folder. */
  readonly archiveDir: string | undefined;
  /** `brief edition --backdate`: archive an edition dated before the latest one. */
  readonly backdate: boolean;
  /** The archived edition these outputs belong to (`brief edition`): printed in every footer and in the PDF's metadata. */
  readonly editionId: string | undefined;
  /** `brief pack`: the pack defined in data/packs/<id>.yaml. */
  readonly pack: string | undefined;
  readonly browser: BrowserOptions;
  /** Sign edition PDFs and packs (PAdES), when a key is configured. */
  readonly signing: SigningOptions | undefined;
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function defaultOptions(now = new Date()): RunOptions {
  return {
    dataDir: 'data',
    outDir: 'out',
    textDirs: [],
    templatesDir: path.join(PROJECT_ROOT, 'templates'),
    stylesDir: path.join(PROJECT_ROOT, 'styles'),
    corpusTemplatesDir: undefined,
    corpusStylesDir: undefined,
    audiences: [],
    reports: [],
    defaultAudiences: undefined,
    allowUnverified: false,
    editionDate: todayUtc(now),
    editionDateGiven: false,
    force: false,
    htmlOnly: false,
    pack: undefined,
    editionId: undefined,
    archiveDir: undefined,
    backdate: false,
    rebuild: false,
    browser: { executable: undefined, noSandbox: process.getuid?.() === 0, endpoint: undefined },
    signing: undefined,
  };
}
