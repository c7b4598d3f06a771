// Test support: small corpora as real files in a temporary folder, built from the mini corpus (the specimen brief ships).
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath } from '../../pipeline/core/paths.ts';

/** The small corpus brief ships to render every template against (pipeline/render/specimen), and the tests' fixture. */
export const MINI = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'pipeline',
  'render',
  'specimen',
);

export interface TempCorpus {
  readonly root: string;
  readonly data: string;
  readonly out: string;
  /** Path of a data file as diagnostics show it (relative to the working directory). */
  rel(file: string): string;
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

/** A copy of the mini fixture in a temp folder; `changes` overwrite (or, when null, delete) files. */
export async function tempCorpus(changes: Record<string, string | null> = {}): Promise<TempCorpus> {
  const root = await mkdtemp(path.join(tmpdir(), 'brief-test-'));
  const data = path.join(root, 'data');
  await cp(MINI, data, { recursive: true });
  const corpus: TempCorpus = {
    root,
    data,
    out: path.join(root, 'out'),
    rel: (file) => displayPath(path.join(data, file)),
    async write(file, text) {
      await mkdir(path.dirname(path.join(data, file)), { recursive: true });
      await writeFile(path.join(data, file), text);
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) await rm(path.join(data, file), { force: true });
    else await corpus.write(file, text);
  }
  return corpus;
}

/**
 * A copy of the mini corpus with out/ as `brief build --date 2024-01-15` left it (built once for
 * the whole run, shared-build.ts), for tests about what a later run does to a built out/. The
 * copy keeps the files' times, as a corpus built in place has them.
 */
export async function builtCorpus(): Promise<TempCorpus> {
  // Imported here: the unit tests use this module too, and never print.
  const from = await (await import('./shared-build.ts')).sharedMini();
  const corpus = await tempCorpus();
  await rm(corpus.data, { recursive: true, force: true });
  await cp(from.data, corpus.data, { recursive: true, preserveTimestamps: true });
  await cp(from.out, corpus.out, { recursive: true, preserveTimestamps: true });
  return corpus;
}

/** Temp corpora made by one test file, all removed by `removeAll` (call it in afterAll). */
export function corpora(): {
  make(changes?: Record<string, string | null>): Promise<TempCorpus>;
  /** As builtCorpus. */
  built(): Promise<TempCorpus>;
  removeAll(): Promise<void>;
} {
  const made: TempCorpus[] = [];
  return {
    async make(changes = {}) {
      const c = await tempCorpus(changes);
      made.push(c);
      return c;
    },
    async built() {
      const c = await builtCorpus();
      made.push(c);
      return c;
    },
    removeAll: async () => {
      await Promise.all(made.map((c) => c.remove()));
    },
  };
}

/**
 * The sample corpus copied as a corpus is: its data folder, and its audiences' own templates and
 * styles beside it (they live in brief's folders, which are the sample's corpus layer at the root).
 */
export async function copySample(root: string, data = path.join(root, 'data')): Promise<void> {
  const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  await cp(path.join(project, 'data'), data, { recursive: true });
  await cp(path.join(project, 'templates', 'audiences'), path.join(path.dirname(data), 'templates', 'audiences'), {
    recursive: true,
  });
  await cp(path.join(project, 'styles', 'audiences'), path.join(path.dirname(data), 'styles', 'audiences'), {
    recursive: true,
  });
}
