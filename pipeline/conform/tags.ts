// conform: what the tags must say: every Figure has alternate text, heading levels start at H1 and
// never skip one going down, and tables mark their headers (TH, with a scope unless cells name them).
import { PDFDict, type PDFDocument } from 'pdf-lib';
import { arrayAt, deref, get, items, nameAt, textAt } from './pdf.ts';
import type { Place, Report } from './rules.ts';
import { descendants, type StructNode, type StructTree } from './structure.ts';

const placeOf = (n: StructNode): Place => ({
  ...(n.page === undefined ? {} : { page: n.page }),
  ...(n.object === undefined ? {} : { object: n.object }),
  path: n.path,
});

export function checkFigures(doc: PDFDocument, tree: StructTree, report: Report): void {
  for (const n of tree.all) {
    if (n.type !== 'Figure') continue;
    const alt = textAt(doc, n.dict, 'Alt') ?? textAt(doc, n.dict, 'ActualText');
    if (!alt?.trim()) report('13-004', placeOf(n));
  }
}

export function checkHeadings(tree: StructTree, report: Report): void {
  let previous: number | undefined;
  for (const n of tree.all) {
    const m = /^H([1-6])$/.exec(n.type);
    if (!m) continue;
    const level = Number(m[1]);
    if (previous === undefined && level !== 1) report('14-002', placeOf(n), `it is ${n.type}`);
    else if (previous !== undefined && level > previous + 1)
      report('14-003', placeOf(n), `H${previous} is followed by ${n.type}`);
    previous = level;
  }
}

/** The attribute `key` of owner `owner` (such as Table/Scope), from /A (a dictionary or an array). */
function attribute(doc: PDFDocument, n: StructNode, owner: string, key: string): string | undefined {
  for (const a of items(doc, get(doc, n.dict, 'A'))) {
    const d = deref(doc, a);
    if (d instanceof PDFDict && nameAt(doc, d, 'O') === owner) {
      const v = nameAt(doc, d, key) ?? textAt(doc, d, key);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

export function checkTables(doc: PDFDocument, tree: StructTree, report: Report): void {
  for (const table of tree.all) {
    if (table.type !== 'Table') continue;
    const inner = descendants(table, (n) => n.type === 'Table');
    const th = inner.filter((n) => n.type === 'TH');
    const td = inner.filter((n) => n.type === 'TD');
    if (th.length === 0 && inner.some((n) => n.type === 'THead'))
      report('7.5-headers', placeOf(table), 'its THead has only TD cells');
    // Cells that name their headers (Headers attribute, or /ID on the TH) make scope unnecessary.
    const organised = td.some((c) => hasHeaders(doc, c)) && th.every((c) => textAt(doc, c.dict, 'ID') !== undefined);
    if (organised) continue;
    for (const cell of th) if (attribute(doc, cell, 'Table', 'Scope') === undefined) report('15-003', placeOf(cell));
  }
}

function hasHeaders(doc: PDFDocument, cell: StructNode): boolean {
  for (const a of items(doc, get(doc, cell.dict, 'A'))) {
    const d = deref(doc, a);
    if (d instanceof PDFDict && nameAt(doc, d, 'O') === 'Table' && arrayAt(doc, d, 'Headers')) return true;
  }
  return false;
}
