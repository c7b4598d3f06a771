// print: pages kept prepared between the prints of one browser (`brief watch`, the live preview): a
// new page with JavaScript turned off and its requests intercepted costs a tenth of a second or
// more for each document printed, on every rebuild. Only types are imported: a session holds one
// of these without loading the print stage.
import type { Browser, Page } from 'puppeteer';

/** A page as print/index.ts prepares it, and the list its refused requests go to. */
export interface PreparedPage {
  readonly page: Page;
  readonly refused: { current: string[] };
}

export class IdlePages {
  private idle: PreparedPage[] = [];

  /** A page left prepared in `browser`, if one is still open; a page of a browser since closed is dropped. */
  take(browser: Browser): PreparedPage | undefined {
    for (let p = this.idle.pop(); p; p = this.idle.pop())
      if (browser.connected && !p.page.isClosed() && p.page.browser() === browser) return p;
    return undefined;
  }

  /** A page that printed its document whole, for the next print. */
  give(prepared: PreparedPage): void {
    this.idle.push(prepared);
  }

  /** Forgets every page (its browser is being closed). */
  clear(): void {
    this.idle = [];
  }
}
