// print: the one browser of a command run, started only when something needs printing and closed
// in the same scope that made the session (a build, or a whole watch). The service's pool (pool.ts)
// gives each job a session of its own kind.
import type { BrowserOptions } from '../config/options.ts';
import { closeBrowser, launchBrowser, type OpenBrowser } from './browser.ts';
import { IdlePages } from './idle-pages.ts';

export class BrowserSession {
  private open: Promise<OpenBrowser> | undefined;
  /** Pages left prepared by one print for the next, while the browser stays open (a watch's rebuilds). */
  readonly pages = new IdlePages();
  /** `profileIn`: brief's own folder for the browser's profile (out/.brief, the archive's .brief); see launchBrowser. */
  constructor(
    private readonly options: BrowserOptions,
    private readonly profileIn?: string,
  ) {}

  /** The browser, started on first use. */
  async get(): Promise<OpenBrowser> {
    if (!this.open) {
      this.open = launchBrowser(this.options, { profileIn: this.profileIn });
      this.open.catch(() => {
        this.open = undefined;
      });
    }
    return this.open;
  }

  get started(): boolean {
    return this.open !== undefined;
  }

  /** The browser died (a crash, a kill): the next get() starts a new one. */
  async reset(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    this.pages.clear();
    if (!open) return;
    await closeBrowser(await open).catch(() => undefined);
  }
}
