// archive: associated files (PDF/A-3): an archived PDF carries the files it rests on, each in the
// catalog's /AF and the /EmbeddedFiles name tree, with its relationship, MIME type, size and date.
// Applied to a finished PDF, after printing and before signing; the bytes depend on the inputs
// alone (the date is the edition's, the streams are compressed the same way each time).
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';

export const Relationship = { data: 'Data', supplement: 'Supplement', source: 'Source' } as const;
export type Relationship = (typeof Relationship)[keyof typeof Relationship];

export interface AssociatedFile {
  /** The file's name in the PDF (what `pdfdetach -list` shows). */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
  readonly relationship: Relationship;
  readonly description: string;
}

/** Sets pdfaid:part to 3 in the XMP packet, where there is one (print/ writes it; part 2 becomes 3). */
function partThree(doc: PDFDocument): void {
  const ref = doc.catalog.get(PDFName.of('Metadata'));
  const stream = ref ? doc.context.lookup(ref) : undefined;
  if (!(stream instanceof PDFRawStream)) return;
  const xmp = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  const three = xmp
    .replace(/<pdfaid:part>\s*\d\s*<\/pdfaid:part>/g, '<pdfaid:part>3</pdfaid:part>')
    .replace(/pdfaid:part=(["'])\d\1/g, 'pdfaid:part="3"');
  if (three === xmp) return;
  const next = doc.context.stream(Buffer.from(three, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.context.assign(ref as Parameters<typeof doc.context.assign>[0], next);
}

/** The PDF with `files` attached as associated files of the document, dated `date` (YYYY-MM-DD). */
export async function attachFiles(
  pdf: Uint8Array,
  files: readonly AssociatedFile[],
  date: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const when = PDFString.fromDate(new Date(`${date}T00:00:00Z`));
  const specs = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const stream = doc.context.flateStream(f.bytes, {
        Type: 'EmbeddedFile',
        Subtype: f.mime,
        Params: { Size: f.bytes.byteLength, ModDate: when },
      });
      const file = doc.context.register(stream);
      const spec = doc.context.obj({
        Type: 'Filespec',
        F: PDFString.of(f.name),
        UF: PDFHexString.fromText(f.name),
        Desc: PDFHexString.fromText(f.description),
        AFRelationship: f.relationship,
        EF: { F: file, UF: file },
      });
      return { name: f.name, ref: doc.context.register(spec) };
    });
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? doc.context.obj({});
  const tree = doc.context.obj({ Names: specs.flatMap((s) => [PDFHexString.fromText(s.name), s.ref]) });
  names.set(PDFName.of('EmbeddedFiles'), doc.context.register(tree));
  doc.catalog.set(PDFName.of('Names'), names);
  doc.catalog.set(PDFName.of('AF'), doc.context.obj(specs.map((s) => s.ref)));
  partThree(doc);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

export interface CarriedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly relationship: string | undefined;
  readonly mime: string | undefined;
  /** Also listed in the catalog's /AF (an associated file of the document, not only an attachment). */
  readonly associated: boolean;
}

const text = (o: unknown): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

/** The files a PDF carries in its /EmbeddedFiles name tree (one level of /Kids deep, as brief writes it). */
export async function carriedFiles(pdf: Uint8Array): Promise<CarriedFile[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, parseSpeed: Infinity });
  const af = doc.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  const associated = new Set(af ? af.asArray().map((r) => r.toString()) : []);
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (!tree) return [];
  const leaves = [
    tree,
    ...(tree.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []).map((k) => doc.context.lookup(k) as PDFDict),
  ];
  const out: CarriedFile[] = [];
  for (const leaf of leaves) {
    const pairs = leaf.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const spec = doc.context.lookup(pairs[i + 1]!);
      if (!(spec instanceof PDFDict)) continue;
      const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
      const stream = ef?.lookup(PDFName.of('F'));
      if (!(stream instanceof PDFStream)) continue;
      const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
      out.push({
        name: text(pairs[i]) ?? text(spec.lookup(PDFName.of('UF'))) ?? '',
        bytes,
        relationship: spec.lookupMaybe(PDFName.of('AFRelationship'), PDFName)?.decodeText(),
        mime: stream.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText(),
        associated: associated.has(pairs[i + 1]!.toString()),
      });
    }
  }
  return out;
}
