// conform: embedded files (PDF/A-3 clause 6.8, Matterhorn 21-001): each file specification has F
// and UF names and an AFRelationship and is listed in the catalog's /AF; its embedded stream has a
// MIME /Subtype and /Params with a ModDate. A file claiming PDF/A-2 may embed none of its own.
import { PDFDict, type PDFDocument, PDFRef, PDFStream } from 'pdf-lib';
import { arrayAt, deref, dictAt, get, nameAt, nameTree, textAt } from './pdf.ts';
import type { Report } from './rules.ts';

export function checkEmbeddedFiles(doc: PDFDocument, report: Report, pdfaPart: string | undefined): void {
  const tree = dictAt(doc, dictAt(doc, doc.catalog, 'Names'), 'EmbeddedFiles');
  const specs = nameTree(doc, tree);
  if (specs.length === 0) return;
  const af = new Set((arrayAt(doc, doc.catalog, 'AF')?.asArray() ?? []).map((o) => deref(doc, o)));
  for (const [label, value] of specs) {
    const spec = deref(doc, value);
    if (!(spec instanceof PDFDict)) continue;
    const place = value instanceof PDFRef ? { object: value.objectNumber } : {};
    const named = `"${textAt(doc, spec, 'UF') ?? textAt(doc, spec, 'F') ?? label}"`;
    if (pdfaPart === '2') report('6.8-a2', place, named);
    if (textAt(doc, spec, 'F') === undefined || textAt(doc, spec, 'UF') === undefined) report('21-001', place, named);
    const problems: string[] = [];
    if (!nameAt(doc, spec, 'AFRelationship')) problems.push('no /AFRelationship');
    if (!af.has(spec)) problems.push("not in the catalog's /AF");
    const stream = get(doc, dictAt(doc, spec, 'EF'), 'F');
    if (!(stream instanceof PDFStream)) problems.push('no embedded stream (/EF /F)');
    else {
      if (!nameAt(doc, stream.dict, 'Subtype')) problems.push('no MIME /Subtype on its stream');
      if (!textAt(doc, dictAt(doc, stream.dict, 'Params'), 'ModDate')) problems.push('no /Params /ModDate');
    }
    if (problems.length) report('6.8', place, `${named}: ${problems.join('; ')}`);
  }
}
