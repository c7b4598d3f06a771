// config: the bundled fonts, read back with fontkit: which scripts each family prints, that the
// coverage brief check relies on is what the files hold, and that styles and charts name the stacks.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { glob } from 'zx';
import { describe, expect, it } from 'vitest';
import { chartConfig } from '../../../pipeline/chart/theme.ts';
import { characterSet, filesNeeded, glyphCoverage } from '../../../pipeline/config/coverage.ts';
import { bundledFonts, FONT_STACK, inRanges, type FontFace } from '../../../pipeline/config/fonts.ts';

const faces = bundledFonts();
const opened = new Map<string, fontkit.Font>();
const open = (file: string) => {
  let font = opened.get(file);
  if (!font) {
    font = fontkit.openSync(file) as fontkit.Font;
    opened.set(file, font);
  }
  return font;
};
/** Whether fontkit finds the character in a file of the face that Chromium would ask for it. */
const draws = (face: FontFace, ch: string) => {
  const cp = ch.codePointAt(0)!;
  return face.files.some((file) => inRanges(file.ranges, cp) && open(file.path).hasGlyphForCodePoint(cp));
};
const letters = (text: string) => [...new Set(text.replace(/[\s\p{P}\u200C]/gu, ''))];

describe('the bundled fonts (read with fontkit)', () => {
  it('Source Serif 4 and Source Sans 3 print Latin, Azerbaijani, Greek and Cyrillic in every face', () => {
    const text =
      'The Quick Brown Fox Əliyev Şuşa İlham ğıçöü Ασφάλεια στον Νότιο Καύκασο ΐΰ Безопасность на Южном Кавказе ёЁ «»–—“”…';
    for (const face of faces.filter((f) => f.family === 'Brief Serif' || f.family === 'Brief Sans')) {
      const missing = letters(text).filter((ch) => !draws(face, ch));
      expect.soft(missing, `${face.family} ${face.weight} ${face.style}`).toEqual([]);
    }
  });

  it.each([
    ['Arabic', 'امنیت منطقه‌ای در قفقاز جنوبی پژوهش چگونه ژاله ۱۴۰۲ ٠١٢'],
    ['Armenian', 'Հայաստանի անվտանգությունը Երևան'],
    ['Georgian', 'საქართველოს უსაფრთხოება თბილისი'],
  ])('each stack has a %s family that prints it, in every weight', (script, text) => {
    const fallbacks = faces.filter((f) => f.family.endsWith(` ${script}`));
    expect(new Set(fallbacks.map((f) => f.stack))).toEqual(new Set(['serif', 'sans']));
    for (const face of fallbacks)
      expect
        .soft(
          letters(text).filter((ch) => !draws(face, ch)),
          `${face.family} ${face.weight}`,
        )
        .toEqual([]);
  });

  it('are read by brief check as fontkit reads them: the same characters in every file', () => {
    for (const file of new Set(faces.flatMap((f) => f.files.map((x) => x.path)))) {
      const font = open(file);
      const fontkitSet = font.characterSet.filter((cp) => font.hasGlyphForCodePoint(cp)).sort((a, b) => a - b);
      expect
        .soft(
          [...characterSet(file)].sort((a, b) => a - b),
          file,
        )
        .toEqual(fontkitSet);
    }
  });

  it('carry the same characters in every weight and style of a family, so one face stands for it', () => {
    for (const face of faces) {
      const first = faces.find((f) => f.family === face.family)!;
      face.files.forEach((file, i) =>
        expect.soft([...characterSet(file.path)], file.path).toEqual([...characterSet(first.files[i]!.path)]),
      );
    }
  });
});

describe('coverage', () => {
  const coverage = glyphCoverage(faces);
  it('asks both stacks: a character only one of them has would fall back to the machine in the other', () => {
    // U+2011 (non-breaking hyphen) is in Vazirmatn (sans) but in no serif face.
    expect(coverage.covers(0x2011)).toBe(false);
    expect(coverage.covers('ə'.codePointAt(0)!)).toBe(true);
  });

  it('needs only the files the text draws: a Latin text no fallback, a mark in a fallback range neither', () => {
    const subsets = (text: string) =>
      [
        ...filesNeeded(
          faces,
          [...text].map((c) => c.codePointAt(0)!),
        ),
      ].map((f) => f.path.replace(/.*\/files\/(.*)-\d+-\w+\.woff2$/, '$1'));
    expect(new Set(subsets('Plain text'))).toEqual(new Set(['source-serif-4-latin', 'source-sans-3-latin']));
    // U+0308 (a combining diaeresis) is in the Armenian subsets' range too, but Source draws it
    // first (from any of three subsets whose range holds it: all three go in).
    expect(new Set(subsets('Şuşa a\u0308 text'))).toEqual(
      new Set(['latin', 'latin-ext', 'vietnamese'].flatMap((s) => [`source-serif-4-${s}`, `source-sans-3-${s}`])),
    );
    expect(subsets('ایران')).toEqual(expect.arrayContaining(['noto-naskh-arabic-arabic', 'vazirmatn-arabic']));
    expect(subsets('ایران').filter((s) => /armenian|georgian|greek|cyrillic/.test(s))).toEqual([]);
    // Every weight and style of a family goes in: which one the text is set in is the browser's to know.
    expect(subsets('Ελλάδα').filter((s) => s === 'source-serif-4-greek')).toHaveLength(3);
  });
});

describe('the font-family stacks', () => {
  it('are the ones styles and charts name: every "Brief …" family list is a whole stack', () => {
    const base = readFileSync('styles/base.css', 'utf8');
    expect(base).toContain(`--serif: ${FONT_STACK.serif};`);
    expect(base).toContain(`--sans: ${FONT_STACK.sans};`);
    for (const file of glob.sync('styles/**/*.css')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:font-family|--serif|--sans):\s*([^;]*"Brief[^;]*);/g)) {
        expect.soft([FONT_STACK.serif, FONT_STACK.sans], `${file}: ${m[1]}`).toContain(m[1]);
      }
    }
    expect(chartConfig.font).toBe(FONT_STACK.sans);
  });

  it('print every character the templates and styles write themselves', () => {
    const coverage = glyphCoverage(faces);
    for (const file of glob.sync(['templates/**/*.hbs', 'styles/**/*.css'])) {
      const text = readFileSync(file, 'utf8');
      const used = [...text]
        .filter((ch) => ch.codePointAt(0)! > 0x7e)
        .concat([...text.matchAll(/\\([0-9a-fA-F]{4,6})/g)].map((m) => String.fromCodePoint(parseInt(m[1]!, 16))));
      expect
        .soft(
          used.filter((ch) => !coverage.covers(ch.codePointAt(0)!)),
          file,
        )
        .toEqual([]);
    }
  });
});
