// config: the options of a run, defaults first, then the environment, then command-line flags.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder: templates and styles ship with it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunOptions {
  readonly dataDir: string;
  readonly outDir: string;
  /** Extra folders to find source texts in (after data/sources/text). */
  readonly textDirs: readonly string[];
  readonly templatesDir: string;
  readonly stylesDir: string;
  /** Only these audiences / reports (empty: all). */
  readonly audiences: readonly string[];
  readonly reports: readonly string[];
  readonly allowUnverified: boolean;
  /** The date documents carry, YYYY-MM-DD. */
  readonly editionDate: string;
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function defaultOptions(env: NodeJS.ProcessEnv = process.env): RunOptions {
  return {
    dataDir: 'data',
    outDir: 'out',
    textDirs: (env.BRIEF_TEXTS ?? '').split(path.delimiter).filter(Boolean),
    templatesDir: path.join(PROJECT_ROOT, 'templates'),
    stylesDir: path.join(PROJECT_ROOT, 'styles'),
    audiences: [],
    reports: [],
    allowUnverified: false,
    editionDate: todayUtc(),
  };
}
