// Test support (vitest globalSetup): one Chromium for the whole suite. Test files and the CLIs
// they spawn connect to it (BRIEF_BROWSER_WS) instead of each starting their own. And a folder for
// the builds files share (shared-build.ts), made by the first file that asks and removed at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveOptions } from '../../pipeline/config/resolve.ts';
import { closeBrowser, launchBrowser, type OpenBrowser } from '../../pipeline/print/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWs: string;
    /** Where the builds end-to-end files share are made (shared-build.ts). */
    sharedBuilds: string;
  }
}

let open: OpenBrowser | undefined;
let shared: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const options = resolveOptions({ flags: {}, file: undefined, env: { ...process.env, BRIEF_BROWSER_WS: '' } });
  try {
    open = await launchBrowser(options.browser, { pipe: false });
    project.provide('browserWs', open.browser.wsEndpoint());
  } catch {
    // No browser here: unit tests still run; tests that print report the missing browser themselves.
    project.provide('browserWs', '');
  }
  shared = await mkdtemp(path.join(tmpdir(), 'brief-shared-builds-'));
  project.provide('sharedBuilds', shared);
}

export async function teardown(): Promise<void> {
  if (open) await closeBrowser(open);
  if (shared) await rm(shared, { recursive: true, force: true });
}
