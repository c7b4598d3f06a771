// conform: the conformance check. Runs, on a PDF's bytes, the PDF/UA-1 failure conditions of the
// Matterhorn Protocol that a machine can decide from the file and the PDF/A-2/-3 clauses checkable
// from the file, and names each failure by its rule and where it is (page, object, structure path).
// It is a subset, not a validator: what it cannot check is listed in the README ("Standards").
import { PDFArray, PDFDocument, PDFRef } from 'pdf-lib';
import { checkAnnotations, checkParentTree } from './annotations.ts';
import { readContent } from './content.ts';
import { checkActions, checkCatalog, checkOutputIntent, checkTrailer } from './document.ts';
import { checkEmbeddedFiles } from './embedded.ts';
import { checkFonts } from './fonts.ts';
import { deref, get, pageNumbers } from './pdf.ts';
import { collector, type Finding } from './rules.ts';
import { readStructure } from './structure.ts';
import { checkFigures, checkHeadings, checkTables } from './tags.ts';
import { checkXmp } from './xmp.ts';
import { plural } from '../core/plural.ts';

export { type Finding, whereOf } from './rules.ts';

export interface ConformOptions {
  /** The file's name as findings should show it. */
  readonly file?: string;
}

/** The file cannot be read as a PDF at all. */
export class UnreadablePdfError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} cannot be read as a PDF: ${reason}`);
    this.name = 'UnreadablePdfError';
  }
}

/** Each annotation's object number → its page, for placing what is found in objects. */
function annotationPages(doc: PDFDocument): Map<number, number> {
  const out = new Map<number, number>();
  doc.getPages().forEach((page, i) => {
    const annots = get(doc, page.node, 'Annots');
    for (const a of annots instanceof PDFArray ? annots.asArray() : [])
      if (a instanceof PDFRef) out.set(a.objectNumber, i + 1);
  });
  return out;
}

export async function checkConformance(bytes: Uint8Array, options: ConformOptions = {}): Promise<Finding[]> {
  const file = options.file ?? 'PDF';
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    throw new UnreadablePdfError(file, (err as Error).message.split('\n')[0] ?? 'unknown error');
  }
  const { report, findings } = collector(file);
  checkTrailer(doc, report);
  // Strings and streams of an encrypted file are ciphertext: nothing more can be read without its key.
  if (deref(doc, doc.context.trailerInfo.Encrypt) !== undefined) return findings;
  checkCatalog(doc, report);
  const { pdfaPart } = checkXmp(doc, report);
  checkOutputIntent(doc, report);
  checkActions(doc, report, annotationPages(doc));
  checkFonts(doc, report);
  checkEmbeddedFiles(doc, report, pdfaPart);
  const tree = readStructure(doc, pageNumbers(doc));
  if (tree) {
    checkFigures(doc, tree, report);
    checkHeadings(tree, report);
    checkTables(doc, tree, report);
  }
  checkAnnotations(doc, tree, report);
  const contents = await readContent(bytes).catch((err: Error) => {
    throw new UnreadablePdfError(file, `pdf.js cannot read its pages (${err.message.split('\n')[0]})`);
  });
  for (const c of contents) {
    const place = { page: c.page, object: doc.getPages()[c.page - 1]!.ref.objectNumber };
    if (c.untaggedText)
      report('01-005', place, `${plural(c.untaggedText, 'text-showing operator')} outside marked content`);
    if (c.untaggedImages)
      report('01-005', place, `${plural(c.untaggedImages, 'image')} painted outside marked content`);
    if (c.artifactInTagged) report('01-003', place, plural(c.artifactInTagged, 'time'));
    if (c.taggedInArtifact) report('01-004', place, plural(c.taggedInArtifact, 'time'));
  }
  if (tree) checkParentTree(doc, tree, contents, report);
  return findings;
}
