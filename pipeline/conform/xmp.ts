// conform: the XMP metadata, read with a namespace-aware XML parser (xmldom): present and readable,
// dc:title, the PDF/UA and PDF/A identifiers, an extension schema for every property outside the
// schemas PDF/A predefines, and the same title, author, subject, keywords, producer and dates as Info.
import { DOMParser } from '@xmldom/xmldom';
import { PDFDict, type PDFDocument, PDFStream } from 'pdf-lib';
import { infoDict } from './document.ts';
import { get, name, objectOf, streamBytes, textAt } from './pdf.ts';
import type { Report } from './rules.ts';

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdfuaid: 'http://www.aiim.org/pdfua/ns/id/',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  pdfaSchema: 'http://www.aiim.org/pdfa/ns/schema#',
} as const;

/** Schemas PDF/A-2 and -3 know without an extension schema (ISO 19005-2, 6.6.2.3.1: XMP 2005). */
const PREDEFINED = new Set<string>([
  NS.dc,
  NS.pdf,
  NS.xmp,
  NS.pdfaid,
  'http://ns.adobe.com/xap/1.0/rights/',
  'http://ns.adobe.com/xap/1.0/mm/',
  'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#',
  'http://ns.adobe.com/xap/1.0/sType/ResourceRef#',
  'http://ns.adobe.com/xap/1.0/sType/Version#',
  'http://ns.adobe.com/xmp/Identifier/qual/1.0/',
  'http://ns.adobe.com/xap/1.0/bj/',
  'http://ns.adobe.com/xap/1.0/t/pg/',
  'http://ns.adobe.com/xmp/1.0/DynamicMedia/',
  'http://ns.adobe.com/photoshop/1.0/',
  'http://ns.adobe.com/camera-raw-settings/1.0/',
  'http://ns.adobe.com/exif/1.0/',
  'http://ns.adobe.com/exif/1.0/aux/',
  'http://ns.adobe.com/tiff/1.0/',
  'http://www.aiim.org/pdfa/ns/extension/',
  NS.pdfaSchema,
  'http://www.aiim.org/pdfa/ns/property#',
  'http://www.aiim.org/pdfa/ns/type#',
  'http://www.aiim.org/pdfa/ns/field#',
]);

/** One top-level XMP property: its text, or the items of its Alt/Seq/Bag (x-default first). */
interface Property {
  readonly ns: string;
  readonly name: string;
  readonly values: readonly string[];
}

export interface Xmp {
  readonly properties: readonly Property[];
  /** The namespaces the extension schemas describe. */
  readonly described: ReadonlySet<string>;
}

const children = (e: Element): Element[] =>
  Array.from({ length: e.childNodes.length }, (_, i) => e.childNodes.item(i)).filter(
    (n): n is Element => n?.nodeType === 1,
  );

function valuesOf(e: Element): string[] {
  const container = children(e).find((c) => c.namespaceURI === NS.rdf && ['Alt', 'Seq', 'Bag'].includes(c.localName));
  if (!container) return [e.textContent ?? ''];
  const items = children(container).filter((c) => c.namespaceURI === NS.rdf && c.localName === 'li');
  const isDefault = (li: Element) => li.getAttribute('xml:lang') === 'x-default';
  return [...items.filter(isDefault), ...items.filter((li) => !isDefault(li))].map((li) => li.textContent ?? '');
}

/** The packet parsed, or why it cannot be. */
export function parseXmp(text: string): Xmp | string {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(text, 'text/xml');
  if (errors.length || !doc.documentElement) return errors[0]?.split('\n')[0] ?? 'not XML';
  const rdf = doc.getElementsByTagNameNS(NS.rdf, 'RDF').item(0);
  if (!rdf) return 'no rdf:RDF element';
  const properties: Property[] = [];
  for (const d of children(rdf).filter((c) => c.namespaceURI === NS.rdf && c.localName === 'Description')) {
    for (let i = 0; i < d.attributes.length; i++) {
      const a = d.attributes.item(i)!;
      if (!a.namespaceURI || a.namespaceURI === NS.rdf || a.namespaceURI === 'http://www.w3.org/2000/xmlns/') continue;
      properties.push({ ns: a.namespaceURI, name: a.localName ?? a.name, values: [a.value] });
    }
    for (const c of children(d)) properties.push({ ns: c.namespaceURI ?? '', name: c.localName, values: valuesOf(c) });
  }
  const uris = doc.getElementsByTagNameNS(NS.pdfaSchema, 'namespaceURI');
  const described = new Set(Array.from({ length: uris.length }, (_, i) => uris.item(i)?.textContent?.trim() ?? ''));
  return { properties, described };
}

const first = (xmp: Xmp, ns: string, name: string): string | undefined =>
  xmp.properties.find((p) => p.ns === ns && p.name === name)?.values[0];

/** A PDF date (D:YYYYMMDDHHmmSS+HH'mm') or an XMP date, as milliseconds; undefined if neither. */
export function instant(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}?'?)?/.exec(text.trim());
  if (pdf) {
    const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone = 'Z'] = pdf;
    const z = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(/'/g, '').padEnd(2, '0')}`;
    return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${z}`);
  }
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/** Reads and checks the catalog's XMP; returns what it says for the checks that depend on it. */
export function checkXmp(doc: PDFDocument, report: Report): { pdfaPart?: string } {
  const raw = doc.catalog.get(name('Metadata'));
  const stream = get(doc, doc.catalog, 'Metadata');
  const place = objectOf(raw) === undefined ? {} : { object: objectOf(raw)! };
  if (!(stream instanceof PDFStream)) {
    report('06-001', {});
    return {};
  }
  const bytes = streamBytes(stream);
  const xmp = bytes ? parseXmp(new TextDecoder().decode(bytes)) : 'its stream cannot be decoded';
  if (typeof xmp === 'string') {
    report('6.6.2.1', place, xmp);
    return {};
  }
  const ua = first(xmp, NS.pdfuaid, 'part');
  if (ua === undefined) report('06-002', place);
  else if (ua.trim() !== '1') report('06-002', place, `pdfuaid:part is ${ua}`);
  for (const ns of new Set(xmp.properties.map((p) => p.ns)))
    if (!PREDEFINED.has(ns) && !xmp.described.has(ns)) report('6.6.2.3.1', place, ns);
  const title = first(xmp, NS.dc, 'title');
  if (!title?.trim()) report('06-003', place);
  const part = first(xmp, NS.pdfaid, 'part')?.trim();
  const conformance = first(xmp, NS.pdfaid, 'conformance')?.trim();
  if (part === undefined || conformance === undefined)
    report('6.6.4', place, `pdfaid:${part === undefined ? 'part' : 'conformance'} is missing`);
  else if (!['2', '3'].includes(part) || !['A', 'B', 'U'].includes(conformance))
    report('6.6.4', place, `pdfaid:part ${part}, conformance ${conformance}`);
  checkInfoSync(doc, xmp, report, place);
  return part === undefined ? {} : { pdfaPart: part };
}

/** ISO 19005-2 6.6.3: every Info entry has its XMP equivalent, with the same value. */
function checkInfoSync(doc: PDFDocument, xmp: Xmp, report: Report, place: { object?: number }): void {
  const info = infoDict(doc);
  if (!(info instanceof PDFDict)) return;
  const pairs: [string, string, string | undefined, boolean][] = [
    ['Title', 'dc:title', first(xmp, NS.dc, 'title'), false],
    [
      'Author',
      'dc:creator',
      xmp.properties.find((p) => p.ns === NS.dc && p.name === 'creator')?.values.join(', '),
      false,
    ],
    ['Subject', 'dc:description', first(xmp, NS.dc, 'description'), false],
    ['Keywords', 'pdf:Keywords', first(xmp, NS.pdf, 'Keywords'), false],
    ['Producer', 'pdf:Producer', first(xmp, NS.pdf, 'Producer'), false],
    ['Creator', 'xmp:CreatorTool', first(xmp, NS.xmp, 'CreatorTool'), false],
    ['CreationDate', 'xmp:CreateDate', first(xmp, NS.xmp, 'CreateDate'), true],
    ['ModDate', 'xmp:ModifyDate', first(xmp, NS.xmp, 'ModifyDate'), true],
  ];
  for (const [key, property, inXmp, isDate] of pairs) {
    const inInfo = textAt(doc, info, key);
    if (inInfo === undefined) continue;
    const same = isDate ? instant(inInfo) === instant(inXmp) : inInfo === inXmp;
    if (!same)
      report(
        '6.6.3',
        place,
        inXmp === undefined
          ? `Info /${key} is "${inInfo}" but the XMP has no ${property}`
          : `Info /${key} is "${inInfo}" but ${property} is "${inXmp}"`,
      );
  }
}
