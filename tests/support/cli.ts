// Test support: the CLI as a user runs it, in its own process, on the suite's shared browser
// unless a test names a browser of its own (BRIEF_CHROME).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sharedBrowser } from './options.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/brief.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function brief(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, BRIEF_BROWSER_WS: env.BRIEF_CHROME ? '' : (sharedBrowser() ?? ''), ...env },
      maxBuffer: 10_000_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
