// print: a PDF's bookmarks as a tree, read and written with pdf-lib. Chromium makes them from the
// headings (outline: true), but takes each title from the laid-out lines, so a heading that wraps
// loses the space at the break ("Iran'ssecurity"); titles are put back from the headings' text.
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

/** A bookmark: its title, where it points (as Chromium wrote it) and the 1-based page that is. */
export interface Bookmark {
  readonly title: string;
  readonly dest: PDFObject;
  readonly page: number;
  readonly children: readonly Bookmark[];
}

const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : '');

/** The document's bookmarks, as a tree. */
export function readBookmarks(doc: PDFDocument): Bookmark[] {
  const pages = doc.getPages().map((p) => p.ref);
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFObject | undefined): Bookmark[] => {
    const items: Bookmark[] = [];
    let ref = first;
    while (ref instanceof PDFRef) {
      const item = doc.context.lookup(ref, PDFDict);
      let dest = item.get(PDFName.of('Dest'));
      if (dest === undefined) dest = item.lookupMaybe(PDFName.of('A'), PDFDict)?.get(PDFName.of('D'));
      const target =
        dest instanceof PDFArray
          ? dest.get(0)
          : dest instanceof PDFRef
            ? doc.context.lookup(dest, PDFArray).get(0)
            : undefined;
      const page = target instanceof PDFRef ? pages.findIndex((p) => p.objectNumber === target.objectNumber) + 1 : 0;
      items.push({
        title: text(item.lookup(PDFName.of('Title'))),
        dest: dest ?? PDFArray.withContext(doc.context),
        page,
        children: walk(item.get(PDFName.of('First'))),
      });
      ref = item.get(PDFName.of('Next'));
    }
    return items;
  };
  return outlines ? walk(outlines.get(PDFName.of('First'))) : [];
}

/** Replaces the bookmarks with `roots`; the first level open, deeper levels closed. */
/** Every bookmark's title replaced, depth first, by `titles` (when there are as many). */
export function retitled(bookmarks: readonly Bookmark[], titles: readonly string[]): Bookmark[] {
  let i = 0;
  const count = (b: readonly Bookmark[]): number => b.reduce((n, x) => n + 1 + count(x.children), 0);
  if (count(bookmarks) !== titles.length) return [...bookmarks];
  const walk = (b: readonly Bookmark[]): Bookmark[] =>
    b.map((x) => ({ ...x, title: titles[i++]!, children: walk(x.children) }));
  return walk(bookmarks);
}

/** The text of every heading of an HTML document we made, in order, as a reader sees it. */
export function headingTexts(html: string): string[] {
  const decode = (t: string) =>
    t
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((m) =>
    decode(m[1]!.replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

export function writeBookmarks(doc: PDFDocument, roots: readonly Bookmark[]): void {
  const ctx = doc.context;
  // The old items would stay in the file as unreachable objects: drop them.
  const old = doc.catalog.get(PDFName.of('Outlines'));
  const drop = (ref: PDFObject | undefined) => {
    for (let r = ref; r instanceof PDFRef; ) {
      const item = ctx.lookup(r, PDFDict);
      drop(item.get(PDFName.of('First')));
      ctx.delete(r);
      r = item.get(PDFName.of('Next'));
    }
  };
  if (old instanceof PDFRef) {
    drop(ctx.lookup(old, PDFDict).get(PDFName.of('First')));
    ctx.delete(old);
  }
  const outlinesRef = ctx.nextRef();
  const build = (
    nodes: readonly Bookmark[],
    parent: PDFRef,
    open: boolean,
  ): { first: PDFRef; last: PDFRef; visible: number } => {
    const refs = nodes.map(() => ctx.nextRef());
    let visible = 0;
    nodes.forEach((node, i) => {
      const dict = ctx.obj({ Title: PDFHexString.fromText(node.title), Parent: parent, Dest: node.dest });
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      visible += 1;
      if (node.children.length) {
        const sub = build(node.children, refs[i]!, false);
        dict.set(PDFName.of('First'), sub.first);
        dict.set(PDFName.of('Last'), sub.last);
        // An open item counts what it shows; a closed one, negated, what it would show.
        dict.set(PDFName.of('Count'), PDFNumber.of(open ? sub.visible : -node.children.length));
        if (open) visible += sub.visible;
      }
      ctx.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, visible };
  };
  const top = build(roots, outlinesRef, true);
  ctx.assign(
    outlinesRef,
    ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.visible) }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
}
