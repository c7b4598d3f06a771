// brief serve's live preview in real Chromium: a document opened in the preview follows saves on
// disk without a reload by hand, shows the located error of a bad save in its place, and comes
// back when it is fixed; the document itself runs no script. By default it shows the document as
// printed, page by page, and a save that changes the document draws its pages again.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpora, type TempCorpus } from '../support/corpus.ts';
import { sharedBrowser } from '../support/options.ts';
import { startServe, stopAll } from '../support/service.ts';

const temp = corpora();
let corpus: TempCorpus;
let url: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  corpus = await temp.make();
  ({ url } = await startServe(['--data', corpus.data, '--out', corpus.out]));
  // The suite's browser resolves no host name but localhost (print/browser.ts, LOCKDOWN_ARGS), nor IP literals.
  url = url.replace('127.0.0.1', 'localhost');
  const ws = sharedBrowser();
  browser = ws
    ? await puppeteer.connect({ browserWSEndpoint: ws })
    : await puppeteer.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage();
});
afterAll(async () => {
  await page?.close().catch(() => undefined);
  if (sharedBrowser()) await browser?.disconnect();
  else await browser?.close();
  await stopAll();
  await temp.removeAll();
});

const documentFrame = (p: Page): Frame | undefined =>
  p.frames().find((f) => f.url().includes('/documents/brief.analyst.html'));
const pagesFrame = (p: Page): Frame | undefined =>
  p.frames().find((f) => f.url().includes('/pages/brief.analyst.html'));

/** Waits (bounded) until `test` holds, polling the page as it is. */
async function until(what: string, test: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const frameText = async () => (await documentFrame(page)?.evaluate(() => document.body.textContent)) ?? '';
/** Shown on the page: laid out with a size, not merely flagged (a stylesheet can override `hidden`). */
const visible = (selector: string) => page.$eval(selector, (e) => (e as HTMLElement).offsetHeight > 0);

describe('the live preview', () => {
  it('lists the documents and packs of each audience', async () => {
    await until('the first build', async () =>
      (await (await fetch(`${url}/`)).text()).includes('/preview/brief.analyst'),
    );
    await page.goto(`${url}/`);
    const text = await page.evaluate(() => document.body.textContent);
    for (const s of ['Analyst', 'Executive', 'The Şuşa alliance and Iran', 'Weekly security pack', 'make the PDF'])
      expect.soft(text).toContain(s);
  });

  it("shows a saved edit without a reload by hand, then a bad save's located error, then the fix", async () => {
    await page.goto(`${url}/preview/brief.analyst?view=html`);
    await until('the document in its frame', async () => (await frameText()).includes('para. 1'));
    // The document runs no script: its CSP allows none, and its frame is sandboxed without scripts.
    expect(await page.$eval('iframe', (f) => f.getAttribute('sandbox'))).toBe('allow-same-origin');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });

    const file = path.join(corpus.data, 'claims', 'alpha-2021.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(
      file,
      original.replace(
        '    locator: para. 1\n    type: fact',
        '    locator: paragraph nine, edited live\n    type: fact',
      ),
    );
    await until('the edited locator in the frame', async () =>
      (await frameText()).includes('paragraph nine, edited live'),
    );
    // The page around it was not reloaded: only the frame was.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    await writeFile(
      file,
      original.replace('    locator: para. 1\n    type: fact', '    locatr: para. 1\n    type: fact'),
    );
    await until(
      'the located error in place of the document',
      async () => (await visible('#error')) && !(await visible('#doc')),
    );
    const error = await page.$eval('#error', (e) => e.textContent ?? '');
    expect(error).toMatch(/claims\/alpha-2021\.yaml:\d+:\d+ {2}E_UNKNOWN_KEY/);
    expect(error).toContain('locator');

    await writeFile(file, original);
    await until(
      'the document back once the error is fixed',
      async () => !(await visible('#error')) && (await visible('#doc')) && (await frameText()).includes('para. 1'),
    );
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('shows the document as printed, page by page, with no script, and draws its pages again after a save', async () => {
    const view = await fetch(`${url}/pages/brief.analyst.html`);
    expect(view.status).toBe(200);
    const csp = view.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self'");
    expect(csp).not.toContain('script-src');
    const html = await view.text();
    expect(html).not.toMatch(/<script/i);
    const count = Number(/(\d+) pages?/.exec(html)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect([...html.matchAll(/<section class="page" id="page-(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
      Array.from({ length: count }, (_, i) => i + 1),
    );
    const image = await fetch(`${url}/pages/brief.analyst/1.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await fetch(`${url}/pages/brief.analyst/${count + 1}.png`)).status).toBe(404);
    expect((await fetch(`${url}/pages/no-such.analyst.html`)).status).toBe(404);

    // The preview opens on the pages; the frame is the same sandbox without scripts.
    await page.goto(`${url}/preview/brief.analyst`);
    const version = async () =>
      (await pagesFrame(page)?.$eval('section.page img', (i) => i.getAttribute('src')))?.replace(/.*\?v=/, '');
    await until('the pages in the frame', async () => Boolean(await version()));
    expect(await page.$eval('iframe', (f) => f.getAttribute('sandbox'))).toBe('allow-same-origin');
    const before = await version();
    // The reader goes to the last page; the address says so (for a reload by hand), and the rebuilt pages open there.
    const frameAt = () =>
      pagesFrame(page)!.evaluate((n) => {
        const top = (document.getElementById(`page-${n}`) as HTMLElement).offsetTop;
        return { y: window.scrollY, top };
      }, count);
    await pagesFrame(page)!.evaluate((n) => document.getElementById(`page-${n}`)!.scrollIntoView(), count);
    await until('the page in the address', async () => (await page.evaluate(() => location.hash)) === `#page=${count}`);
    const read = (await frameAt()).y;
    const file = path.join(corpus.data, 'claims', 'alpha-2021.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('    locator: para. 1\n', '    locator: paragraph four, on its page\n'));
    await until('the pages drawn again', async () => {
      const now = await version();
      return now !== undefined && now !== before;
    });
    await until('the reader back where they were', async () => Math.abs((await frameAt()).y - read) < 2);
    expect(await page.evaluate(() => location.hash)).toBe(`#page=${count}`);
    await writeFile(file, original);
  });
});
