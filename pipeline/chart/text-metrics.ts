// chart: measures label text with the very font files the PDF embeds (fontkit), for Vega's layout.
// Without a canvas Vega guesses 0.8 × size per character, which cuts labels with "…" and pads charts.
import * as fontkit from 'fontkit';
import { inRanges, Stack, FontFamily, type FontFace, type FontFile } from '../config/fonts.ts';

type Font = fontkit.Font;

interface TextItem {
  readonly font?: string;
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
  readonly fontStyle?: string;
}

export type WidthFn = (item: TextItem, text: unknown) => number;

function weightOf(value: string | number | undefined): number {
  if (typeof value === 'number') return value;
  if (value === 'bold') return 700;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 400;
}

/** A subset file, opened the first time a character in its unicode-range is measured. */
interface LazyFile {
  readonly ranges: FontFile['ranges'];
  font(): Font;
}

/**
 * A width function for these faces: picks the stack (serif or sans), and in each of its families
 * the nearest weight and style, then sums glyph advances run by run, each character in the first
 * family that has it, as Chromium falls back along the font-family stack.
 */
export function makeTextWidth(faces: readonly FontFace[]): WidthFn {
  const opened = new Map<string, Font>();
  const lazy = (file: FontFile): LazyFile => ({
    ranges: file.ranges,
    font() {
      let font = opened.get(file.path);
      if (!font) {
        font = fontkit.openSync(file.path) as Font;
        opened.set(file.path, font);
      }
      return font;
    },
  });
  const filesFor = new Map<string, LazyFile[]>();
  const cache = new Map<string, number>();
  return (item, value) => {
    // Vega passes numbers and arrays as well as strings; it measures their trimmed text.
    const text = value == null ? '' : String(value).trim();
    const size = item.fontSize ?? 11;
    if (size <= 0 || text === '') return 0;
    const stack = item.font?.includes(FontFamily.serif) ? Stack.serif : Stack.sans;
    const weight = weightOf(item.fontWeight);
    const style = item.fontStyle === 'italic' ? 'italic' : 'normal';
    const key = `${stack}|${weight}|${style}|${size}|${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const faceKey = `${stack}|${weight}|${style}`;
    let files = filesFor.get(faceKey);
    if (!files) {
      const families = [...new Set(faces.filter((f) => f.stack === stack).map((f) => f.family))];
      files = families.flatMap((family) => {
        const face = faces
          .filter((f) => f.family === family)
          .sort(
            (a, b) =>
              Number(a.style !== style) - Number(b.style !== style) ||
              Math.abs(a.weight - weight) - Math.abs(b.weight - weight),
          )[0];
        return face ? face.files.map(lazy) : [];
      });
      filesFor.set(faceKey, files);
    }
    const width = files.length ? measure(files, text) * size : 0.6 * size * text.length;
    cache.set(key, width);
    return width;
  };
}

/** Width in ems: each run of characters is laid out with the first subset file that has their glyphs. */
function measure(files: readonly LazyFile[], text: string): number {
  let ems = 0;
  let run = '';
  let runFont: Font | undefined;
  const flush = () => {
    if (run && runFont) ems += runFont.layout(run).advanceWidth / runFont.unitsPerEm;
    run = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const font =
      files.find((f) => inRanges(f.ranges, cp) && f.font().hasGlyphForCodePoint(cp))?.font() ?? files[0]!.font();
    if (font !== runFont) {
      flush();
      runFont = font;
    }
    run += ch;
  }
  flush();
  return ems;
}
