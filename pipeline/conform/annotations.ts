// conform: annotations and the ParentTree. Every Link annotation has alternate text in /Contents and
// sits in a Link element through /StructParent; other annotations sit in Annot elements; a page
// with annotations tabs in structure order; and the ParentTree maps each page's marked content and
// each annotation back to the element that owns it.
import { PDFArray, PDFDict, type PDFDocument, PDFRef } from 'pdf-lib';
import type { PageContent } from './content.ts';
import { deref, dictAt, get, nameAt, numberAt, numberTree, textAt } from './pdf.ts';
import type { Report } from './rules.ts';
import type { StructNode, StructTree } from './structure.ts';
import { plural } from '../core/plural.ts';

/** Annotations that PDF/UA-1 does not ask to be tagged as Annot (Widget belongs in Form). */
const UNTAGGED = new Set(['Link', 'Widget', 'Popup', 'PrinterMark']);

export function checkAnnotations(doc: PDFDocument, tree: StructTree | undefined, report: Report): void {
  const parents = tree ? numberTree(doc, dictAt(doc, tree.root, 'ParentTree')) : new Map();
  const byDict = new Map<PDFDict, StructNode>((tree?.all ?? []).map((n) => [n.dict, n]));
  doc.getPages().forEach((page, i) => {
    const annots = get(doc, page.node, 'Annots');
    const list = annots instanceof PDFArray ? annots.asArray() : [];
    if (list.length === 0) return;
    const pageNo = i + 1;
    const tabs = nameAt(doc, page.node, 'Tabs');
    if (tabs === undefined) report('28-008', { page: pageNo, object: page.ref.objectNumber });
    else if (tabs !== 'S') report('28-009', { page: pageNo, object: page.ref.objectNumber }, `it is /${tabs}`);
    for (const item of list) {
      const annot = deref(doc, item);
      if (!(annot instanceof PDFDict)) continue;
      const subtype = nameAt(doc, annot, 'Subtype') ?? '?';
      const place = { page: pageNo, ...(item instanceof PDFRef ? { object: item.objectNumber } : {}) };
      const contents = textAt(doc, annot, 'Contents');
      if (subtype === 'Link' && !contents?.trim()) {
        const uri = textAt(doc, dictAt(doc, annot, 'A'), 'URI');
        report('28-012', place, uri ? `it goes to ${uri}` : undefined);
      } else if (!UNTAGGED.has(subtype) && !contents?.trim()) report('28-004', place, `a ${subtype} annotation`);
      if (subtype === 'Widget' || subtype === 'Popup' || subtype === 'PrinterMark') continue;
      const rule = subtype === 'Link' ? '28-011' : '28-002';
      const expected = subtype === 'Link' ? 'Link' : 'Annot';
      const key = numberAt(doc, annot, 'StructParent');
      if (key === undefined) {
        report(rule, place, 'it has no /StructParent');
        continue;
      }
      const owner = deref(doc, parents.get(key));
      const node = owner instanceof PDFDict ? byDict.get(owner) : undefined;
      if (!node) report(rule, place, `ParentTree entry ${key} is not a structure element of the tree`);
      else if (node.type !== expected) report(rule, place, `its element is ${node.path}, not ${expected}`);
      else if (item instanceof PDFRef && !node.objects.includes(item.toString()))
        report('14.7.4.4', { ...place, path: node.path }, `${node.path} has no OBJR to this annotation`);
    }
  });
}

/** Every MCID a page draws has an entry in the page's ParentTree array, naming the element that owns it. */
export function checkParentTree(
  doc: PDFDocument,
  tree: StructTree,
  contents: readonly PageContent[],
  report: Report,
): void {
  const parentTree = dictAt(doc, tree.root, 'ParentTree');
  const drawsTagged = contents.some((c) => c.mcids.size > 0);
  if (!parentTree) {
    if (drawsTagged) report('14.7.4.4', {}, 'the StructTreeRoot has no ParentTree');
    return;
  }
  const parents = numberTree(doc, parentTree);
  const owners = new Map<string, StructNode>();
  for (const n of tree.all) for (const m of n.mcids) owners.set(`${m.page} ${m.mcid}`, n);
  const pages = doc.getPages();
  for (const c of contents) {
    if (c.mcids.size === 0) continue;
    const page = pages[c.page - 1]!;
    const place = { page: c.page, object: page.ref.objectNumber };
    const key = numberAt(doc, page.node, 'StructParents');
    if (key === undefined) {
      report('14.7.4.4', place, `the page draws ${plural(c.mcids.size, 'tagged sequence')} but has no /StructParents`);
      continue;
    }
    const entry = deref(doc, parents.get(key));
    if (!(entry instanceof PDFArray)) {
      report('14.7.4.4', place, `ParentTree entry ${key} (the page's /StructParents) is not an array`);
      continue;
    }
    const missing: number[] = [];
    const wrong: number[] = [];
    for (const mcid of [...c.mcids].sort((a, b) => a - b)) {
      const element = mcid < entry.size() ? deref(doc, entry.get(mcid)) : undefined;
      const owner = owners.get(`${page.ref.toString()} ${mcid}`);
      if (!(element instanceof PDFDict)) missing.push(mcid);
      else if (owner && owner.dict !== element) wrong.push(mcid);
      else if (!owner) missing.push(mcid);
    }
    if (missing.length)
      report(
        '14.7.4.4',
        place,
        `MCID ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''} belong to no element`,
      );
    if (wrong.length)
      report(
        '14.7.4.4',
        place,
        `MCID ${wrong.slice(0, 5).join(', ')}${wrong.length > 5 ? '…' : ''} map to another element than the one that owns them`,
      );
  }
}
