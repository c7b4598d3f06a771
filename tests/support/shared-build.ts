// Test support: builds made once per test run, for every end-to-end file that needs them. They
// start as the run begins (global-browser.ts); a file that asks waits for its build to be done.
// Files used to make their own: the sample's documents were printed again in four files, and the
// mini corpus built first in many.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import type { Diagnostic } from '../../pipeline/core/diagnostics.ts';
import type { BuiltDocument } from '../../pipeline/run/build.ts';
import { until } from './until.ts';

/** What `brief build --json` said of a build, and where it was made. */
export interface SharedBuild {
  readonly data: string;
  readonly out: string;
  readonly documents: readonly Pick<
    BuiltDocument,
    'report' | 'title' | 'kind' | 'audience' | 'html' | 'pdf' | 'pages'
  >[];
  readonly warnings: readonly Diagnostic[];
}

async function shared(name: string): Promise<SharedBuild> {
  const root = inject('sharedBuilds');
  if (!root) throw new Error('no shared builds: run the end-to-end project through vitest.config.ts');
  const done = path.join(root, name, 'build.json');
  const failed = path.join(root, name, 'failed.txt');
  // A bound against a hang only: the sample takes a minute or more on a loaded machine.
  await until(`the run's build of the ${name} corpus`, () => existsSync(done) || existsSync(failed), 280_000, 100);
  if (existsSync(failed)) throw new Error(await readFile(failed, 'utf8'));
  return JSON.parse(await readFile(done, 'utf8')) as SharedBuild;
}

/** Every document of the sample corpus (data/), for every audience, dated 2024-01-15. Read it; never write into its out/. */
export const sharedSample = (): Promise<SharedBuild> => shared('sample');

/** The mini corpus as `brief build --date 2024-01-15` leaves it. Copy it (corpus.ts, builtCorpus) to change it. */
export const sharedMini = (): Promise<SharedBuild> => shared('mini');
