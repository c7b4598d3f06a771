// conform: what the catalog and the trailer must say: tagged (MarkInfo, StructTreeRoot), language,
// title shown, a file identifier, no encryption, an OutputIntent with an ICC profile, and no
// JavaScript or Launch action anywhere in the file.
import { PDFArray, PDFDict, type PDFDocument, PDFRef, PDFStream } from 'pdf-lib';
import { arrayAt, boolAt, deref, dictAt, get, name, nameAt, nameTree, numberAt, textAt, textOf } from './pdf.ts';
import type { Report } from './rules.ts';

/** The Info dictionary, if the trailer names one. */
export function infoDict(doc: PDFDocument): PDFDict | undefined {
  const info = deref(doc, doc.context.trailerInfo.Info);
  return info instanceof PDFDict ? info : undefined;
}

export function checkCatalog(doc: PDFDocument, report: Report): void {
  const catalog = doc.catalog;
  const mark = dictAt(doc, catalog, 'MarkInfo');
  if (boolAt(doc, mark, 'Marked') !== true) report('7.1-marked', {});
  if (boolAt(doc, mark, 'Suspects') === true) report('7.1-suspects', {});
  if (!dictAt(doc, catalog, 'StructTreeRoot')) report('7.1-tree', {});
  const lang = textAt(doc, catalog, 'Lang');
  if (!lang?.trim()) report('11-006', {});
  const prefs = dictAt(doc, catalog, 'ViewerPreferences');
  const display = boolAt(doc, prefs, 'DisplayDocTitle');
  if (display === undefined) report('07-001', {});
  else if (!display) report('07-002', {});
  if (!textAt(doc, infoDict(doc), 'Title')?.trim()) report('7.1-title', {});
}

export function checkTrailer(doc: PDFDocument, report: Report): void {
  const id = deref(doc, doc.context.trailerInfo.ID);
  if (!(id instanceof PDFArray) || id.size() !== 2 || id.asArray().some((s) => textOf(s) === undefined))
    report('6.1.3-id', {}, id === undefined ? undefined : 'it is not an array of two strings');
  const encrypt = deref(doc, doc.context.trailerInfo.Encrypt);
  if (encrypt instanceof PDFDict) {
    report('6.1.3-encrypt', {});
    const p = numberAt(doc, encrypt, 'P');
    if (p === undefined) report('26-001', {});
    else if ((p & (1 << 9)) === 0) report('26-002', {});
  }
}

export function checkOutputIntent(doc: PDFDocument, report: Report): void {
  const intents = arrayAt(doc, doc.catalog, 'OutputIntents')?.asArray() ?? [];
  const pdfa = intents
    .map((i) => deref(doc, i))
    .filter((i): i is PDFDict => i instanceof PDFDict && nameAt(doc, i, 'S') === 'GTS_PDFA1');
  if (pdfa.length === 0) {
    report('6.2.3', {}, intents.length ? 'none has /S /GTS_PDFA1' : 'no /OutputIntents in the catalog');
    return;
  }
  for (const intent of pdfa) {
    const profile = get(doc, intent, 'DestOutputProfile');
    if (!(profile instanceof PDFStream)) report('6.2.3', {}, 'the output intent has no /DestOutputProfile stream');
    else if (![1, 3, 4].includes(numberAt(doc, profile.dict, 'N') ?? 0))
      report('6.2.3', {}, 'the ICC profile has no /N (1, 3 or 4 colour components)');
  }
}

const FORBIDDEN_ACTIONS = new Set(['JavaScript', 'Launch']);

/**
 * Scripts and launches: a JavaScript name tree, an /AA on the catalog or a page, and any action
 * dictionary of a forbidden type or carrying /JS, wherever it sits (OpenAction, links, outlines).
 */
export function checkActions(doc: PDFDocument, report: Report, pageOfObject: Map<number, number>): void {
  const names = dictAt(doc, doc.catalog, 'Names');
  const scripts = nameTree(doc, dictAt(doc, names, 'JavaScript'));
  if (scripts.length)
    report('6.5.1', {}, `a document-level JavaScript name tree (${scripts.map(([n]) => n).join(', ')})`);
  if (get(doc, doc.catalog, 'AA')) report('6.5.2', {}, 'on the catalog');
  doc.getPages().forEach((page, i) => {
    if (get(doc, page.node, 'AA')) report('6.5.2', { page: i + 1, object: page.ref.objectNumber }, 'on the page');
  });
  for (const [ref, o] of doc.context.enumerateIndirectObjects()) {
    const dict = o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined;
    if (!dict) continue;
    // An action stored as its own object is met in this loop; one written inline, only through its holder.
    const inline = ['A', 'OpenAction']
      .filter((key) => !(dict.get(name(key)) instanceof PDFRef))
      .map((key) => dictAt(doc, dict, key));
    for (const action of [dict, ...inline]) {
      if (!action) continue;
      const type = nameAt(doc, action, 'S');
      const kind = type && FORBIDDEN_ACTIONS.has(type) ? type : get(doc, action, 'JS') ? 'JavaScript' : undefined;
      if (!kind) continue;
      const page = pageOfObject.get(ref.objectNumber);
      report('6.5.1', { ...(page ? { page } : {}), object: ref.objectNumber }, `a ${kind} action`);
      break;
    }
  }
}
