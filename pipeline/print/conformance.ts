// print: the pass that makes Chromium's tagged PDF a PDF/UA-1 and PDF/A-2b file without losing its
// tags: XMP metadata that says so and agrees with the document information, an sRGB OutputIntent,
// untagged painting marked as artifacts, alternate text on every link, printable annotations, a
// PDF 1.7 header and a trailer /ID derived from the file's own bytes (so it stays reproducible).
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFDocument,
  type PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { markArtifacts } from './artifacts.ts';
import { flateStream } from './flate.ts';
import { srgbProfile } from './srgb.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const alt = (s: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(s)}</rdf:li></rdf:Alt>`;

/** The XMP packet: Dublin Core, PDF and XMP basics mirroring the Info dictionary, and both identifiers. */
export function xmpPacket(doc: PDFDocument, language: string, isoDate: string): string {
  const title = doc.getTitle() ?? '';
  const author = doc.getAuthor() ?? '';
  const subject = doc.getSubject() ?? '';
  const keywords = doc.getKeywords() ?? '';
  const description = (ns: string, body: string) => `<rdf:Description rdf:about="" ${ns}>\n${body}\n</rdf:Description>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    description(
      'xmlns:dc="http://purl.org/dc/elements/1.1/"',
      [
        '<dc:format>application/pdf</dc:format>',
        `<dc:title>${alt(title)}</dc:title>`,
        author && `<dc:creator><rdf:Seq><rdf:li>${xml(author)}</rdf:li></rdf:Seq></dc:creator>`,
        subject && `<dc:description>${alt(subject)}</dc:description>`,
        `<dc:language><rdf:Bag><rdf:li>${xml(language)}</rdf:li></rdf:Bag></dc:language>`,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    description(
      'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
      [
        keywords && `<pdf:Keywords>${xml(keywords)}</pdf:Keywords>`,
        `<pdf:Producer>${xml(doc.getProducer() ?? '')}</pdf:Producer>`,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    description(
      'xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
      [
        `<xmp:CreatorTool>${xml(doc.getCreator() ?? '')}</xmp:CreatorTool>`,
        `<xmp:CreateDate>${isoDate}</xmp:CreateDate>`,
        `<xmp:ModifyDate>${isoDate}</xmp:ModifyDate>`,
        `<xmp:MetadataDate>${isoDate}</xmp:MetadataDate>`,
      ].join('\n'),
    ),
    description(
      'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"',
      '<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>',
    ),
    description('xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"', '<pdfuaid:part>1</pdfuaid:part>'),
    // PDF/A allows only schemas it knows or that the file declares; pdfuaid is declared here, in a
    // description of its own (PDFBox finds the declaration only there).
    description(
      'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"',
      [
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
        '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
        '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
        '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
        '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
        '<pdfaProperty:name>part</pdfaProperty:name>',
        '<pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
        '<pdfaProperty:category>internal</pdfaProperty:category>',
        '<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>',
        '</rdf:li></rdf:Seq></pdfaSchema:property>',
        '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
      ].join('\n'),
    ),
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Each Link structure element's text, keyed by its annotations' references. */
function linkTexts(doc: PDFDocument, texts: readonly Map<number, string>[]): Map<PDFRef, string> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref, i] as const));
  const out = new Map<PDFRef, string>();
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const kids = (o: PDFObject | undefined): PDFObject[] =>
    o instanceof PDFArray ? o.asArray() : o === undefined ? [] : [o];
  // The text under an element, and the annotations it refers to.
  const gather = (elem: PDFDict, page: PDFRef | undefined, acc: { text: string; annots: PDFRef[] }) => {
    const pg = elem.get(PDFName.of('Pg'));
    const here = pg instanceof PDFRef ? pg : page;
    for (const kid of kids(elem.get(PDFName.of('K')))) {
      const k = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (k instanceof PDFNumber) acc.text += texts[pageIndex.get(here!) ?? -1]?.get(k.asNumber()) ?? '';
      else if (k instanceof PDFDict) {
        const type = k.get(PDFName.of('Type'));
        if (type === PDFName.of('OBJR')) {
          const obj = k.get(PDFName.of('Obj'));
          if (obj instanceof PDFRef) acc.annots.push(obj);
        } else if (type === PDFName.of('MCR')) {
          const mcPg = k.get(PDFName.of('Pg'));
          const id = k.get(PDFName.of('MCID'));
          const p = pageIndex.get(mcPg instanceof PDFRef ? mcPg : here!) ?? -1;
          if (id instanceof PDFNumber) acc.text += texts[p]?.get(id.asNumber()) ?? '';
        } else gather(k, here, acc);
      }
    }
  };
  const walk = (o: PDFObject | undefined, depth: number): void => {
    if (depth > 200) return;
    for (const kid of kids(o)) {
      const elem = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
      if (!(elem instanceof PDFDict)) continue;
      if (elem.get(PDFName.of('S')) === PDFName.of('Link')) {
        const acc = { text: '', annots: [] as PDFRef[] };
        gather(elem, undefined, acc);
        const text = acc.text.replace(/\s+/g, ' ').trim();
        for (const a of acc.annots) if (text) out.set(a, text);
      } else walk(elem.get(PDFName.of('K')), depth + 1);
    }
  };
  walk(root?.get(PDFName.of('K')), 0);
  return out;
}

/** /Contents on every link (its text, else where it goes) and the print flag on every annotation (PDF/A). */
function finishAnnotations(doc: PDFDocument, texts: readonly Map<number, string>[]): void {
  const named = linkTexts(doc, texts);
  doc.getPages().forEach((page, n) => {
    const annots = page.node.Annots();
    for (const ref of annots?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      annot.set(PDFName.of('F'), PDFNumber.of(4));
      if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link') || annot.has(PDFName.of('Contents'))) continue;
      const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      // A bare number going somewhere in the document is a note reference ("3" → "Note 3").
      const said = ref instanceof PDFRef ? named.get(ref) : undefined;
      const text =
        (said && !uri && /^\d+$/.test(said) ? `Note ${said}` : said) ||
        uri?.decodeText() ||
        `Link on page ${n + 1} to another part of this document`;
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    }
  });
}

/**
 * Chromium tags <strong> and <em> with PDF 2.0's Strong and Em, which PDF 1.7 (and so PDF/UA-1) does
 * not define: each must be role-mapped to a standard type (poppler: "StructElem object is wrong type").
 */
const PDF2_TYPES: Record<string, string> = { Strong: 'Span', Em: 'Span', Sub: 'Span', Aside: 'Div', FENote: 'Note' };

function roleMap(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  let map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  if (!map) {
    map = doc.context.obj({});
    root.set(PDFName.of('RoleMap'), map);
  }
  for (const [from, to] of Object.entries(PDF2_TYPES))
    if (!map.has(PDFName.of(from))) map.set(PDFName.of(from), PDFName.of(to));
}

/** Everything but the /ID; call after the document information is final. */
export function conform(doc: PDFDocument, language: string, editionDate: string): void {
  const texts = markArtifacts(doc.getPages());
  finishAnnotations(doc, texts);
  roleMap(doc);
  const profile = flateStream(doc.context, srgbProfile(), { N: 3 });
  doc.catalog.set(
    PDFName.of('OutputIntents'),
    doc.context.obj([
      {
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
        Info: PDFString.of('sRGB IEC61966-2.1'),
        RegistryName: PDFString.of('http://www.color.org'),
        DestOutputProfile: doc.context.register(profile),
      },
    ]),
  );
  const packet = new TextEncoder().encode(xmpPacket(doc, language, `${editionDate}T00:00:00Z`));
  const metadata = doc.context.stream(packet, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
  doc.context.header = PDFHeader.forVersion(1, 7);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(PLACEHOLDER), PDFHexString.of(PLACEHOLDER)]);
}

const PLACEHOLDER = '0'.repeat(32);

/**
 * The saved file with its /ID filled in: the MD5 of the file as saved with a placeholder there, so
 * it depends on the content alone, as qpdf's --deterministic-id does.
 */
export function withContentId(saved: Uint8Array): Uint8Array {
  const bytes = Buffer.from(saved);
  const marker = Buffer.from(`<${PLACEHOLDER}>`, 'latin1');
  const second = bytes.lastIndexOf(marker);
  const first = bytes.lastIndexOf(marker, second - 1);
  if (first < 0 || second < 0) return saved;
  const id = Buffer.from(createHash('md5').update(bytes).digest('hex').toUpperCase(), 'latin1');
  id.copy(bytes, first + 1);
  id.copy(bytes, second + 1);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
