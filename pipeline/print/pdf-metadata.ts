// print: sets the PDF's document information and makes its bytes depend only on its inputs.
import { PDFDocument } from 'pdf-lib';
import { readBookmarks, retitled, writeBookmarks } from './bookmarks.ts';

export interface PdfMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly language: string;
}

/**
 * Chromium stamps the print time into /CreationDate and /ModDate: the only bytes
 * that differ between two prints. Both become the edition date, so the same inputs
 * and date give the same file.
 */
export async function finishPdf(bytes: Uint8Array, meta: PdfMeta, editionDate: string, headings: readonly string[] = []): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const bookmarks = readBookmarks(doc);
  const titled = retitled(bookmarks, headings);
  if (titled.some((b, i) => b !== bookmarks[i])) writeBookmarks(doc, titled);
  applyMeta(doc, meta, editionDate);
  const out = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes: out, pages: doc.getPageCount() };
}

/** The document information, with both dates set to the edition date. */
export function applyMeta(doc: PDFDocument, meta: PdfMeta, editionDate: string): void {
  const when = new Date(`${editionDate}T00:00:00Z`);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([...meta.keywords]);
  doc.setLanguage(meta.language);
  doc.setCreator('brief');
  doc.setProducer('brief (Chromium, pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
}
