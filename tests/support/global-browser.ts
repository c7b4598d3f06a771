// Test support (vitest globalSetup): one Chromium for the whole suite. Test files and the CLIs
// they spawn connect to it (BRIEF_BROWSER_WS) instead of each starting their own. And the builds
// files share (shared-build.ts), started here in the background as the run begins, so that no
// file waits for one: the mini corpus and the whole sample, each by `brief build` on that browser.
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveOptions } from '../../pipeline/config/resolve.ts';
import { closeBrowser, launchBrowser, type OpenBrowser } from '../../pipeline/print/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWs: string;
    /** Where the builds end-to-end files share are made (shared-build.ts), one folder each. */
    sharedBuilds: string;
  }
}

let open: OpenBrowser | undefined;
let shared: string | undefined;
const builds: { child: ChildProcess; exited: Promise<void> }[] = [];

/**
 * Runs `brief build --json` of `data` into <dir>/out on the shared browser, then writes
 * <dir>/build.json (its data, out, documents and warnings) or <dir>/failed.txt (why not).
 */
function startBuild(dir: string, data: string, ws: string): void {
  const out = path.join(dir, 'out');
  const child = spawn(
    process.execPath,
    [path.resolve('bin/brief.js'), 'build', '--json', '--data', data, '--out', out, '--date', '2024-01-15'],
    { env: { ...process.env, BRIEF_BROWSER_WS: ws, BRIEF_TEXTS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) =>
    child.on('close', (code) => {
      const done =
        code === 0
          ? writeFile(path.join(dir, 'build.json'), JSON.stringify({ data, out, ...JSON.parse(stdout) }))
          : writeFile(path.join(dir, 'failed.txt'), `brief build exited ${code}:\n${stderr}`);
      void done.finally(resolve);
    }),
  );
  builds.push({ child, exited });
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
  shared = await mkdtemp(path.join(tmpdir(), 'brief-shared-builds-'));
  project.provide('sharedBuilds', shared);
  const ws = open ? open.browser.wsEndpoint() : '';
  await mkdir(path.join(shared, 'mini'));
  await cp(path.resolve('pipeline/render/specimen'), path.join(shared, 'mini', 'data'), { recursive: true });
  startBuild(path.join(shared, 'mini'), path.join(shared, 'mini', 'data'), ws);
  await mkdir(path.join(shared, 'sample'));
  startBuild(path.join(shared, 'sample'), path.resolve('data'), ws);
}

export async function teardown(): Promise<void> {
  for (const b of builds) b.child.kill('SIGTERM');
  await Promise.all(builds.map((b) => b.exited));
  if (open) await closeBrowser(open);
  if (shared) await rm(shared, { recursive: true, force: true });
}
