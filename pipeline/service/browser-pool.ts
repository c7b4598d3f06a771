// service: Chromium supervised for a long-running service, as Gotenberg does it: a cap on the pages
// open at once, a restart after N jobs (a long-lived browser grows) or as soon as it dies, and a
// kill on a job's timeout. Each job slot has its own browser: started here, or reached over its
// DevTools WebSocket (--browser-ws, a pool such as browserless: the slots share the endpoints out
// and fail over to the next one when one does not answer).
//
// A browser started here is started with a pipe rather than a WebSocket, so that it exits with
// the worker even when the worker is killed with SIGKILL (it reads end-of-file on its pipe); a
// WebSocket-launched Chromium would be left running.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, GoToOptions, Page } from 'puppeteer';
import type { BrowserOptions } from '../config/options.ts';
import { RenderError } from '../core/diagnostics.ts';
import { closeBrowser, findBrowser, LOCKDOWN_ARGS, type OpenBrowser } from '../print/browser.ts';
import { BrowserSession } from '../run/browser-session.ts';

export interface SupervisorOptions {
  readonly browser: BrowserOptions;
  /** Remote browsers to connect to, in the order to try them; empty: start one here. */
  readonly endpoints: readonly string[];
  readonly maxPages: number;
  readonly restartAfter: number;
  readonly log: (message: string) => void;
}

/** A counting semaphore: at most `size` holders at once. */
class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * A remote browser cannot open the worker's files: a document is handed over as its content
 * (fonts, styles and charts are inline, so nothing else is needed). Request interception and the
 * document's Content-Security-Policy apply as on a local page.
 */
function contentPage(page: Page): Page {
  return new Proxy(page, {
    get(target, prop) {
      if (prop === 'goto') {
        return async (url: string, options?: GoToOptions) => {
          if (!url.startsWith('file:')) return target.goto(url, options);
          await target.setContent(await readFile(fileURLToPath(url), 'utf8'), {
            waitUntil: 'load',
            timeout: options?.timeout ?? 60_000,
          });
          return null;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The browser as the print stage sees it, with newPage() held to the page cap. */
function capped(browser: Browser, pages: Semaphore, open: Set<Page>, remote: boolean): Browser {
  return new Proxy(browser, {
    get(target, prop) {
      if (prop === 'newPage') {
        return async () => {
          await pages.acquire();
          try {
            const page = await target.newPage();
            open.add(page);
            page.once('close', () => {
              open.delete(page);
              pages.release();
            });
            return remote ? contentPage(page) : page;
          } catch (err) {
            pages.release();
            throw err;
          }
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface Running {
  readonly open: Promise<OpenBrowser>;
  jobs: number;
  dead: boolean;
  readonly pages: Set<Page>;
}

export class SupervisedBrowser extends BrowserSession {
  private running: Running | undefined;
  private next = 0;

  constructor(
    readonly supervisor: SupervisorOptions,
    slot: number,
  ) {
    super(supervisor.browser);
    this.next = supervisor.endpoints.length ? slot % supervisor.endpoints.length : 0;
  }

  override async get(): Promise<OpenBrowser> {
    if (!this.running || this.running.dead) this.running = this.start();
    return this.running.open;
  }

  override get started(): boolean {
    return this.running !== undefined;
  }

  /**
   * The browser for one job: once revoked (the job timed out), it gives that job no browser again,
   * and its `signal` is aborted with the reason, which cancels the job's work (see pack-job.ts).
   */
  lease(): BrowserSession & { revoke(reason?: unknown): void; readonly signal: AbortSignal } {
    return new Lease(this);
  }

  /** One more job done on this browser: past `restartAfter`, the next job gets a fresh one. */
  async jobDone(): Promise<void> {
    if (this.running && ++this.running.jobs >= this.supervisor.restartAfter) {
      this.supervisor.log(`browser restarted after ${this.running.jobs} jobs`);
      await this.close();
    }
  }

  /** Killed (a job timed out, or it died): the next get() starts a new one. */
  override async reset(): Promise<void> {
    await this.close();
  }

  override async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    const open = await running.open.catch(() => undefined);
    if (!open) return;
    // Pages of a remote browser outlive our connection: close ours before leaving it.
    if (!open.launched) await Promise.all([...running.pages].map((p) => p.close().catch(() => undefined)));
    await closeBrowser(open).catch(() => undefined);
  }

  private start(): Running {
    const pages = new Set<Page>();
    const running: Running = { open: undefined as unknown as Promise<OpenBrowser>, jobs: 0, dead: false, pages };
    const open = (this.supervisor.endpoints.length ? this.connect() : this.launch()).then((o) => {
      o.browser.once('disconnected', () => {
        if (this.running === running)
          this.supervisor.log(
            `browser ${o.launched ? 'died' : `at ${o.choice.path} went away`}; a new one is started for the next job`,
          );
        running.dead = true;
      });
      return { ...o, browser: capped(o.browser, new Semaphore(this.supervisor.maxPages), pages, !o.launched) };
    });
    open.catch(() => {
      running.dead = true;
    });
    return Object.assign(running, { open });
  }

  private async launch(): Promise<OpenBrowser> {
    const choice = await findBrowser(this.supervisor.browser);
    const args = [
      ...LOCKDOWN_ARGS,
      '--font-render-hinting=none',
      ...(this.supervisor.browser.noSandbox ? ['--no-sandbox'] : []),
    ];
    const { default: puppeteer } = await import('puppeteer');
    try {
      const browser = await puppeteer.launch({
        executablePath: choice.path,
        headless: true,
        pipe: true,
        args,
        protocolTimeout: 120_000,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      return { browser, choice, version: await browser.version(), launched: true };
    } catch (err) {
      throw new RenderError(
        `Chromium at ${choice.path} (found via ${choice.from}) did not start: ${(err as Error).message.split('\n')[0]}`,
        `check that it runs: ${choice.path} --headless --no-sandbox --dump-dom about:blank`,
        { cause: err },
      );
    }
  }

  /** The slot's endpoint first, then the others in turn. */
  private async connect(): Promise<OpenBrowser> {
    const { default: puppeteer } = await import('puppeteer');
    const endpoints = this.supervisor.endpoints;
    const failures: string[] = [];
    for (let i = 0; i < endpoints.length; i++) {
      const endpoint = endpoints[(this.next + i) % endpoints.length]!;
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
    throw new RenderError(
      `no browser answers at ${failures.join('; ')}`,
      'start the remote browsers, or leave --browser-ws out to print on a Chromium started here',
    );
  }
}

/** A job's hold on its slot's browser; a job given up cannot start another behind the next job's back. */
class Lease extends BrowserSession {
  private revoked = false;
  private readonly giveUp = new AbortController();
  /** Aborted when the lease is revoked: the job is given up. */
  readonly signal = this.giveUp.signal;
  constructor(private readonly slot: SupervisedBrowser) {
    super(slot.supervisor.browser);
  }
  override async get(): Promise<OpenBrowser> {
    if (this.revoked)
      throw new RenderError(
        'the job was given up (it ran past its time limit)',
        'raise --job-timeout if packs really take this long',
      );
    return this.slot.get();
  }
  override get started(): boolean {
    return this.slot.started;
  }
  override async reset(): Promise<void> {
    if (!this.revoked) await this.slot.reset();
  }
  /** The slot's browser outlives the job: closing is the slot's business. */
  override async close(): Promise<void> {}
  revoke(reason?: unknown): void {
    this.revoked = true;
    this.giveUp.abort(reason);
  }
}

/** One supervised browser per job slot; a job takes a free one and gives it back. */
export class BrowserPool {
  private readonly free: SupervisedBrowser[];
  private readonly all: SupervisedBrowser[];
  constructor(options: SupervisorOptions, slots: number) {
    this.all = Array.from({ length: slots }, (_, i) => new SupervisedBrowser(options, i));
    this.free = [...this.all];
  }

  /** Runs `fn` on a free slot's browser (the queue never runs more jobs than there are slots). */
  async use<T>(fn: (browser: SupervisedBrowser) => Promise<T>): Promise<T> {
    const slot = this.free.shift();
    if (!slot) throw new Error('more jobs at once than browser slots');
    try {
      return await fn(slot);
    } finally {
      this.free.push(slot);
    }
  }

  /** Why no browser of the pool answers now (the first slot's, started or reached), or undefined. */
  async probe(): Promise<string | undefined> {
    return this.all[0]!.get().then(
      () => undefined,
      (err: Error) => err.message,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((b) => b.close()));
  }
}
