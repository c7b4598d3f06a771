// print: Chromium paints running heads, footers, the marking, page numbers and decorations outside
// any marked content: neither tagged nor artifact, which PDF/UA forbids. Each page's content stream
// is rewritten so that every painting operator at marked-content depth 0 sits in /Artifact BMC … EMC
// (jsreport does the same for Chromium's output); every other byte of the stream is kept.
// The same walk reads the text of each marked-content id, which gives links their alternate text.
import { PDFArray, PDFDict, PDFName, type PDFPage, PDFRawStream, type PDFRef } from 'pdf-lib';
import { type Operator, operators, parseToUnicode } from './content-stream.ts';
import { flateStream, inflated } from './flate.ts';

const TEXT = new Set(['Tj', 'TJ', "'", '"']);
const PAINT_PATH = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const BUILD_PATH = new Set(['m', 're']);
const OPEN = new Set(['BDC', 'BMC']);
/** The operators whose operands markedText reads. */
const READ = new Set(['BDC', 'Tf', ...TEXT]);
const OPEN_ARTIFACT = Buffer.from('/Artifact BMC\n', 'latin1');
const CLOSE_ARTIFACT = Buffer.from('\nEMC', 'latin1');

/** Byte ranges [start, end) of a stream to wrap as artifacts. */
export function untaggedRanges(ops: readonly Operator[]): [number, number][] {
  const ranges: [number, number][] = [];
  let depth = 0;
  let path = -1;
  for (let i = 0; i < ops.length; i++) {
    const { op, start, end } = ops[i]!;
    if (OPEN.has(op)) depth++;
    else if (op === 'EMC') depth = Math.max(0, depth - 1);
    else if (depth > 0) {
      if (BUILD_PATH.has(op) && path < 0) path = start;
      else if (PAINT_PATH.has(op) || op === 'n') path = -1;
    } else if (op === 'BT') {
      // A text object with no marked content inside is wrapped whole; otherwise its shows one by one.
      let j = i + 1;
      while (j < ops.length && ops[j]!.op !== 'ET' && !OPEN.has(ops[j]!.op) && ops[j]!.op !== 'EMC') j++;
      if (ops[j]?.op === 'ET') {
        if (ops.slice(i + 1, j).some((o) => TEXT.has(o.op))) ranges.push([start, ops[j]!.end]);
        i = j;
      }
    } else if (TEXT.has(op) || op === 'Do' || op === 'sh' || op === 'BI') ranges.push([start, end]);
    else if (BUILD_PATH.has(op)) {
      if (path < 0) path = start;
    } else if (PAINT_PATH.has(op)) {
      if (path >= 0) ranges.push([path, end]);
      path = -1;
    } else if (op === 'n') path = -1;
  }
  return ranges;
}

/** The stream with each range wrapped in /Artifact BMC … EMC. */
export function wrapRanges(bytes: Uint8Array, ranges: readonly [number, number][]): Uint8Array {
  if (ranges.length === 0) return bytes;
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(bytes.subarray(at, start), OPEN_ARTIFACT, bytes.subarray(start, end), CLOSE_ARTIFACT);
    at = end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** The text each marked-content id shows, decoded through the fonts' ToUnicode maps. */
export function markedText(
  ops: readonly Operator[],
  fonts: (name: string) => Decoder | undefined,
): Map<number, string> {
  const texts = new Map<number, string>();
  const stack: (number | undefined)[] = [];
  let font: Decoder | undefined;
  for (const { op, operands } of ops) {
    if (op === 'BDC') {
      const i = operands.findIndex((o) => o.kind === 'name' && o.name === 'MCID');
      const id = operands[i + 1];
      stack.push(i >= 0 && id?.kind === 'number' ? id.value : stack.at(-1));
    } else if (op === 'BMC') stack.push(stack.at(-1));
    else if (op === 'EMC') stack.pop();
    else if (op === 'Tf') {
      const name = operands.find((o) => o.kind === 'name');
      font = name?.kind === 'name' ? fonts(name.name) : undefined;
    } else if (TEXT.has(op) && font && stack.at(-1) !== undefined) {
      const mcid = stack.at(-1)!;
      let text = texts.get(mcid) ?? '';
      for (const o of operands) if (o.kind === 'string') text += font(o.bytes);
      texts.set(mcid, text);
    }
  }
  return texts;
}

export type Decoder = (bytes: readonly number[]) => string;

function fontDecoder(page: PDFPage, cache: Map<PDFRef | PDFDict, Decoder>): (name: string) => Decoder | undefined {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  return (name) => {
    const ref = fonts?.get(PDFName.of(name));
    const font = fonts?.lookupMaybe(PDFName.of(name), PDFDict);
    if (!ref || !font) return undefined;
    const key = ref as PDFRef;
    if (cache.has(key)) return cache.get(key);
    const found = font.lookup(PDFName.of('ToUnicode'));
    const cmap = found instanceof PDFRawStream ? found : undefined;
    const map = cmap ? parseToUnicode(Buffer.from(inflated(cmap)).toString('latin1')) : new Map();
    const width = font.get(PDFName.of('Subtype')) === PDFName.of('Type0') ? 2 : 1;
    const decode: Decoder = (bytes) => {
      let out = '';
      for (let k = 0; k + width <= bytes.length; k += width) {
        const code = width === 2 ? (bytes[k]! << 8) | bytes[k + 1]! : bytes[k]!;
        out += map.get(code) ?? '';
      }
      return out;
    };
    cache.set(key, decode);
    return decode;
  };
}

/**
 * Rewrites every page's content so nothing is painted outside marked content, and returns, per
 * page, the text of each marked-content id.
 */
export function markArtifacts(pages: readonly PDFPage[]): Map<number, string>[] {
  const cache = new Map<PDFRef | PDFDict, Decoder>();
  return pages.map((page) => {
    const context = page.node.context;
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const texts = new Map<number, string>();
    const fonts = fontDecoder(page, cache);
    for (const ref of refs) {
      const stream = context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const bytes = inflated(stream);
      const ops = operators(bytes, READ);
      for (const [id, text] of markedText(ops, fonts)) texts.set(id, (texts.get(id) ?? '') + text);
      const ranges = untaggedRanges(ops);
      if (ranges.length === 0) continue;
      const rewritten = flateStream(context, wrapRanges(bytes, ranges));
      for (const [key, value] of stream.dict.entries())
        if (!['Length', 'Filter', 'DecodeParms'].includes(key.asString())) rewritten.dict.set(key, value);
      context.assign(ref as PDFRef, rewritten);
    }
    return texts;
  });
}
