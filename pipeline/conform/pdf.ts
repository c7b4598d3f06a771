// conform: reading pdf-lib's low-level objects: a dictionary's entry followed through references,
// names and strings as text, object numbers, and which page a reference is.
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument,
} from 'pdf-lib';

export const name = (n: string) => PDFName.of(n);

/** The object itself, or what a reference points at. */
export function deref(doc: PDFDocument, o: PDFObject | undefined): PDFObject | undefined {
  let seen = 0;
  let at = o;
  while (at instanceof PDFRef && seen++ < 32) at = doc.context.lookup(at);
  return at instanceof PDFRef ? undefined : at;
}

/** `dict[key]`, followed through references. */
export const get = (doc: PDFDocument, dict: PDFDict | undefined, key: string): PDFObject | undefined =>
  dict ? deref(doc, dict.get(name(key))) : undefined;

export function dictAt(doc: PDFDocument, dict: PDFDict | undefined, key: string): PDFDict | undefined {
  const o = get(doc, dict, key);
  if (o instanceof PDFDict) return o;
  if (o instanceof PDFStream) return o.dict;
  return undefined;
}

export function arrayAt(doc: PDFDocument, dict: PDFDict | undefined, key: string): PDFArray | undefined {
  const o = get(doc, dict, key);
  return o instanceof PDFArray ? o : undefined;
}

/** A name without its slash, or undefined. */
export function nameAt(doc: PDFDocument, dict: PDFDict | undefined, key: string): string | undefined {
  const o = get(doc, dict, key);
  return o instanceof PDFName ? o.decodeText() : undefined;
}

export function textOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return undefined;
}

export const textAt = (doc: PDFDocument, dict: PDFDict | undefined, key: string): string | undefined =>
  textOf(get(doc, dict, key));

export function numberAt(doc: PDFDocument, dict: PDFDict | undefined, key: string): number | undefined {
  const o = get(doc, dict, key);
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

export function boolAt(doc: PDFDocument, dict: PDFDict | undefined, key: string): boolean | undefined {
  const o = get(doc, dict, key);
  return o instanceof PDFBool ? o.asBoolean() : undefined;
}

/** The items of an array, or the one object (PDF allows either in /K, /A, /AF…). */
export function items(doc: PDFDocument, o: PDFObject | undefined): PDFObject[] {
  const at = deref(doc, o);
  if (at === undefined) return [];
  if (at instanceof PDFArray) return at.asArray();
  return [at];
}

/** The decoded bytes of a stream (Flate and the other filters pdf-lib knows). */
export function streamBytes(stream: PDFStream): Uint8Array | undefined {
  try {
    if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
    return stream.getContents();
  } catch {
    return undefined;
  }
}

/** Each page's reference (as "n g") → its 1-based number. */
export function pageNumbers(doc: PDFDocument): Map<string, number> {
  return new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
}

/** Every value of a number tree (ParentTree), by key. */
export function numberTree(doc: PDFDocument, root: PDFDict | undefined): Map<number, PDFObject> {
  const out = new Map<number, PDFObject>();
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const nums = arrayAt(doc, node, 'Nums');
    if (nums) {
      for (let i = 0; i + 1 < nums.size(); i += 2) {
        const key = deref(doc, nums.get(i));
        if (key instanceof PDFNumber) out.set(key.asNumber(), nums.get(i + 1));
      }
    }
    for (const kid of arrayAt(doc, node, 'Kids')?.asArray() ?? []) {
      const d = deref(doc, kid);
      if (d instanceof PDFDict) visit(d, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/** Every value of a name tree (EmbeddedFiles, JavaScript), with its name. */
export function nameTree(doc: PDFDocument, root: PDFDict | undefined): [string, PDFObject][] {
  const out: [string, PDFObject][] = [];
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const names = arrayAt(doc, node, 'Names');
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2)
        out.push([textOf(deref(doc, names.get(i))) ?? '', names.get(i + 1)]);
    }
    for (const kid of arrayAt(doc, node, 'Kids')?.asArray() ?? []) {
      const d = deref(doc, kid);
      if (d instanceof PDFDict) visit(d, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

/** The object number of a reference, for a finding's place. */
export const objectOf = (o: PDFObject | undefined): number | undefined =>
  o instanceof PDFRef ? o.objectNumber : undefined;
