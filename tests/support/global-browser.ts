// Test support (vitest globalSetup): one Chromium for the whole suite. Test files and the CLIs
// they spawn connect to it (BRIEF_BROWSER_WS) instead of each starting their own. And the mini
// corpus built once, as `brief build` builds it: tests about what a later run does to a built out/
// copy it (corpus.ts, builtCorpus) instead of each building it first.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { resolveOptions } from '../../pipeline/config/resolve.ts';
import { closeBrowser, launchBrowser, type OpenBrowser } from '../../pipeline/print/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWs: string;
    /** A folder holding data/ (the mini corpus) and out/ (its build dated 2024-01-15), or '' when it could not be built. */
    builtMini: string;
  }
}

let open: OpenBrowser | undefined;
let built: string | undefined;

/** The mini corpus built by the CLI on the shared browser; '' (and the reason on stderr) when it failed. */
async function buildMini(ws: string): Promise<string> {
  built = await mkdtemp(path.join(tmpdir(), 'brief-built-mini-'));
  await cp(path.resolve('pipeline/render/specimen'), path.join(built, 'data'), { recursive: true });
  try {
    await promisify(execFile)(
      process.execPath,
      [
        path.resolve('bin/brief.js'),
        'build',
        '--data',
        path.join(built, 'data'),
        '--out',
        path.join(built, 'out'),
        '--date',
        '2024-01-15',
      ],
      { env: { ...process.env, BRIEF_BROWSER_WS: ws } },
    );
    return built;
  } catch (err) {
    process.stderr.write(`the built mini corpus could not be made: ${(err as { stderr?: string }).stderr ?? err}\n`);
    return '';
  }
}

export async function setup(project: TestProject): Promise<void> {
  const options = resolveOptions({ flags: {}, file: undefined, env: { ...process.env, BRIEF_BROWSER_WS: '' } });
  try {
    open = await launchBrowser(options.browser, { pipe: false });
    project.provide('browserWs', open.browser.wsEndpoint());
  } catch {
    // No browser here: unit tests still run; tests that print report the missing browser themselves.
    project.provide('browserWs', '');
  }
  project.provide('builtMini', open ? await buildMini(open.browser.wsEndpoint()) : '');
}

export async function teardown(): Promise<void> {
  if (open) await closeBrowser(open);
  if (built) await rm(built, { recursive: true, force: true });
}
