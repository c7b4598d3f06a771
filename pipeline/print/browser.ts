// print: finds a Chromium to print with and starts it, locked down: no network, no host lookups.
import { existsSync } from 'node:fs';
import os from 'node:os';
import puppeteer, { type Browser } from 'puppeteer';
import { RenderError } from '../core/diagnostics.ts';

/** Debian's real binary first: /usr/bin/chromium is a shell wrapper that prints a warning on start. */
const SYSTEM_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface BrowserChoice {
  readonly path: string;
  readonly from: 'BRIEF_CHROME' | 'PUPPETEER_EXECUTABLE_PATH' | 'system' | 'puppeteer';
}

/** BRIEF_CHROME, then PUPPETEER_EXECUTABLE_PATH, then system paths, then a browser Puppeteer installed. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  for (const name of ['BRIEF_CHROME', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const value = env[name];
    if (!value) continue;
    if (existsSync(value)) return { path: value, from: name };
    throw new RenderError(`${name} is set to ${value}, but there is no browser at that path.`, `unset ${name}, or point it at a Chrome or Chromium executable`);
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return { path: system, from: 'system' };
  let bundled: string | undefined;
  try {
    bundled = puppeteer.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return { path: bundled, from: 'puppeteer' };
  throw new RenderError(
    'No Chrome or Chromium was found to print the PDFs with. brief looks at $BRIEF_CHROME, then $PUPPETEER_EXECUTABLE_PATH, ' +
      `then the usual system paths (${SYSTEM_PATHS.slice(0, 3).join(', ')}, …), then a browser installed by Puppeteer. ` +
      'On Debian or Ubuntu install one with: apt-get install -y chromium (as root). ' +
      'Or let Puppeteer download its own: npx puppeteer browsers install chrome. ' +
      'Or set BRIEF_CHROME=/path/to/chrome.',
    'install Chromium as above, then run the command again',
  );
}

/** Flags that keep Chromium off the network: without them it keeps trying to reach Google. */
export const LOCKDOWN_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--metrics-recording-only',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
];

export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  const args = [...LOCKDOWN_ARGS, '--font-render-hinting=none'];
  // Chromium refuses to run as root inside its sandbox.
  if (process.getuid?.() === 0 || process.env.BRIEF_NO_SANDBOX === '1') args.push('--no-sandbox');
  try {
    return await puppeteer.launch({ executablePath: choice.path, headless: true, args, userDataDir: undefined, protocolTimeout: 120_000 });
  } catch (err) {
    throw new RenderError(`Chromium at ${choice.path} (found via ${choice.from}) did not start: ${(err as Error).message.split('\n')[0]}`,
      'check that it runs: ' + choice.path + ' --headless --no-sandbox --dump-dom about:blank', { cause: err });
  }
}

/** Pages printed at once: one per core, at most four (two cores: ×0.8 time with two, nothing more with three). */
export function poolSize(jobs: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4, jobs));
}
