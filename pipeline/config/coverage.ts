// config: bundled faces → which characters they print, read from the font files' cmaps.
// A character prints in bundled fonts only if both stacks (serif body, sans headings and charts)
// have it: in some family of the stack, in a file whose unicode-range Chromium would ask for it.
// Anything else Chromium draws from whatever font the machine has.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { inRanges, Stack, type FontFace, type FontFile } from './fonts.ts';

/** Each file's character set, read once per process (font files do not change under a run). */
const characterSets = new Map<string, ReadonlySet<number>>();

/**
 * The code points a WOFF2 file maps to a glyph. Read here rather than with fontkit, which `brief
 * check` would have to load (a few hundred milliseconds) and which inflates every table with its
 * JavaScript Brotli; a test holds this reading to fontkit's `characterSet` for every bundled file.
 */
export function characterSet(file: string): ReadonlySet<number> {
  let set = characterSets.get(file);
  if (!set) {
    set = cmapCodePoints(woff2Table(readFileSync(file), 'cmap', file));
    characterSets.set(file, set);
  }
  return set;
}

/** WOFF2's table tags by index, as its specification lists them. */
const KNOWN_TAGS = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
  'prep',
  'CFF ',
  'VORG',
  'EBDT',
  'EBLC',
  'gasp',
  'hdmx',
  'kern',
  'LTSH',
  'PCLT',
  'VDMX',
  'vhea',
  'vmtx',
  'BASE',
  'GDEF',
  'GPOS',
  'GSUB',
  'EBSC',
  'JSTF',
  'MATH',
  'CBDT',
  'CBLC',
  'COLR',
  'CPAL',
  'SVG ',
  'sbix',
  'acnt',
  'avar',
  'bdat',
  'bloc',
  'bsln',
  'cvar',
  'fdsc',
  'feat',
  'fmtx',
  'fvar',
  'gvar',
  'hsty',
  'just',
  'lcar',
  'mort',
  'morx',
  'opbd',
  'prop',
  'trak',
  'Zapf',
  'Silf',
  'Glat',
  'Gloc',
  'Feat',
  'Sill',
];

/** One table of a WOFF2 font: its tables are one Brotli stream, back to back, in directory order. */
function woff2Table(bytes: Buffer, wanted: string, file: string): Buffer {
  if (bytes.length < 48 || bytes.toString('latin1', 0, 4) !== 'wOF2' || bytes.toString('latin1', 4, 8) === 'ttcf') {
    throw new Error(`${file} is not a single-font WOFF2 file`);
  }
  const numTables = bytes.readUInt16BE(12);
  const compressedSize = bytes.readUInt32BE(20);
  let pos = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = bytes[pos++]!;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new Error(`${file}: a malformed WOFF2 table directory`);
  };
  let offset = 0;
  let found: [number, number] | undefined;
  for (let i = 0; i < numTables; i++) {
    const flags = bytes[pos++]!;
    let tag = KNOWN_TAGS[flags & 0x3f];
    if ((flags & 0x3f) === 0x3f) {
      tag = bytes.toString('latin1', pos, pos + 4);
      pos += 4;
    }
    const version = flags >> 6;
    const length = base128();
    // glyf and loca are transformed unless their version is 3; any other table only when it is not 0.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    const stored = transformed ? base128() : length;
    if (tag === wanted) found = [offset, length];
    offset += stored;
  }
  if (!found) throw new Error(`${file} has no ${wanted} table`);
  return brotliDecompressSync(bytes.subarray(pos, pos + compressedSize)).subarray(found[0], found[0] + found[1]);
}

/** The code points of every Unicode subtable of a cmap (formats 4, 6 and 12) that map to a glyph. */
function cmapCodePoints(cmap: Buffer): Set<number> {
  const set = new Set<number>();
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const at = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(at);
    if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const start = cmap.readUInt16BE(starts + s * 2);
        const end = cmap.readUInt16BE(ends + s * 2);
        const delta = cmap.readUInt16BE(deltas + s * 2);
        const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            glyph = cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) set.add(c);
        }
      }
    } else if (format === 6) {
      const first = cmap.readUInt16BE(at + 6);
      const entries = cmap.readUInt16BE(at + 8);
      for (let e = 0; e < entries; e++) if (cmap.readUInt16BE(at + 10 + e * 2) !== 0) set.add(first + e);
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(at + 16 + g * 12);
        const end = cmap.readUInt32BE(at + 20 + g * 12);
        const glyph = cmap.readUInt32BE(at + 24 + g * 12);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) set.add(c);
      }
    }
  }
  return set;
}

/** Whether a file is asked for the code point and has it. */
const fileHas = (file: FontFile, cp: number): boolean => inRanges(file.ranges, cp) && characterSet(file.path).has(cp);

export interface GlyphCoverage {
  /** True when every stack prints the code point in a bundled face. */
  covers(cp: number): boolean;
}

/**
 * Coverage of these faces. One face per family stands for the family: its weights and styles
 * carry the same characters (a test reads every file to hold that true), so only the files of
 * the scripts a corpus actually uses are ever opened: `brief check` on a Latin corpus reads two.
 */
export function glyphCoverage(faces: readonly FontFace[]): GlyphCoverage {
  const families = (stack: Stack) => {
    const first = new Map<string, FontFace>();
    for (const face of faces) if (face.stack === stack && !first.has(face.family)) first.set(face.family, face);
    return [...first.values()];
  };
  const stacks = [families(Stack.serif), families(Stack.sans)];
  const known = new Map<number, boolean>();
  return {
    covers(cp) {
      let yes = known.get(cp);
      if (yes === undefined) {
        yes = stacks.every((stack) => stack.some((face) => face.files.some((file) => fileHas(file, cp))));
        known.set(cp, yes);
      }
      return yes;
    },
  };
}

/**
 * The files Chromium will load for text made of these code points: along each stack, a character
 * is drawn by the first family that has it, from that family's subsets that have it, in every
 * weight and style. A subset nothing asks for (the Arabic faces for a text without Arabic; a
 * fallback family's range holds a hyphen the Source faces draw first) is left out.
 */
export function filesNeeded(faces: readonly FontFace[], codePoints: Iterable<number>): Set<FontFile> {
  const chosen = new Set<string>();
  const stacks = [Stack.serif, Stack.sans].map((stack) => {
    const first = new Map<string, FontFace>();
    for (const face of faces) if (face.stack === stack && !first.has(face.family)) first.set(face.family, face);
    return [...first.values()];
  });
  for (const cp of codePoints) {
    for (const families of stacks) {
      for (const probe of families) {
        const has = probe.files.filter((file) => fileHas(file, cp));
        for (const file of has) chosen.add(`${probe.family}\0${file.subset}`);
        if (has.length) break;
      }
    }
  }
  return new Set(faces.flatMap((face) => face.files.filter((file) => chosen.has(`${face.family}\0${file.subset}`))));
}
