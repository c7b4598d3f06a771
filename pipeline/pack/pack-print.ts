// pack: a pack's print, and its page numbers from that print. Chromium has no target-counter(),
// so the contents page cannot ask where a heading lands: the pack is printed with placeholders
// of the same width as the numbers ("00"), the pages every document and top heading landed on
// are read from that print's bookmarks, and the pack is printed again with them filled in. That
// print's bookmarks must show the same pages (or it is printed again with the pages it really
// has). The bookmarks are read from the bytes Chromium returned, in memory: the one way to learn
// where a print put things is to look at the print.
import type { Browser } from 'puppeteer';
import type { PdfMeta } from '../print/pdf-metadata.ts';
import type { Bookmark } from '../print/pack.ts';
import type { PackDocument, PackPages, PackView } from '../render/pack.ts';
import type { Staging } from '../run/staging.ts';

/** The contents page: the cover comes first. */
const CONTENTS_PAGE = 2;

/** Prints before the page numbers must have settled: the placeholders, the numbers, two more if they moved. */
const PRINTS = 4;

/** The pages the pack's own bookmarks show: one top-level bookmark per document (its title), its headings below. */
function measured(bookmarks: readonly Bookmark[], total: number): PackPages {
  return { total, documents: bookmarks.map((b) => ({ page: b.page, headings: b.children.map((h) => h.page) })) };
}

const same = (a: PackPages, b: PackPages) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Where the documents should land: each on the pages it took printed on its own (the same page
 * size and styles, and each starts a new page), after the cover and as many contents pages as the
 * last print of this pack had (else one). Printed with these numbers first, a pack whose bookmarks
 * agree is done in one print, not two (placeholders, then numbers): the pack's profile was two
 * thirds Chromium printing it twice. One that disagrees is printed again with what it showed.
 * Undefined when a document's PDF cannot be read or is not one top bookmark with its headings.
 */
export async function expectedPages(
  documentPdfs: readonly (string | null)[],
  lastPrint: string | undefined,
): Promise<PackPages | undefined> {
  const { pdfBookmarks } = await import('../print/pack.ts');
  const [last, ...own] = await Promise.all([
    lastPrint ? pdfBookmarks(lastPrint) : undefined,
    ...documentPdfs.map((f) => (f ? pdfBookmarks(f) : undefined)),
  ]);
  const [contents, first] = last?.bookmarks[0]?.children ?? [];
  let page = 1 + (contents && first && first.page > contents.page ? first.page - contents.page : 1) + 1;
  const documents: PackPages['documents'][number][] = [];
  for (const doc of own) {
    if (doc?.bookmarks.length !== 1) return undefined;
    const start = page;
    documents.push({ page: start, headings: doc.bookmarks[0]!.children.map((h) => start + h.page - 1) });
    page += doc.pages;
  }
  return { total: page - 1, documents };
}

export async function printPack(
  renderer: { render(view: PackView, docs: readonly PackDocument[], pages: PackPages | undefined): string },
  view: PackView,
  docs: readonly PackDocument[],
  browser: Browser,
  staging: Staging,
  htmlPath: string,
  meta: PdfMeta,
  editionDate: string,
  /** The pages expected (expectedPages); without them the first print has placeholders. */
  expected?: PackPages,
): Promise<{ bytes: Uint8Array; pages: number; html: string }> {
  const { finishPack, headingTexts, printPackPass } = await import('../print/pack.ts');
  // The bookmarks' titles as the headings read (Chromium's lose the space where a heading wraps).
  const titles = docs.flatMap((d) => headingTexts(d.html));
  let pages: PackPages | undefined = expected;
  for (let print = 1; ; print++) {
    const html = renderer.render(view, docs, pages);
    const file = await staging.write(htmlPath, html);
    const printed = await printPackPass(file, browser, true);
    const found = measured(printed.bookmarks, printed.pages);
    if (pages && same(found, pages))
      return {
        bytes: await finishPack(printed, meta, editionDate, CONTENTS_PAGE, titles),
        pages: printed.pages,
        html,
      };
    if (print === PRINTS)
      throw new Error(
        `the pack's page numbers did not settle: expected ${JSON.stringify(pages)}, printed ${JSON.stringify(found)}`,
      );
    pages = found;
  }
}
