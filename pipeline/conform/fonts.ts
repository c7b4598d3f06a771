// conform: every font in every page's resources (and in the form XObjects they paint) has its
// program embedded and a way to Unicode: a ToUnicode CMap, or a simple font's standard encoding.
// Each font is reported once, on the first page that uses it.
import { PDFDict, type PDFDocument, PDFName, type PDFObject, PDFRef, PDFStream } from 'pdf-lib';
import { arrayAt, deref, dictAt, get, nameAt } from './pdf.ts';
import type { Report } from './rules.ts';

/** Encodings whose codes map to Unicode without a ToUnicode CMap (for a non-symbolic simple font). */
const KNOWN_ENCODINGS = new Set(['WinAnsiEncoding', 'MacRomanEncoding', 'StandardEncoding', 'MacExpertEncoding']);

interface FontUse {
  readonly font: PDFDict;
  readonly ref: PDFRef | undefined;
  readonly key: string;
  readonly page: number;
}

/** The fonts of a resource dictionary, then those of the form XObjects it holds (each visited once). */
function fontsOf(doc: PDFDocument, resources: PDFDict | undefined, page: number, seen: Set<PDFObject>): FontUse[] {
  if (!resources || seen.has(resources)) return [];
  seen.add(resources);
  const out: FontUse[] = [];
  const fonts = dictAt(doc, resources, 'Font');
  for (const [key, value] of fonts?.entries() ?? []) {
    const font = deref(doc, value);
    if (font instanceof PDFDict)
      out.push({ font, ref: value instanceof PDFRef ? value : undefined, key: key.decodeText(), page });
  }
  for (const [, value] of dictAt(doc, resources, 'XObject')?.entries() ?? []) {
    const x = deref(doc, value);
    if (x instanceof PDFStream && nameAt(doc, x.dict, 'Subtype') === 'Form')
      out.push(...fontsOf(doc, dictAt(doc, x.dict, 'Resources'), page, seen));
  }
  return out;
}

function embedded(doc: PDFDocument, font: PDFDict): boolean {
  const subtype = nameAt(doc, font, 'Subtype');
  if (subtype === 'Type3') return true; // its glyphs are content streams in the font itself
  const described =
    subtype === 'Type0' ? deref(doc, arrayAt(doc, font, 'DescendantFonts')?.get(0)) : (font as PDFObject);
  const descriptor = described instanceof PDFDict ? dictAt(doc, described, 'FontDescriptor') : undefined;
  return ['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(doc, descriptor, k) instanceof PDFStream);
}

function mapsToUnicode(doc: PDFDocument, font: PDFDict): boolean {
  if (get(doc, font, 'ToUnicode') instanceof PDFStream) return true;
  const subtype = nameAt(doc, font, 'Subtype');
  if (subtype === 'Type0') {
    const encoding = nameAt(doc, font, 'Encoding');
    // Predefined CJK CMaps (not Identity) name a character collection that maps to Unicode.
    return encoding !== undefined && !encoding.startsWith('Identity');
  }
  if (subtype === 'Type3') return false;
  const descriptor = dictAt(doc, font, 'FontDescriptor');
  const flags = descriptor?.get(PDFName.of('Flags'));
  const symbolic = flags !== undefined && (Number(flags.toString()) & 4) !== 0;
  const encoding = get(doc, font, 'Encoding');
  const base =
    encoding instanceof PDFName
      ? encoding.decodeText()
      : encoding instanceof PDFDict
        ? (nameAt(doc, encoding, 'BaseEncoding') ?? 'StandardEncoding')
        : undefined;
  return !symbolic && base !== undefined && KNOWN_ENCODINGS.has(base);
}

export function checkFonts(doc: PDFDocument, report: Report): void {
  const done = new Set<PDFDict>();
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const resources = page.node.Resources(); // inherited from the page tree when the page has none
    for (const use of fontsOf(doc, resources, i + 1, new Set())) {
      if (done.has(use.font)) continue;
      done.add(use.font);
      const base = nameAt(doc, use.font, 'BaseFont') ?? use.key;
      const place = { page: use.page, ...(use.ref ? { object: use.ref.objectNumber } : {}) };
      if (!embedded(doc, use.font)) report('31-011', place, `${base} (/${use.key})`);
      if (!mapsToUnicode(doc, use.font)) report('10-001', place, `${base} (/${use.key})`);
    }
  });
}
