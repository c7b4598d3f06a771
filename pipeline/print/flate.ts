// print: Flate streams through Node's zlib rather than pdf-lib's pako, which is JavaScript: in a
// cold build's profile pako's deflate was 0.63 s of CPU on the main thread (12 documents), zlib's
// native one a tenth of that. Same format, same level (6), so any PDF reader reads either.
import { deflateSync, inflateSync } from 'node:zlib';
import { decodePDFRawStream, type PDFContext, type PDFName, PDFName as Name, type PDFRawStream } from 'pdf-lib';

/** A stream of `bytes` compressed with FlateDecode, with the other entries of `dict`. */
export function flateStream(
  context: PDFContext,
  bytes: Uint8Array,
  dict: Record<string, number | string> = {},
): PDFRawStream {
  return context.stream(deflateSync(bytes), { ...dict, Filter: 'FlateDecode' });
}

const FLATE: PDFName = Name.of('FlateDecode');

/** A stream's bytes decoded: zlib for plain Flate (what Chromium writes), pdf-lib for any other filter. */
export function inflated(stream: PDFRawStream): Uint8Array {
  const dict = stream.dict;
  if (dict.get(Name.of('Filter')) === FLATE && !dict.has(Name.of('DecodeParms'))) {
    try {
      return inflateSync(stream.getContents());
    } catch {
      // A stream zlib refuses (a truncated one, say): pdf-lib's decoder is more forgiving.
    }
  }
  return decodePDFRawStream(stream).decode();
}
