// validate: every character that will be printed is in a bundled font, or E_NO_GLYPH says where it is.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glyphCoverage } from '../../../pipeline/config/coverage.ts';
import { bundledFonts } from '../../../pipeline/config/fonts.ts';
import { loadCorpus } from '../../../pipeline/load/index.ts';
import { validateCorpus } from '../../../pipeline/validate/index.ts';
import { scriptOf, unprintedCharacters, type ScannedText } from '../../../pipeline/validate/glyphs.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';

const coverage = glyphCoverage(bundledFonts());

const PRINTED = {
  persian: 'امنیت منطقه\u200Cای در قفقاز جنوبی؛ ۱۴۰۲ پژوهش گزارش چگونه ژاله',
  russian: 'Безопасность на Южном Кавказе: ёлка, «щит», № 5',
  armenian: 'Հայաստանի անվտանգությունը։ Երևան',
  georgian: 'საქართველოს უსაფრთხოება, თბილისი',
  greek: 'Ασφάλεια στον Νότιο Καύκασο· ΐ ώ',
  azerbaijani: 'Əliyev, Şuşa, İlham, ğ ı ç ö ü — “quote” …',
};

const yaml = (text: string, line = 1): ScannedText => ({ file: 'data/x.yaml', text, line, yaml: true });
const plain = (text: string, line = 1): ScannedText => ({ file: 'data/x.md', text, line, yaml: false });

describe('the bundled fonts', () => {
  it.each(Object.entries(PRINTED))('print %s', (_, phrase) => {
    expect(unprintedCharacters([plain(phrase)], coverage)).toEqual([]);
  });

  it('do not print Chinese, emoji or a private-use character', () => {
    for (const ch of ['中', '安', '🙂', '😀', '\u{E000}', '☃'])
      expect(coverage.covers(ch.codePointAt(0)!), ch).toBe(false);
  });
});

describe('E_NO_GLYPH', () => {
  it('reports Chinese once per file, at its first character, with the count, the other characters and the lines', () => {
    const d = unprintedCharacters([yaml('title: Security\nstatement: 南高加索的安全\nnote: 安全 again\n')], coverage);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'E_NO_GLYPH', severity: 'error', file: 'data/x.yaml', line: 2, column: 12 });
    expect(d[0]!.message).toBe(
      '"南" (U+5357, Han (Chinese) script) is in no bundled font; this file has 9 such characters (7 different), on lines 2, 3',
    );
    expect(d[0]!.hint).toMatch(
      /whatever font the machine has.*transliterate or translate it.*Latin, Greek, Cyrillic, Arabic \(Persian too\), Armenian and Georgian/,
    );
  });

  it('reports an emoji as such, its variation selector and joiners with it, not as errors of their own', () => {
    const d = unprintedCharacters([plain('Good 👍\uFE0F and 👨\u200D👩\u200D👧.\n')], coverage);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 1, column: 6 });
    expect(d[0]!.message).toBe(
      '"👍" (U+1F44D, emoji) is in no bundled font; this file has 4 such characters (4 different), on line 1',
    );
    expect(d[0]!.hint).toContain('say it in words');
  });

  it('gives a lone symbol its own error, and a column in UTF-16 units after an astral character', () => {
    const d = unprintedCharacters([plain('𝔸 ⌘ and ⌘\n')], coverage);
    expect(d.map((x) => [x.column, x.message.split(' is in')[0]])).toEqual([
      [1, '"𝔸" (U+1D538)'],
      [4, '"⌘" (U+2318)'],
    ]);
    expect(d[0]!.message).toBe('"𝔸" (U+1D538) is in no bundled font');
    expect(d[1]!.message).toBe('"⌘" (U+2318) is in no bundled font; this file has it 2 times, on line 1');
  });

  it('lets tabs, line ends, joiners, bidi marks and soft hyphens pass: they are not drawn', () => {
    expect(
      unprintedCharacters([plain('a\tb\r\nc\u200Cd\u200De\u200Ff\u202Bg\u202Ch\u00ADi\u2060j\uFEFF\n')], coverage),
    ).toEqual([]);
  });

  it('skips YAML comments but not a block scalar whose line starts with "#", nor a "#" inside a value', () => {
    const text = '# 注释 comment\nkey: value # 注释\nq: "a # 中"\nbody: |\n  # 中文\n  more\n';
    const d = unprintedCharacters([yaml(text)], coverage);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 3, column: 9 });
    expect(d[0]!.message).toContain('3 such characters (2 different), on lines 3, 5');
    // Outside YAML, a "#" begins nothing.
    expect(unprintedCharacters([plain('# 注释\n')], coverage)).toHaveLength(1);
  });

  it('counts lines from where the text starts in its file (front matter, a Markdown body)', () => {
    const d = unprintedCharacters([yaml('title: 中\n', 2), plain('\nBody 中\n', 9)], coverage);
    expect(d.map((x) => `${x.line}:${x.column}`)).toEqual(['2:8', '10:6']);
  });

  it('names scripts a reader knows', () => {
    expect(scriptOf('中')).toMatch(/Han/);
    expect(scriptOf('あ')).toBe('Japanese kana');
    expect(scriptOf('한')).toBe('Korean Hangul');
    expect(scriptOf('🙂')).toBe('emoji');
    expect(scriptOf('⌘')).toBeUndefined();
  });
});

describe('E_NO_GLYPH in a corpus', () => {
  it('is found in claims, data files, charts and report bodies, each at its place; other scripts pass', async () => {
    const read = (f: string) => readFile(path.join(MINI, f), 'utf8');
    const c = memoryCorpus({
      'claims/alpha-2021.yaml': `${(await read('claims/alpha-2021.yaml')).replace(
        'statement: Bilateral trade',
        'statement: 贸易 Bilateral trade',
      )}# 注释: a comment is never printed\n`,
      'datasets/drills.csv': (await read('datasets/drills.csv')).replace('Araz drill', 'Araz drill 🚀'),
      'charts/drills-by-bloc.json': (await read('charts/drills-by-bloc.json')).replace(
        '"Drills by bloc"',
        '"Drills by bloc ★ Учения · Ασκήσεις"',
      ),
      'reports/brief.md': (await read('reports/brief.md')).replace(
        '## Analysis\n\n',
        '## Analysis\n\nامنیت منطقه\u200Cای — Հայաստան — საქართველო — 安全.\n\n',
      ),
    });
    const { diagnostics } = validateCorpus(await loadCorpus(c.files, c.data));
    const found = diagnostics
      .filter((d) => d.code === 'E_NO_GLYPH')
      .map((d) => `${d.file}:${d.line}:${d.column} ${/U\+[0-9A-F]+/.exec(d.message)?.[0]}`)
      .sort();
    const briefLine = (await read('reports/brief.md')).split('\n').indexOf('## Analysis') + 3;
    expect(found).toEqual(
      [
        `${c.rel('charts/drills-by-bloc.json')}:2:28 U+2605`,
        `${c.rel('claims/alpha-2021.yaml')}:30:16 U+8D38`,
        `${c.rel('datasets/drills.csv')}:3:20 U+1F680`,
        `${c.rel('reports/brief.md')}:${briefLine}:42 U+5B89`,
      ].sort(),
    );
  });

  it('finds nothing in the mini corpus, which is Latin, Azerbaijani and Turkish', async () => {
    const mini = memoryCorpus();
    const { diagnostics } = validateCorpus(await loadCorpus(mini.files, mini.data));
    expect(diagnostics.filter((d) => d.code === 'E_NO_GLYPH')).toEqual([]);
  });
});
