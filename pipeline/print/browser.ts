// print: finds a Chromium to print with and starts it, locked down: no network, no host lookups.
// Puppeteer is imported only when a browser is really started, so commands that print nothing
// (a build with nothing to do, --help) never load it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { BrowserOptions } from '../config/options.ts';
import { RenderError } from '../core/diagnostics.ts';

/**
 * Where a system browser is looked for, in order; Debian's real binary first: /usr/bin/chromium is
 * a shell wrapper that prints a warning on start. The one list: .puppeteerrc.cjs (which skips
 * Puppeteer's download when one is there) and scripts/install.sh (which installs Chromium when
 * none is) cannot import TypeScript, so they copy it, and tests/unit/print/find-browser.test.ts
 * holds them to it.
 */
export const BROWSER_PATHS = [
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
  readonly from: 'BRIEF_CHROME' | 'PUPPETEER_EXECUTABLE_PATH' | 'system' | 'puppeteer' | 'endpoint';
}

/** The browser named by the environment, then system paths, then a browser Puppeteer installed. */
export async function findBrowser(options: Pick<BrowserOptions, 'executable'>): Promise<BrowserChoice> {
  if (options.executable) {
    const { path, from } = options.executable;
    if (existsSync(path)) return { path, from };
    throw new RenderError(
      `${from} is set to ${path}, but there is no browser at that path.`,
      `unset ${from}, or point it at a Chrome or Chromium executable`,
    );
  }
  const system = BROWSER_PATHS.find((p) => existsSync(p));
  if (system) return { path: system, from: 'system' };
  let bundled: string | undefined;
  try {
    bundled = (await import('puppeteer')).default.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return { path: bundled, from: 'puppeteer' };
  throw new RenderError(
    'No Chrome or Chromium was found to print the PDFs with. brief looks at $BRIEF_CHROME, then $PUPPETEER_EXECUTABLE_PATH, ' +
      `then the usual system paths (${BROWSER_PATHS.slice(0, 3).join(', ')}, …), then a browser installed by Puppeteer. ` +
      'On Debian or Ubuntu install one with: apt-get install -y chromium (as root). ' +
      'Or let Puppeteer download its own: npx puppeteer browsers install chrome. ' +
      'Or set BRIEF_CHROME=/path/to/chrome.',
    'install Chromium as above, then run the command again',
  );
}

/**
 * What identifies the browser binary without starting it: its path, size and time. A
 * fingerprint records the version a browser reported next to this, so a build with nothing
 * to do can tell the browser is unchanged without launching it.
 */
export function browserIdentity(choice: BrowserChoice): string {
  try {
    const s = statSync(choice.path);
    return `${choice.path}|${s.size}|${Math.round(s.mtimeMs)}`;
  } catch {
    return choice.path;
  }
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

/** A started browser and what it is, for fingerprints and manifests. */
export interface OpenBrowser {
  readonly browser: Browser;
  readonly choice: BrowserChoice;
  /** As the browser reports it, e.g. "Chrome/156.0.8078.73". */
  readonly version: string;
  /** False when connected to a browser someone else started: then it is left running. */
  readonly launched: boolean;
  /** The profile folder brief made for it (removed when it is closed; see launchBrowser). */
  readonly profile?: string;
}

/** Where and how a browser is started: see launchBrowser. */
export interface LaunchPlace {
  /** A folder of brief's own (out/.brief, the archive's .brief) for the browser's profile. */
  readonly profileIn?: string;
  /** False only for a browser others connect to by its WebSocket (the test suite's shared one). */
  readonly pipe?: boolean;
}

const PROFILE = 'chromium-';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Profiles left by browsers of runs killed outright (their pid is in the name, and gone). */
function sweepProfiles(dir: string): void {
  for (const name of readdirSync(dir).filter((n) => n.startsWith(PROFILE))) {
    const pid = Number(name.slice(PROFILE.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Starts Chromium, or connects to the one at `options.endpoint`. Started over a pipe, not a
 * WebSocket: Chromium reads end-of-file when brief dies, even by SIGKILL, and exits with it (a
 * WebSocket-launched one was left running). Its profile goes in `place.profileIn`, named with this
 * process's pid, and the next launch there removes the profiles of processes that are gone
 * (Puppeteer's own temp profiles were left in /tmp by every kill).
 */
export async function launchBrowser(options: BrowserOptions, place: LaunchPlace = {}): Promise<OpenBrowser> {
  if (options.endpoint)
    return connectBrowser([options.endpoint], 'start it, or unset BRIEF_BROWSER_WS to let brief start its own');
  return startBrowser(options, place);
}

/** Starts a Chromium here, locked down: the one way brief starts a browser (a command's, the service's pool). */
export async function startBrowser(
  options: Pick<BrowserOptions, 'executable' | 'noSandbox'>,
  place: LaunchPlace = {},
): Promise<OpenBrowser> {
  const choice = await findBrowser(options);
  const args = [...LOCKDOWN_ARGS, '--font-render-hinting=none'];
  // Chromium refuses to run as root inside its sandbox.
  if (options.noSandbox) args.push('--no-sandbox');
  // puppeteer-core: the launcher and the protocol alone. The full package also reads its own
  // configuration (cosmiconfig's search up the folder tree) on import, for a browser it would
  // download: 50 ms of every command that prints. It is imported only to find such a browser.
  const { default: puppeteer } = await import('puppeteer-core');
  let profile: string | undefined;
  if (place.profileIn) {
    mkdirSync(place.profileIn, { recursive: true });
    sweepProfiles(place.profileIn);
    profile = mkdtempSync(path.join(place.profileIn, `${PROFILE}${process.pid}-`));
  }
  try {
    // Our own signal handling closes the browser (run/interrupt.ts); Puppeteer's would race it.
    const browser = await puppeteer.launch({
      executablePath: choice.path,
      headless: true,
      args,
      protocolTimeout: 120_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      pipe: place.pipe ?? true,
      ...(profile ? { userDataDir: profile } : {}),
    });
    return { browser, choice, version: await browser.version(), launched: true, ...(profile ? { profile } : {}) };
  } catch (err) {
    if (profile) await rm(profile, { recursive: true, force: true });
    throw new RenderError(
      `Chromium at ${choice.path} (found via ${choice.from}) did not start: ${(err as Error).message.split('\n')[0]}`,
      `check that it runs: ${choice.path} --headless --no-sandbox --dump-dom about:blank`,
      { cause: err },
    );
  }
}

/**
 * A browser that runs elsewhere (a shared test browser, a browser pool), reached over its DevTools
 * WebSocket: the first of `endpoints` that answers, trying them in turn from `first`. `hint`: what
 * to do when none answers.
 */
export async function connectBrowser(endpoints: readonly string[], hint: string, first = 0): Promise<OpenBrowser> {
  // puppeteer-core, as startBrowser.
  const { default: puppeteer } = await import('puppeteer-core');
  const failures: string[] = [];
  for (let i = 0; i < endpoints.length; i++) {
    const endpoint = endpoints[(first + i) % endpoints.length]!;
    try {
      const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, protocolTimeout: 120_000 });
      return {
        browser,
        choice: { path: endpoint, from: 'endpoint' },
        version: await browser.version(),
        launched: false,
      };
    } catch (err) {
      failures.push(`${endpoint}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  throw new RenderError(`no browser answers at ${failures.join('; ')}`, hint);
}

/** Opens a browser, hands it to `fn`, and closes it whatever happens. */
export async function withBrowser<T>(options: BrowserOptions, fn: (open: OpenBrowser) => Promise<T>): Promise<T> {
  const open = await launchBrowser(options);
  try {
    return await fn(open);
  } finally {
    await closeBrowser(open);
  }
}

/** Closes the browser; if it does not answer, kills its process so nothing is left running. */
export async function closeBrowser(open: OpenBrowser): Promise<void> {
  if (!open.launched) {
    await open.browser.disconnect().catch(() => undefined);
    return;
  }
  const proc = open.browser.process();
  let timer: NodeJS.Timeout | undefined;
  // The timer is cleared, else it alone would keep the process alive for its 5 s after every run.
  await Promise.race([
    open.browser.close(),
    new Promise((r) => {
      timer = setTimeout(r, 5_000);
    }),
  ]).catch(() => undefined);
  clearTimeout(timer);
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await gone;
  }
  if (open.profile) await rm(open.profile, { recursive: true, force: true }).catch(() => undefined);
}

/** Pages printed at once: one per core, at most four (two cores: ×0.8 time with two, nothing more with three). */
export function poolSize(jobs: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4, jobs));
}
