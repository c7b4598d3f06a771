// Test support: builds made once per test run and read by every end-to-end file that needs them.
// The first file to ask makes one, under a lock, in the run's folder (global-browser.ts); the
// others wait for the lock and read what it left. Files used to make their own: the sample's
// documents printed again in four files, the mini corpus built first in many.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';
import { inject } from 'vitest';
import type { Diagnostic } from '../../pipeline/core/diagnostics.ts';
import type { BuiltDocument } from '../../pipeline/run/build.ts';
import { build } from './build.ts';
import { MINI } from './corpus.ts';
import { optionsFor, sharedBrowser } from './options.ts';

/** What a build returned, as later files read it: its documents (without their HTML in memory) and warnings. */
export interface SharedBuild {
  readonly data: string;
  readonly out: string;
  readonly documents: readonly Omit<BuiltDocument, 'rendering'>[];
  readonly warnings: readonly Diagnostic[];
}

/** The build named `name`, made by `make` into `dir` by whichever file asks first. */
async function shared(name: string, make: (dir: string) => Promise<SharedBuild>): Promise<SharedBuild> {
  const root = inject('sharedBuilds');
  if (!root) throw new Error('no folder for shared builds: run the end-to-end project through vitest.config.ts');
  const dir = path.join(root, name);
  const done = path.join(dir, 'build.json');
  await mkdir(dir, { recursive: true });
  const release = await lockfile.lock(dir, {
    realpath: false,
    // A build of the sample takes a minute or more on a loaded machine: wait as long as the hang guard.
    retries: { retries: 1000, minTimeout: 100, maxTimeout: 300 },
    stale: 30_000,
  });
  try {
    if (!existsSync(done)) await writeFile(done, JSON.stringify(await make(dir)));
  } finally {
    await release();
  }
  return JSON.parse(await readFile(done, 'utf8')) as SharedBuild;
}

/**
 * Every document of the sample corpus (data/), for every audience, dated 2024-01-15, as a build in
 * the test's process makes it. Read it; never write into its out/, which other files read too.
 */
export const sharedSample = (): Promise<SharedBuild> =>
  shared('sample', async (dir) => {
    const out = path.join(dir, 'out');
    const result = await build(optionsFor(path.resolve('data'), out));
    return {
      data: path.resolve('data'),
      out,
      documents: result.documents.map(({ rendering: _, ...d }) => d),
      warnings: result.warnings,
    };
  });

/** The mini corpus as `brief build --date 2024-01-15` leaves it (the CLI, on the suite's browser). Copy it to change it. */
export const sharedMini = (): Promise<SharedBuild> =>
  shared('mini', async (dir) => {
    const data = path.join(dir, 'data');
    const out = path.join(dir, 'out');
    await cp(MINI, data, { recursive: true });
    await promisify(execFile)(
      process.execPath,
      [path.resolve('bin/brief.js'), 'build', '--data', data, '--out', out, '--date', '2024-01-15'],
      { env: { ...process.env, BRIEF_BROWSER_WS: sharedBrowser() ?? '' } },
    );
    return { data, out, documents: [], warnings: [] };
  });
