// pack: a pack's page numbers and its print. Each document paginates inside the pack as it does
// on its own (same styles, same page box, a page break before it), so its own PDF tells where
// it and its headings will land; the pack's bookmarks then confirm it, or the pack is printed
// again with the pages it really has.
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import type { PdfMeta } from '../print/pdf-metadata.ts';
import type { Bookmark } from '../print/pack.ts';
import type { PackDocument, PackPages, PackView } from '../render/pack.ts';
import type { Staging } from '../run/staging.ts';

/** Pages before the first document: the cover and one page of contents. */
const FRONT = 2;

/** Each document's page count and its headings' pages (1-based, within it), from its PDF's bookmarks. */
export async function packPages(pdfs: readonly string[]): Promise<PackPages> {
  const { readBookmarks } = await import('../print/pack.ts');
  let next = FRONT + 1;
  const documents = [];
  for (const file of pdfs) {
    const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
    const top = readBookmarks(doc)[0];
    documents.push({ page: next, headings: (top?.children ?? []).map((h) => next + h.page - 1) });
    next += doc.getPageCount();
  }
  return { total: next - 1, documents };
}

/** The pages the pack's own bookmarks show: one top-level bookmark per document (its title). */
function measured(bookmarks: readonly Bookmark[], total: number): PackPages {
  return { total, documents: bookmarks.map((b) => ({ page: b.page, headings: b.children.map((h) => h.page) })) };
}

const same = (a: PackPages, b: PackPages) => JSON.stringify(a) === JSON.stringify(b);

/** Every page number moved by `by` pages (the contents took more or fewer pages than assumed). */
const shift = (p: PackPages, by: number): PackPages =>
  by === 0
    ? p
    : {
        total: p.total + by,
        documents: p.documents.map((d) => ({ page: d.page + by, headings: d.headings.map((h) => h + by) })),
      };

/** Pages before the first document: printed with each document reduced to its top headings. */
async function frontPages(
  renderer: { render(view: PackView, docs: readonly PackDocument[], pages: PackPages | undefined): string },
  view: PackView,
  docs: readonly PackDocument[],
  browser: Browser,
  staging: Staging,
  htmlPath: string,
  printPackPass: (
    file: string,
    browser: Browser,
    tagged: boolean,
  ) => Promise<{ bookmarks: readonly Bookmark[]; pages: number }>,
): Promise<number> {
  if (docs.length === 0) return FRONT;
  const headingsOnly = docs.map((d) => ({
    ...d,
    html: `<body>${[...d.html.matchAll(/<h2[^>]*>[\s\S]*?<\/h2>/g)].map((m) => m[0]).join('\n')}</body>`,
  }));
  const file = await staging.write(htmlPath, renderer.render(view, headingsOnly, undefined));
  const print = await printPackPass(file, browser, true);
  const first = print.bookmarks[0]?.page;
  return first === undefined ? FRONT : first - 1;
}

export async function printPack(
  renderer: { render(view: PackView, docs: readonly PackDocument[], pages: PackPages | undefined): string },
  view: PackView,
  docs: readonly PackDocument[],
  expected: PackPages,
  browser: Browser,
  staging: Staging,
  htmlPath: string,
  meta: PdfMeta,
  editionDate: string,
  identity: string,
): Promise<{ bytes: Uint8Array; pages: number; html: string }> {
  const { finishPack, headingTexts, printPackPass } = await import('../print/pack.ts');
  // The bookmarks' titles as the headings read (Chromium's lose the space where a heading wraps).
  const titles = docs.flatMap((d) => headingTexts(d.html));
  // The contents may run past one page: a print of the front alone (each document reduced to its
  // headings, so the contents read the same) says how many pages come before the first document.
  const front = await frontPages(renderer, view, docs, browser, staging, htmlPath, printPackPass);
  let pages = shift(expected, front - FRONT);
  for (let attempt = 0; ; attempt++) {
    const html = renderer.render(view, docs, pages);
    const file = await staging.write(htmlPath, html);
    const print = await printPackPass(file, browser, true);
    const found = measured(print.bookmarks, print.pages);
    if (same(found, pages) || attempt === 2) {
      if (!same(found, pages))
        throw new Error(
          `the pack's page numbers did not settle: expected ${JSON.stringify(pages)}, printed ${JSON.stringify(found)}`,
        );
      return { bytes: await finishPack(print, meta, editionDate, identity, FRONT, titles), pages: print.pages, html };
    }
    pages = found;
  }
}
