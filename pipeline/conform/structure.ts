// conform: the structure tree read once into plain nodes: each element's standard type (through
// the RoleMap), its path from the root, its page, and the marked content and objects it owns.
import { PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRef } from 'pdf-lib';
import { deref, dictAt, get, items, nameAt, numberAt } from './pdf.ts';

export interface StructNode {
  readonly dict: PDFDict;
  /** The element's object number, when it is stored as its own object. */
  readonly object?: number;
  /** The structure type as written, and as the RoleMap resolves it. */
  readonly raw: string;
  readonly type: string;
  readonly path: string;
  /** 1-based page number: its own /Pg or an ancestor's, else the first page its content is on. */
  page?: number;
  readonly children: StructNode[];
  /** Marked-content ids it owns, each with the page (as a reference string) it is on. */
  readonly mcids: { readonly page: string | undefined; readonly mcid: number }[];
  /** Objects (annotations, XObjects) it owns through OBJR, as reference strings. */
  readonly objects: string[];
}

export interface StructTree {
  readonly root: PDFDict;
  readonly top: StructNode[];
  /** Every element in document order. */
  readonly all: StructNode[];
}

/** Follows the RoleMap until a name that maps no further (at most 16 steps: a loop stops). */
function resolver(doc: PDFDocument, root: PDFDict): (raw: string) => string {
  const map = dictAt(doc, root, 'RoleMap');
  return (raw) => {
    let at = raw;
    for (let i = 0; i < 16; i++) {
      const next = map ? nameAt(doc, map, at) : undefined;
      if (!next || next === at) break;
      at = next;
    }
    return at;
  };
}

export function readStructure(doc: PDFDocument, pages: Map<string, number>): StructTree | undefined {
  const root = dictAt(doc, doc.catalog, 'StructTreeRoot');
  if (!root) return undefined;
  const resolve = resolver(doc, root);
  const seen = new Set<PDFObject>();
  const all: StructNode[] = [];

  const pageRef = (dict: PDFDict): string | undefined => {
    const pg = dict.get(PDFName.of('Pg'));
    return pg instanceof PDFRef ? pg.toString() : undefined;
  };

  const element = (
    dict: PDFDict,
    ref: PDFRef | undefined,
    parentPath: string,
    index: number,
    inheritedPage: string | undefined,
  ): StructNode => {
    const raw = nameAt(doc, dict, 'S') ?? '?';
    const ownPage = pageRef(dict) ?? inheritedPage;
    const node: StructNode = {
      dict,
      ...(ref ? { object: ref.objectNumber } : {}),
      raw,
      type: resolve(raw),
      path: `${parentPath}${parentPath ? '/' : ''}${raw}[${index}]`,
      ...(ownPage && pages.has(ownPage) ? { page: pages.get(ownPage)! } : {}),
      children: [],
      mcids: [],
      objects: [],
    };
    all.push(node);
    const counts = new Map<string, number>();
    for (const item of kids(dict.get(PDFName.of('K')))) {
      const kid = deref(doc, item);
      if (kid instanceof PDFNumber) node.mcids.push({ page: ownPage, mcid: kid.asNumber() });
      if (!(kid instanceof PDFDict) || seen.has(kid)) continue;
      const type = nameAt(doc, kid, 'Type');
      if (type === 'MCR') {
        const mcid = numberAt(doc, kid, 'MCID');
        if (mcid !== undefined && !get(doc, kid, 'Stm')) node.mcids.push({ page: pageRef(kid) ?? ownPage, mcid });
      } else if (type === 'OBJR') {
        const obj = kid.get(PDFName.of('Obj'));
        if (obj instanceof PDFRef) node.objects.push(obj.toString());
      } else if (kid.get(PDFName.of('S'))) {
        seen.add(kid);
        const kidRaw = nameAt(doc, kid, 'S') ?? '?';
        counts.set(kidRaw, (counts.get(kidRaw) ?? 0) + 1);
        node.children.push(
          element(kid, item instanceof PDFRef ? item : undefined, node.path, counts.get(kidRaw)!, ownPage),
        );
      }
    }
    if (node.page === undefined) {
      const drawn = node.mcids.find((m) => m.page && pages.has(m.page))?.page;
      node.page = drawn ? pages.get(drawn) : node.children.find((c) => c.page !== undefined)?.page;
    }
    return node;
  };

  const kids = (k: PDFObject | undefined): PDFObject[] => {
    const at = deref(doc, k);
    return at instanceof PDFDict || at instanceof PDFNumber ? [k!] : items(doc, k);
  };

  const top: StructNode[] = [];
  const counts = new Map<string, number>();
  for (const item of kids(root.get(PDFName.of('K')))) {
    const kid = deref(doc, item);
    if (!(kid instanceof PDFDict) || seen.has(kid)) continue;
    seen.add(kid);
    const raw = nameAt(doc, kid, 'S') ?? '?';
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
    top.push(element(kid, item instanceof PDFRef ? item : undefined, '', counts.get(raw)!, undefined));
  }
  return { root, top, all };
}

/** Each element's descendants, depth first, not entering elements `stop` accepts. */
export function descendants(node: StructNode, stop: (n: StructNode) => boolean = () => false): StructNode[] {
  const out: StructNode[] = [];
  const visit = (n: StructNode) => {
    for (const c of n.children) {
      out.push(c);
      if (!stop(c)) visit(c);
    }
  };
  visit(node);
  return out;
}
