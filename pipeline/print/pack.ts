// print: a pack's HTML → its PDF. Chromium has no target-counter(), so each print returns its
// bookmarks too: where each document and each of its top headings landed (pack/pack-print.ts fills
// in the contents page from them and prints again). The last print's bookmarks are then nested
// pack → document → headings.
import { readFile } from 'node:fs/promises';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { RenderError } from '../core/diagnostics.ts';
import { readBookmarks, retitled, writeBookmarks, type Bookmark } from './bookmarks.ts';
import { preparePage, printRaw } from './index.ts';
import { conform, withContentId } from './conformance.ts';
import { applyMeta, type PdfMeta } from './pdf-metadata.ts';

export { headingTexts, type Bookmark } from './bookmarks.ts';

export interface PackPrint {
  /** The PDF as Chromium made it, parsed (reading its bookmarks changed nothing): finishPack works on it. */
  readonly doc: PDFDocument;
  readonly pages: number;
  /** Top-level bookmarks: one per document (its title heading), with its headings below. */
  readonly bookmarks: readonly Bookmark[];
}

/** A PDF's page count and bookmarks, read from its file; undefined when it cannot be read. */
export async function pdfBookmarks(file: string): Promise<{ pages: number; bookmarks: Bookmark[] } | undefined> {
  try {
    const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false, parseSpeed: Infinity });
    return { pages: doc.getPageCount(), bookmarks: readBookmarks(doc) };
  } catch {
    return undefined;
  }
}

/** Prints a pack's HTML file once. */
export async function printPackPass(html: string, browser: Browser, tagged: boolean): Promise<PackPrint> {
  const refused = { current: [] as string[] };
  const page = await preparePage(browser, refused);
  try {
    const raw = await printRaw(page, html, tagged);
    if (refused.current.length) {
      throw new RenderError(
        `${refused.current.length} network request(s) were refused while printing the pack: ${refused.current.slice(0, 3).join(', ')}`,
        'documents must not load anything from the network: inline images and styles, or put them in the project',
      );
    }
    const doc = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: Infinity });
    return { doc, pages: doc.getPageCount(), bookmarks: readBookmarks(doc) };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * The finished pack: bookmarks nested under the pack's title and "Contents", the document
 * information, both dates the edition date, made PDF/UA-1 and PDF/A-2b (conformance.ts) with a
 * document ID derived from the finished bytes, so the same inputs and date give the same bytes.
 */
export async function finishPack(
  print: PackPrint,
  meta: PdfMeta,
  editionDate: string,
  contentsPage: number,
  titles: readonly string[],
): Promise<Uint8Array> {
  // The print as parsed to read its bookmarks: parsing the pack again cost as much as the first time.
  const doc = print.doc;
  const pageDest = (n: number) => doc.context.obj([doc.getPages()[n - 1]!.ref, PDFName.of('Fit')]);
  writeBookmarks(doc, [
    {
      title: meta.title,
      dest: pageDest(1),
      page: 1,
      children: [
        { title: 'Contents', dest: pageDest(contentsPage), page: contentsPage, children: [] },
        ...retitled(print.bookmarks, titles),
      ],
    },
  ]);
  applyMeta(doc, meta, editionDate);
  conform(doc, meta.language, editionDate);
  return withContentId(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}
