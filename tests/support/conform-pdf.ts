// Test support: a one-page PDF made with pdf-lib that passes every rule of the conformance check
// (tagged, artifacts marked, XMP with the PDF/UA and PDF/A identifiers, /ID, an OutputIntent, an
// embedded font with a ToUnicode map, a link with text, a figure with alt), or the same PDF with
// one thing broken on purpose. The font is pdf.js's Liberation Sans, so pdf.js reads the text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef, PDFString } from 'pdf-lib';

export type Break =
  | 'link-contents'
  | 'untagged-text'
  | 'figure-alt'
  | 'xmp'
  | 'heading-skip'
  | 'id'
  | 'font-embed'
  | 'javascript'
  | 'parent-tree'
  | 'th-scope'
  | 'xmp-title'
  | 'embedded-file';

const TITLE = 'A tagged test page';
const DATE = new Date('2024-01-15T00:00:00Z');

function xmp(title: string): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>brief tests</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">one page</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>test pdf</pdf:Keywords>
   <pdf:Producer>brief tests</pdf:Producer>
   <xmp:CreatorTool>brief tests</xmp:CreatorTool>
   <xmp:CreateDate>2024-01-15T00:00:00Z</xmp:CreateDate>
   <xmp:ModifyDate>2024-01-15T00:00:00Z</xmp:ModifyDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>U</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>PDF/UA part</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

const font = () =>
  readFileSync(
    path.join(
      path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
      'standard_fonts/LiberationSans-Regular.ttf',
    ),
  );

const TO_UNICODE = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;

export async function conformingPdf(...breaks: Break[]): Promise<Uint8Array> {
  const broken = new Set(breaks);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const page = doc.addPage([300, 300]);
  const ref = (o: Parameters<typeof ctx.register>[0]): PDFRef => ctx.register(o);

  const bytes = font();
  const descriptor: Record<string, unknown> = {
    Type: 'FontDescriptor',
    FontName: 'LiberationSans',
    Flags: 32,
    FontBBox: [-200, -300, 1200, 1000],
    ItalicAngle: 0,
    Ascent: 905,
    Descent: -212,
    CapHeight: 716,
    StemV: 80,
  };
  if (!broken.has('font-embed')) descriptor.FontFile2 = ref(ctx.stream(bytes, { Length1: bytes.length }));
  const fontRef = ref(
    ctx.obj({
      Type: 'Font',
      Subtype: 'TrueType',
      BaseFont: 'LiberationSans',
      FirstChar: 32,
      LastChar: 126,
      Widths: Array.from({ length: 95 }, () => 556),
      Encoding: 'WinAnsiEncoding',
      FontDescriptor: ref(ctx.obj(descriptor as never)),
      ToUnicode: ref(ctx.stream(TO_UNICODE)),
    }),
  );
  const heading2 = broken.has('heading-skip') ? 'H3' : 'H2';
  const content = [
    '/Artifact BMC BT /F1 8 Tf 10 285 Td (Running head) Tj ET EMC',
    '/H1 <</MCID 0>> BDC BT /F1 16 Tf 10 250 Td (Title) Tj ET EMC',
    `/${heading2} <</MCID 1>> BDC BT /F1 12 Tf 10 220 Td (Section) Tj ET EMC`,
    '/P <</MCID 2>> BDC BT /F1 10 Tf 10 190 Td (See the example site.) Tj ET EMC',
    '/Figure <</MCID 3>> BDC 0 0 1 rg 10 10 50 50 re f EMC',
    broken.has('untagged-text') ? 'BT /F1 10 Tf 10 120 Td (Stray text) Tj ET' : '',
  ].join('\n');
  page.node.set(PDFName.of('Contents'), ref(ctx.stream(content)));
  page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: fontRef } }));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
  page.node.set(PDFName.of('Tabs'), PDFName.of('S'));

  const action = broken.has('javascript')
    ? { S: 'JavaScript', JS: PDFString.of('app.alert(1)') }
    : { S: 'URI', URI: PDFString.of('https://example.org/') };
  const annot = ref(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [10, 185, 150, 200],
      Border: [0, 0, 0],
      F: 4,
      A: action,
      StructParent: 1,
      ...(broken.has('link-contents') ? {} : { Contents: PDFString.of('Example site') }),
    }),
  );
  page.node.set(PDFName.of('Annots'), ctx.obj([annot]));

  // The structure tree: Document > H1, H2, P > Link, Figure, Table > TR > TH, TD.
  const rootRef = ctx.nextRef();
  const docRef = ctx.nextRef();
  const el = (S: string, P: PDFRef, K: unknown, extra: Record<string, unknown> = {}) =>
    ref(ctx.obj({ Type: 'StructElem', S, P, Pg: page.ref, K, ...extra } as never));
  const h1 = el('H1', docRef, 0);
  const h2 = el(heading2, docRef, 1);
  const pRef = ctx.nextRef();
  const link = el('Link', pRef, [{ Type: 'OBJR', Obj: annot, Pg: page.ref }]);
  ctx.assign(pRef, ctx.obj({ Type: 'StructElem', S: 'P', P: docRef, Pg: page.ref, K: [2, link] } as never));
  const figure = el('Figure', docRef, 3, broken.has('figure-alt') ? {} : { Alt: PDFString.of('A blue square') });
  const tableRef = ctx.nextRef();
  const trRef = ctx.nextRef();
  const scope = broken.has('th-scope') ? {} : { A: { O: 'Table', Scope: 'Column' } };
  const th = el('TH', trRef, [], scope);
  const td = el('TD', trRef, []);
  ctx.assign(trRef, ctx.obj({ Type: 'StructElem', S: 'TR', P: tableRef, K: [th, td] } as never));
  ctx.assign(tableRef, ctx.obj({ Type: 'StructElem', S: 'Table', P: docRef, K: [trRef] } as never));
  ctx.assign(
    docRef,
    ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [h1, h2, pRef, figure, tableRef] } as never),
  );
  const marked = broken.has('parent-tree') ? [h2, h1, pRef, figure] : [h1, h2, pRef, figure];
  ctx.assign(
    rootRef,
    ctx.obj({ Type: 'StructTreeRoot', K: docRef, ParentTree: { Nums: [0, marked, 1, link] }, ParentTreeNextKey: 2 }),
  );

  const catalog = doc.catalog;
  catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  catalog.set(PDFName.of('Lang'), PDFString.of('en'));
  catalog.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));
  if (!broken.has('xmp'))
    catalog.set(
      PDFName.of('Metadata'),
      ref(ctx.stream(xmp(broken.has('xmp-title') ? 'Another title' : TITLE), { Type: 'Metadata', Subtype: 'XML' })),
    );
  const icc = ref(ctx.stream(new Uint8Array(128), { N: 3 }));
  catalog.set(
    PDFName.of('OutputIntents'),
    ctx.obj([
      { Type: 'OutputIntent', S: 'GTS_PDFA1', OutputConditionIdentifier: PDFString.of('sRGB'), DestOutputProfile: icc },
    ]),
  );
  if (broken.has('embedded-file')) {
    const file = ref(ctx.stream('a,b\n1,2\n', { Type: 'EmbeddedFile' }));
    const spec = ref(
      ctx.obj({ Type: 'Filespec', F: PDFString.of('data.csv'), UF: PDFString.of('data.csv'), EF: { F: file } }),
    );
    catalog.set(PDFName.of('Names'), ctx.obj({ EmbeddedFiles: { Names: [PDFString.of('data.csv'), spec] } }));
  }

  doc.setTitle(TITLE, { showInWindowTitleBar: true });
  doc.setAuthor('brief tests');
  doc.setSubject('one page');
  doc.setKeywords(['test', 'pdf']);
  doc.setProducer('brief tests');
  doc.setCreator('brief tests');
  doc.setCreationDate(DATE);
  doc.setModificationDate(DATE);
  if (!broken.has('id')) {
    const id = PDFHexString.of('0123456789abcdef0123456789abcdef');
    ctx.trailerInfo.ID = ctx.obj([id, id]);
  }
  return doc.save({ useObjectStreams: false });
}
