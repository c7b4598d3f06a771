// print: Chromium supervised for a long-running service (brief serve, brief worker), as Gotenberg
// does it: a cap on the pages open at once, a restart after N jobs (a long-lived browser grows) or
// as soon as it dies, and a kill on a job's timeout. Each job slot has its own browser: started
// here, or reached over its DevTools WebSocket (--browser-ws, a pool such as browserless: the slots
// share the endpoints out and fail over to the next one when one does not answer). Either way it
// goes through browser.ts, as every browser of brief does: startBrowser (over a pipe, so that it
// exits with the worker even when the worker is killed with SIGKILL) or connectBrowser.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, GoToOptions, Page } from 'puppeteer';
import type { BrowserOptions } from '../config/options.ts';
import { RenderError } from '../core/diagnostics.ts';
import { closeBrowser, connectBrowser, type OpenBrowser, startBrowser } from './browser.ts';
import { BrowserSession } from './session.ts';

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
    const open = (this.supervisor.endpoints.length ? this.connect() : startBrowser(this.supervisor.browser)).then(
      (o) => {
        o.browser.once('disconnected', () => {
          if (this.running === running)
            this.supervisor.log(
              `browser ${o.launched ? 'died' : `at ${o.choice.path} went away`}; a new one is started for the next job`,
            );
          running.dead = true;
        });
        return { ...o, browser: capped(o.browser, new Semaphore(this.supervisor.maxPages), pages, !o.launched) };
      },
    );
    open.catch(() => {
      running.dead = true;
    });
    return Object.assign(running, { open });
  }

  /** The slot's endpoint first, then the others in turn. */
  private connect(): Promise<OpenBrowser> {
    return connectBrowser(
      this.supervisor.endpoints,
      'start the remote browsers, or leave --browser-ws out to print on a Chromium started here',
      this.next,
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
