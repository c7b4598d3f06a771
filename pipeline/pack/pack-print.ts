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

export async function printPack(
  renderer: { render(view: PackView, docs: readonly PackDocument[], pages: PackPages | undefined): string },
  view: PackView,
  docs: readonly PackDocument[],
  browser: Browser,
  staging: Staging,
  htmlPath: string,
  meta: PdfMeta,
  editionDate: string,
): Promise<{ bytes: Uint8Array; pages: number; html: string }> {
  const { finishPack, headingTexts, printPackPass } = await import('../print/pack.ts');
  // The bookmarks' titles as the headings read (Chromium's lose the space where a heading wraps).
  const titles = docs.flatMap((d) => headingTexts(d.html));
  let pages: PackPages | undefined;
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
