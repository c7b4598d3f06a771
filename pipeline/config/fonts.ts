// config: the fonts every document and chart uses, bundled from npm (@fontsource), never the system's.
// Each face is split by @fontsource into unicode subsets. Source Serif 4 and Source Sans 3 cover
// Latin ("latin" plus "latin-ext": Azerbaijani and Turkish ə Ə ş Ş ğ ı İ ç ö ü; "vietnamese"),
// Greek and Cyrillic; after them each stack falls back on a family per script they lack (Arabic,
// for Persian; Armenian; Georgian), only that script's subset. A document inlines only the files
// its text needs (render), and `brief check` reports a character none of them has (E_NO_GLYPH).
import { createRequire } from 'node:module';
import path from 'node:path';

/** The two primary families: body text (serif) and headings, tables, charts (sans). */
export const FontFamily = { serif: 'Brief Serif', sans: 'Brief Sans' } as const;
export type FontFamily = (typeof FontFamily)[keyof typeof FontFamily];

/** Which font-family stack a face belongs to. */
export const Stack = { serif: 'serif', sans: 'sans' } as const;
export type Stack = (typeof Stack)[keyof typeof Stack];

/** The subsets of Source Serif 4 and Source Sans 3 that are bundled. */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'cyrillic', 'cyrillic-ext'] as const;
type Subset = string;

/**
 * The scripts the Source faces lack, in the order the stacks try them, each a serif and a sans
 * face from @fontsource: only the script's own subset, regular and bold (a 600 heading takes the
 * bold; an italic is slanted by Chromium).
 */
const FALLBACKS = [
  { script: 'Arabic', subset: 'arabic', serif: 'noto-naskh-arabic', sans: 'vazirmatn' },
  { script: 'Armenian', subset: 'armenian', serif: 'noto-serif-armenian', sans: 'noto-sans-armenian' },
  { script: 'Georgian', subset: 'georgian', serif: 'noto-serif-georgian', sans: 'noto-sans-georgian' },
] as const;

/** The scripts the bundled fonts print, as the README and E_NO_GLYPH's hint name them. */
export const PRINTED_SCRIPTS = ['Latin', 'Greek', 'Cyrillic', ...FALLBACKS.map((f) => f.script)] as const;

const fallbackFamily = (stack: Stack, script: string) =>
  `${stack === Stack.serif ? FontFamily.serif : FontFamily.sans} ${script}`;

/**
 * The CSS font-family stack of each kind of text: the Source face, then one family per script it
 * lacks. styles/*.css and the charts' theme say the same (a test holds them to it).
 */
export const FONT_STACK: Readonly<Record<Stack, string>> = {
  serif:
    [FontFamily.serif, ...FALLBACKS.map((f) => fallbackFamily(Stack.serif, f.script))].map((f) => `"${f}"`).join(', ') +
    ', serif',
  sans:
    [FontFamily.sans, ...FALLBACKS.map((f) => fallbackFamily(Stack.sans, f.script))].map((f) => `"${f}"`).join(', ') +
    ', sans-serif',
};

/** An inclusive range of code points. */
export type CodeRange = readonly [number, number];

export interface FontFile {
  readonly subset: Subset;
  readonly path: string;
  /** CSS unicode-range of the subset, from the package's unicode.json. */
  readonly unicodeRange: string;
  /** The same, parsed: the code points Chromium asks this file for. */
  readonly ranges: readonly CodeRange[];
}

export interface FontFace {
  readonly family: string;
  readonly stack: Stack;
  readonly weight: number;
  readonly style: 'normal' | 'italic';
  readonly files: readonly FontFile[];
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** "U+0000-00FF,U+0131" → [[0, 255], [305, 305]]. */
function parseUnicodeRange(value: string): CodeRange[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [lo, hi] = part.replace(/^U\+/i, '').split('-');
      return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)] as const;
    });
}

export const inRanges = (ranges: readonly CodeRange[], cp: number): boolean =>
  ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

function faces(
  family: string,
  stack: Stack,
  pkg: string,
  subsets: readonly string[],
  variants: readonly [number, 'normal' | 'italic'][],
): FontFace[] {
  const dir = packageDir(`@fontsource/${pkg}`);
  const ranges = require(path.join(dir, 'unicode.json')) as Record<string, string>;
  return variants.map(([weight, style]) => ({
    family,
    stack,
    weight,
    style,
    files: subsets.map((subset) => {
      const unicodeRange = ranges[subset] ?? '';
      return {
        subset,
        path: path.join(dir, 'files', `${pkg}-${subset}-${weight}-${style}.woff2`),
        unicodeRange,
        ranges: parseUnicodeRange(unicodeRange),
      };
    }),
  }));
}

/** Every face the templates and charts may ask for: each stack's families in the order it tries them. */
export function bundledFonts(): FontFace[] {
  const bold: [number, 'normal'][] = [
    [400, 'normal'],
    [700, 'normal'],
  ];
  return [
    ...faces(FontFamily.serif, Stack.serif, 'source-serif-4', SUBSETS, [
      [400, 'normal'],
      [400, 'italic'],
      [700, 'normal'],
    ]),
    ...faces(FontFamily.sans, Stack.sans, 'source-sans-3', SUBSETS, [
      [400, 'normal'],
      [600, 'normal'],
      [700, 'normal'],
    ]),
    ...FALLBACKS.flatMap((f) => [
      ...faces(fallbackFamily(Stack.serif, f.script), Stack.serif, f.serif, [f.subset], bold),
      ...faces(fallbackFamily(Stack.sans, f.script), Stack.sans, f.sans, [f.subset], bold),
    ]),
  ];
}
