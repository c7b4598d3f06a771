// End to end: text in Persian, Russian, Armenian, Georgian and Greek prints in the bundled fonts,
// embedded, and reads back; Chinese and emoji are refused at `check` time (E_NO_GLYPH), never
// drawn from the machine's fonts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipeline/run/build.ts';
import { InputError } from '../../pipeline/core/diagnostics.ts';
import { build } from '../support/build.ts';
import { MINI, corpora, type TempCorpus } from '../support/corpus.ts';
import { optionsFor } from '../support/options.ts';
import { pdfFonts, pdfText } from '../support/pdf.ts';

/** One phrase per script; the Persian one has a zero-width non-joiner (منطقه‌ای), as Persian is written. */
const PHRASES = {
  persian: 'امنیت منطقه\u200Cای در قفقاز جنوبی',
  russian: 'Безопасность на Южном Кавказе',
  armenian: 'Հայաստանի անվտանգությունը',
  georgian: 'საქართველოს უსაფრთხოება',
  greek: 'Ασφάλεια στον Νότιο Καύκασο',
} as const;

/** The families that may be embedded: the Source faces and the fallbacks of pipeline/config/fonts.ts. */
const BUNDLED =
  /^([A-Z]{6}\+)?(SourceSerif4|SourceSans3|NotoNaskhArabic|Vazirmatn|NotoSerifArmenian|NotoSansArmenian|NotoSerifGeorgian|NotoSansGeorgian)[-A-Za-z]*$/;

const temp = corpora();
let corpus: TempCorpus;
let result: BuildResult;

/** The mini brief with each phrase as an h3 (sans) and in a paragraph (serif) of its Analysis section. */
async function briefWithPhrases(extra = ''): Promise<string> {
  const brief = await readFile(path.join(MINI, 'reports/brief.md'), 'utf8');
  const sections = Object.entries(PHRASES)
    .map(([name, phrase]) => `### ${name}: ${phrase}\n\n${phrase}, in the body.\n`)
    .join('\n');
  return brief.replace('## Analysis\n\n', `## Analysis\n\n${sections}\n${extra}`);
}

/** The chart draws a Persian category and a Georgian axis title (sans, in SVG). */
async function chartWithPhrases(): Promise<Record<string, string>> {
  return {
    'datasets/drills.csv': (await readFile(path.join(MINI, 'datasets/drills.csv'), 'utf8')).replaceAll(
      ',iran,',
      ',ایران,',
    ),
    'charts/drills-by-bloc.json': (await readFile(path.join(MINI, 'charts/drills-by-bloc.json'), 'utf8')).replace(
      '"title": "Bloc"',
      '"title": "Bloc · ბლოკი"',
    ),
  };
}

beforeAll(async () => {
  corpus = await temp.make({ 'reports/brief.md': await briefWithPhrases(), ...(await chartWithPhrases()) });
  result = await build(optionsFor(corpus.data, corpus.out, { reports: ['brief'], audiences: ['analyst'] }));
});
afterAll(() => temp.removeAll());

const flat = (text: string) => text.replace(/\s+/g, ' ');
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

describe('text in other scripts than Latin', () => {
  it('embeds every font it prints with, and only bundled ones: nothing from the system', async () => {
    const fonts = await pdfFonts(result.documents[0]!.pdf!);
    for (const f of fonts) {
      expect.soft(f.embedded, f.name).toBe(true);
      expect.soft(f.name).toMatch(BUNDLED);
    }
    // Each script's fallback family is used, in the serif body and in the sans headings.
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).join(' ');
    for (const family of [
      'NotoNaskhArabic',
      'Vazirmatn',
      'NotoSerifArmenian',
      'NotoSansArmenian',
      'NotoSerifGeorgian',
      'NotoSansGeorgian',
    ]) {
      expect.soft(names, family).toContain(family);
    }
  });

  it('reads back each phrase from the PDF', async () => {
    // Bidi controls (the isolates corpus text is wrapped in, pdftotext's embeddings) are not text.
    const text = flat(await pdfText(result.documents[0]!.pdf!)).replace(BIDI_CONTROLS, '');
    for (const [name, phrase] of Object.entries(PHRASES)) {
      if (name === 'persian') continue;
      expect.soft(text, name).toContain(`${name}: ${phrase}`);
      expect.soft(text, name).toContain(`${phrase}, in the body.`);
    }
    // Right-to-left text comes back in reading order, but pdftotext sees gaps between the joined
    // letters of the Naskh body and puts spaces in them: compare the letters, twice (heading, body).
    const letters = (s: string) => s.replace(/\s/g, '');
    expect.soft(letters(text).split(letters(PHRASES.persian)).length - 1).toBe(2);
    expect.soft(text).toContain('ایران');
    expect.soft(text).toContain('Bloc · ბლოკი');
  });

  it('inlines the fallback faces in the HTML only where the text needs them', async () => {
    const html = await readFile(result.documents[0]!.html, 'utf8');
    for (const family of ['Brief Serif Arabic', 'Brief Sans Armenian', 'Brief Serif Georgian'])
      expect.soft(html).toContain(`font-family:"${family}"`);
    const plain = await build(
      optionsFor(MINI, path.join(corpus.root, 'plain'), { reports: ['brief'], audiences: ['analyst'] }),
    );
    const latin = await readFile(plain.documents[0]!.html, 'utf8');
    expect.soft(latin).not.toMatch(/font-family:"Brief (Serif|Sans) (Arabic|Armenian|Georgian)"/);
    expect.soft(latin).toContain('font-family:"Brief Serif"');
    // The Persian faces are the largest: the Latin document is well under the other.
    expect.soft(latin.length).toBeLessThan(html.length - 150_000);
  });

  it('refuses Chinese and emoji before printing: E_NO_GLYPH at each, nothing drawn from the machine', async () => {
    const c = await temp.make({ 'reports/brief.md': await briefWithPhrases('南高加索的安全 matters 🙂.\n\n') });
    const error = await build(optionsFor(c.data, c.out, { reports: ['brief'], audiences: ['analyst'] })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const found = (error as InputError).diagnostics.filter((d) => d.code === 'E_NO_GLYPH');
    const lines = (await briefWithPhrases('南高加索的安全 matters 🙂.\n\n')).split('\n');
    const line = lines.findIndex((l) => l.startsWith('南')) + 1;
    expect(found.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      `${c.rel('reports/brief.md')}:${line}:1`,
      `${c.rel('reports/brief.md')}:${line}:17`,
    ]);
    expect(found[0]!.message).toContain(
      '"南" (U+5357, Han (Chinese) script) is in no bundled font; this file has 7 such characters',
    );
    expect(found[1]!.message).toBe('"🙂" (U+1F642, emoji) is in no bundled font');
  });
});
