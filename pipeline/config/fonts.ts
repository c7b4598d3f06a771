// config: the fonts every document and chart uses, bundled from npm (@fontsource), never the system's.
// Each face is split by @fontsource into unicode subsets; "latin" plus "latin-ext" cover
// Azerbaijani and Turkish (ə Ə ş Ş ğ ı İ ç ö ü).
import { createRequire } from 'node:module';
import path from 'node:path';

export const FontFamily = { serif: 'Brief Serif', sans: 'Brief Sans' } as const;
export type FontFamily = (typeof FontFamily)[keyof typeof FontFamily];

export const SUBSETS = ['latin', 'latin-ext'] as const;
export type Subset = (typeof SUBSETS)[number];

export interface FontFile {
  readonly subset: Subset;
  readonly path: string;
  /** CSS unicode-range of the subset, from the package's unicode.json. */
  readonly unicodeRange: string;
}

export interface FontFace {
  readonly family: FontFamily;
  readonly weight: number;
  readonly style: 'normal' | 'italic';
  readonly files: readonly FontFile[];
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function faces(family: FontFamily, pkg: string, variants: readonly [number, 'normal' | 'italic'][]): FontFace[] {
  const dir = packageDir(`@fontsource/${pkg}`);
  const ranges = require(path.join(dir, 'unicode.json')) as Record<string, string>;
  return variants.map(([weight, style]) => ({
    family,
    weight,
    style,
    files: SUBSETS.map((subset) => ({
      subset,
      path: path.join(dir, 'files', `${pkg}-${subset}-${weight}-${style}.woff2`),
      unicodeRange: ranges[subset] ?? '',
    })),
  }));
}

/** Every face the templates and charts may ask for. */
export function bundledFonts(): FontFace[] {
  return [
    ...faces(FontFamily.serif, 'source-serif-4', [[400, 'normal'], [400, 'italic'], [700, 'normal']]),
    ...faces(FontFamily.sans, 'source-sans-3', [[400, 'normal'], [600, 'normal'], [700, 'normal']]),
  ];
}
