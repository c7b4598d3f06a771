// print: HTML files → PDF files, with one Chromium for the whole run and a small pool of pages.
// Pages run with JavaScript off; every request that is not a local file or data: URL is refused and counted.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { RenderError } from '../core/diagnostics.ts';
import { headingTexts } from './bookmarks.ts';
import { poolSize } from './browser.ts';
import type { IdlePages } from './idle-pages.ts';
import { finishPdf, type PdfMeta } from './pdf-metadata.ts';

export {
  browserIdentity,
  closeBrowser,
  findBrowser,
  launchBrowser,
  withBrowser,
  type BrowserChoice,
  type OpenBrowser,
} from './browser.ts';
export type { PdfMeta } from './pdf-metadata.ts';

export interface PrintJob {
  /** Absolute path of the HTML to print (fonts and styles inlined, so nothing else is read). */
  readonly html: string;
  readonly meta: PdfMeta;
}

export interface PrintedPdf {
  readonly html: string;
  readonly bytes: Uint8Array;
  readonly pages: number;
  /** URLs the page asked for and was refused: must be empty for a good document. */
  readonly refused: readonly string[];
}

export interface PrintOptions {
  readonly editionDate: string;
  /** Per document; default printTimeoutMs(). */
  readonly timeoutMs?: number;
  readonly onPrinted?: (job: PrintJob, done: number, total: number) => void;
  /** What to call each job in an error while it is still on its way (not rendered yet). */
  readonly names?: readonly string[];
  /** Aborted when the run is given up: no document is started after, and printPdfs throws its reason. */
  readonly signal?: AbortSignal;
  /** Where prepared pages are taken from and left for the next print in the same browser; by default each print prepares its own and closes them. */
  readonly pages?: IdlePages;
}

const LOCAL = /^(file:|data:|about:blank)/;

export async function preparePage(browser: Browser, refused: { current: string[] }): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  // The layout's Content-Security-Policy stops remote loads before they become requests;
  // Chromium reports each one it stopped, and those count as refused too.
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text))
      refused.current.push(/'(https?:[^']+|[a-z]+:[^']*)'/.exec(text)?.[1] ?? text.slice(0, 160));
  });
  page.on('request', (req: HTTPRequest) => {
    if (LOCAL.test(req.url())) void req.continue();
    else {
      refused.current.push(req.url());
      void req.abort('blockedbyclient');
    }
  });
  return page;
}

/** Opens the HTML file in a prepared page and prints it as Chromium makes it (bookmarks, tags unless told otherwise). */
export async function printRaw(page: Page, html: string, tagged = true): Promise<Uint8Array> {
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 60_000 });
  // Load every face before printing. Faces are split by unicode-range and load lazily;
  // one first needed at print time (a margin box, a 7.5pt note) is still loading when the
  // PDF is made, and with font-display: block its text is silently left out.
  // (evaluate works with JavaScript off: it runs in an isolated world.)
  const failed = await page.evaluate(() =>
    Promise.all(
      [...document.fonts].map((f) =>
        f.load().then(
          () => '',
          () => `${f.family} ${f.weight} ${f.style}`,
        ),
      ),
    ).then((r) => r.filter(Boolean)),
  );
  if (failed.length)
    throw new RenderError(
      `fonts failed to load in ${html}: ${failed.join(', ')}`,
      'reinstall the packages (npm ci): the bundled @fontsource files may be damaged',
    );
  return page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged, timeout: 120_000 });
}

async function printOne(
  page: Page,
  job: PrintJob,
  refused: { current: string[] },
  editionDate: string,
  signal?: AbortSignal,
): Promise<PrintedPdf> {
  refused.current = [];
  const raw = await printRaw(page, job.html);
  signal?.throwIfAborted();
  const { bytes, pages } = await finishPdf(raw, job.meta, editionDate, headingTexts(await readFile(job.html, 'utf8')));
  return { html: job.html, bytes, pages, refused: [...refused.current] };
}

/** How long one document may take to load and print before it is given up (BRIEF_PRINT_TIMEOUT, in seconds). */
export const printTimeoutMs = (env: NodeJS.ProcessEnv = process.env): number =>
  Math.max(1, Number(env.BRIEF_PRINT_TIMEOUT) || 120) * 1000;

/** A page that never settles, or a print that hangs, must not hold the other documents back. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RenderError(
            `${what} did not finish printing within ${ms / 1000} s`,
            'open its HTML in a browser to see what keeps it loading; raise the limit with BRIEF_PRINT_TIMEOUT=<seconds>',
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Prints every job in `browser`, which the caller opened and will close (one browser per command
 * run). A document that fails or times out does not stop the others; when the browser itself
 * dies, the error names every document left unprinted. Either way the caller gets one RenderError.
 */
/** Prints the jobs in order; a job may still be on its way (a promise), so printing starts while later documents render. */
export async function printPdfs(
  jobs: readonly (PrintJob | Promise<PrintJob>)[],
  browser: Browser,
  options: PrintOptions,
): Promise<PrintedPdf[]> {
  if (jobs.length === 0) return [];
  const results: PrintedPdf[] = new Array(jobs.length);
  const known: (PrintJob | undefined)[] = new Array(jobs.length);
  const failures: { job: PrintJob | undefined; error: Error }[] = [];
  const limit = options.timeoutMs ?? printTimeoutMs();
  const signal = options.signal;
  let next = 0;
  let done = 0;
  const worker = async () => {
    let prepared = options.pages?.take(browser);
    let page: Page | undefined = prepared?.page;
    const refused = prepared?.refused ?? { current: [] as string[] };
    try {
      while (next < jobs.length && browser.connected && !signal?.aborted) {
        const index = next++;
        let job: PrintJob | undefined;
        try {
          // Given up: checked before each document and after each wait, so nothing is printed past it.
          job = known[index] = await jobs[index]!;
          signal?.throwIfAborted();
          page ??= await preparePage(browser, refused);
          prepared = { page, refused };
          signal?.throwIfAborted();
          results[index] = await withTimeout(
            printOne(page, job, refused, options.editionDate, signal),
            limit,
            job.html,
          );
          signal?.throwIfAborted();
          options.onPrinted?.(job, ++done, jobs.length);
        } catch (err) {
          if (signal?.aborted) break;
          failures.push({ job, error: err as Error });
          // A page that timed out may still be busy: the next document gets a fresh one.
          await page?.close().catch(() => undefined);
          page = undefined;
          prepared = undefined;
        }
      }
    } finally {
      // A page that printed whole is kept for the next print when there is a place for it; one given up may still be busy.
      if (prepared && options.pages && !signal?.aborted && !prepared.page.isClosed()) options.pages.give(prepared);
      else await page?.close().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: poolSize(jobs.length) }, worker));
  signal?.throwIfAborted();
  const unprinted = jobs.flatMap((_, i) => (results[i] === undefined ? [i] : []));
  if (unprinted.length === 0) return results;
  const names = unprinted.map(
    (i) =>
      known[i]?.html
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.html$/, '') ??
      options.names?.[i] ??
      `document ${i + 1}`,
  );
  if (!browser.connected) {
    throw new RenderError(
      `the browser died while printing; not printed: ${names.join(', ')}`,
      'nothing was written; run the command again (a new browser is started)',
    );
  }
  const first = failures[0]!.error;
  if (failures.length === 1 && first instanceof RenderError) throw first;
  throw new RenderError(
    `printing failed for ${names.join(', ')}: ${failures.map((f) => f.error.message.split('\n')[0]).join('; ')}`,
    first instanceof RenderError && first.hint
      ? first.hint
      : 'run again with the same command; if it persists, open the HTML file in a browser to look for the problem',
    { cause: first },
  );
}
