// chart: measures label text with the very font files the PDF embeds (fontkit), for Vega's layout.
// Without a canvas Vega guesses 0.8 × size per character, which cuts labels with "…" and pads charts.
import * as fontkit from 'fontkit';
import { FontFamily, type FontFace } from '../config/fonts.ts';

type Font = fontkit.Font;

interface LoadedFace {
  readonly family: string;
  readonly weight: number;
  readonly style: string;
  readonly fonts: readonly Font[];
}

export interface TextItem {
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

/** A width function for these faces: picks family, nearest weight and style, then sums glyph advances run by run. */
export function makeTextWidth(faces: readonly FontFace[]): WidthFn {
  const loaded: LoadedFace[] = faces.map((f) => ({
    family: f.family,
    weight: f.weight,
    style: f.style,
    fonts: f.files.map((file) => fontkit.openSync(file.path) as Font),
  }));
  const cache = new Map<string, number>();
  return (item, value) => {
    // Vega passes numbers and arrays as well as strings; it measures their trimmed text.
    const text = value == null ? '' : String(value).trim();
    const size = item.fontSize ?? 11;
    if (size <= 0 || text === '') return 0;
    const family = item.font?.includes(FontFamily.serif) ? FontFamily.serif : FontFamily.sans;
    const weight = weightOf(item.fontWeight);
    const style = item.fontStyle === 'italic' ? 'italic' : 'normal';
    const key = `${family}|${weight}|${style}|${size}|${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const candidates = loaded.filter((f) => f.family === family);
    const face = [...candidates].sort((a, b) =>
      Number(a.style !== style) - Number(b.style !== style) || Math.abs(a.weight - weight) - Math.abs(b.weight - weight))[0];
    const width = face ? measure(face.fonts, text) * size : 0.6 * size * text.length;
    cache.set(key, width);
    return width;
  };
}

/** Width in ems: each run of characters is laid out with the first subset font that has their glyphs. */
function measure(fonts: readonly Font[], text: string): number {
  let ems = 0;
  let run = '';
  let runFont: Font | undefined;
  const flush = () => {
    if (run && runFont) ems += runFont.layout(run).advanceWidth / runFont.unitsPerEm;
    run = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const font = fonts.find((f) => f.hasGlyphForCodePoint(cp)) ?? fonts[0];
    if (font !== runFont) {
      flush();
      runFont = font;
    }
    run += ch;
  }
  flush();
  return ems;
}
