// service: the live preview's pages: a document's HTML printed by the preview's browser as the build
// prints it (Chromium's page breaks, the audience's page size and margins), then each page drawn to
// a PNG by poppler's pdftoppm, so the reader sees where pages break and how many there are while
// writing. Done on demand, for the documents being looked at, once per version of their HTML; kept
// in <out>/serve/preview-pages/<document>/<version>/.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserSession } from '../print/session.ts';
import type { PageImages } from '../serve/index.ts';

/** Drawn at the resolution they are shown at (96 per inch, CSS pixels): quick to draw, a page a tenth of a second. */
const DPI = 96;

/** The width and height of a PNG, from its header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export class PagePrints {
  private readonly made = new Map<string, { key: string; images: Promise<PageImages> }>();

  constructor(
    private readonly session: BrowserSession,
    private readonly dir: string,
  ) {}

  /** The pages of the document whose HTML is `html`, drawn for this version of it (its bytes). */
  pages(name: string, html: string): Promise<PageImages> {
    let key: string;
    try {
      key = createHash('sha256').update(readFileSync(html)).digest('hex').slice(0, 16);
    } catch (err) {
      return Promise.reject(err as Error); // the HTML replaced or removed meanwhile: said in the page view
    }
    const known = this.made.get(name);
    if (known?.key === key) return known.images;
    const images = this.draw(name, html, key);
    // A failure is said, and tried again on the next look.
    images.catch(() => this.made.delete(name));
    this.made.set(name, { key, images });
    return images;
  }

  private async draw(name: string, html: string, key: string): Promise<PageImages> {
    const { preparePage, printRaw } = await import('../print/index.ts');
    const { browser } = await this.session.get();
    const prepared = this.session.pages.take(browser) ?? {
      page: await preparePage(browser, { current: [] }),
      refused: { current: [] },
    };
    let pdf: Uint8Array;
    try {
      // Untagged: the tags change nothing on the page, and cost time.
      pdf = await printRaw(prepared.page, html, false);
      this.session.pages.give(prepared);
    } catch (err) {
      await prepared.page.close().catch(() => undefined);
      throw err;
    }
    // One folder a version: a draw still running for the version before is not pulled from under it.
    const folder = path.join(this.dir, name, key);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${key}.pdf`), pdf);
    try {
      await promisify(execFile)('pdftoppm', ['-png', '-r', String(DPI), `${key}.pdf`, key], {
        cwd: folder,
        timeout: 120_000,
      });
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? 'pages cannot be drawn: pdftoppm is not installed (apt-get install poppler-utils); the HTML view still follows each save'
          : `pages could not be drawn: ${(err as Error).message.split('\n')[0]}`,
      );
    }
    // pdftoppm names pages <key>-1.png, or -01.png… as the count needs: their numbers, in order.
    const files = (await readdir(folder))
      .filter((f) => f.startsWith(`${key}-`) && f.endsWith('.png'))
      .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)![1]) - Number(/-(\d+)\.png$/.exec(b)![1]));
    const pages = await Promise.all(
      files.map(async (f) => {
        const file = path.join(folder, f);
        return { file, ...pngSize(await readFile(file)) };
      }),
    );
    // Older versions go once this one is drawn (their page views are reloaded to this one).
    for (const old of await readdir(path.join(this.dir, name)))
      if (old !== key) await rm(path.join(this.dir, name, old), { recursive: true, force: true });
    return { version: key, dpi: DPI, pages };
  }
}
