// Test support (vitest globalSetup): one Chromium for the whole suite. Test files and the CLIs
// they spawn connect to it (BRIEF_BROWSER_WS) instead of each starting their own.
import type { TestProject } from 'vitest/node';
import { resolveOptions } from '../../pipeline/config/resolve.ts';
import { closeBrowser, launchBrowser, type OpenBrowser } from '../../pipeline/print/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWs: string;
  }
}

let open: OpenBrowser | undefined;

export async function setup(project: TestProject): Promise<void> {
  const options = resolveOptions({ flags: {}, file: undefined, env: { ...process.env, BRIEF_BROWSER_WS: '' } });
  try {
    open = await launchBrowser(options.browser, { pipe: false });
    project.provide('browserWs', open.browser.wsEndpoint());
  } catch {
    // No browser here: unit tests still run; tests that print report the missing browser themselves.
    project.provide('browserWs', '');
  }
}

export async function teardown(): Promise<void> {
  if (open) await closeBrowser(open);
}
