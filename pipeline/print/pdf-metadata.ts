// print: sets the PDF's document information and makes its bytes depend only on its inputs.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';
import { smartQuotes } from '../core/quotes.ts';
import { readBookmarks, retitled, writeBookmarks } from './bookmarks.ts';
import { conform, withContentId } from './conformance.ts';

export interface PdfMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly language: string;
  /** The archived edition, kept in the document information as BriefEdition. */
  readonly edition?: string | undefined;
}

/**
 * Chromium stamps the print time into /CreationDate and /ModDate: the only bytes
 * that differ between two prints. Both become the edition date, so the same inputs
 * and date give the same file. The conformance pass (conformance.ts) then makes it PDF/UA-1 and PDF/A-2b.
 */
export async function finishPdf(
  bytes: Uint8Array,
  meta: PdfMeta,
  editionDate: string,
  headings: readonly string[] = [],
): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const bookmarks = readBookmarks(doc);
  const titled = retitled(bookmarks, headings);
  if (titled.some((b, i) => b !== bookmarks[i])) writeBookmarks(doc, titled);
  applyMeta(doc, meta, editionDate);
  conform(doc, meta.language, editionDate);
  const out = withContentId(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
  return { bytes: out, pages: doc.getPageCount() };
}

/**
 * Chromium names tagged elements after its DOM node ids ("node00000282"), which count every node
 * the renderer made before, so the same document printed after another gets other names and other
 * bytes. They are renamed in the order they occur, which depends on the document alone.
 */
function stableStructureIds(doc: PDFDocument): void {
  const names = new Map<string, string>();
  const rename = (o: PDFObject): PDFObject | undefined => {
    if (!(o instanceof PDFString || o instanceof PDFHexString)) return undefined;
    const text = o.decodeText();
    if (!/^node\d+$/.test(text)) return undefined;
    if (!names.has(text)) names.set(text, `node${String(names.size + 1).padStart(8, '0')}`);
    return PDFString.of(names.get(text)!);
  };
  const visit = (o: PDFObject): void => {
    if (o instanceof PDFDict) {
      for (const [key, value] of o.entries()) {
        const renamed = rename(value);
        if (renamed) o.set(key, renamed);
        else visit(value);
      }
    } else if (o instanceof PDFArray) {
      for (let i = 0; i < o.size(); i++) {
        const renamed = rename(o.get(i));
        if (renamed) o.set(i, renamed);
        else visit(o.get(i));
      }
    }
  };
  const objects = doc.context.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
  for (const [, object] of objects) visit(object);
}

/** The document information, with both dates set to the edition date. */
export function applyMeta(doc: PDFDocument, meta: PdfMeta, editionDate: string): void {
  stableStructureIds(doc);
  const when = new Date(`${editionDate}T00:00:00Z`);
  // The viewer's title bar shows the title: its quotes typographic, as the document's own are.
  doc.setTitle(smartQuotes(meta.title, meta.language), { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(smartQuotes(meta.subject, meta.language));
  doc.setKeywords([...meta.keywords]);
  doc.setLanguage(meta.language);
  doc.setCreator('brief');
  doc.setProducer('brief (Chromium, pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  // pdf-lib has no setter for custom keys; its info dictionary is private, hence the cast.
  if (meta.edition)
    (doc as unknown as { getInfoDict(): PDFDict })
      .getInfoDict()
      .set(PDFName.of('BriefEdition'), PDFString.of(meta.edition));
}
