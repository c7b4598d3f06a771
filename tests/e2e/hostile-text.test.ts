// End to end: corpus text that tries to change the layout or the meaning of what is printed
// around it (a right-to-left override, a word too long for the line, newlines and tabs in a
// title), built with real Chromium and read back from the PDF, words and their positions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import type { BuildResult } from '../../pipeline/run/build.ts';
import { build } from '../support/build.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { optionsFor } from '../support/options.ts';
import { pdfText } from '../support/pdf.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const RLO = '\u202E';
const LONG = 'Unbroken'.repeat(14);
const URL = `https://example.org/${'averyverylongpathsegment'.repeat(8)}`;
let corpus: TempCorpus;
let result: BuildResult;
const pdf = (report: string) => result.documents.find((d) => d.report === report)!.pdf!;

beforeAll(async () => {
  corpus = await tempCorpus();
  const edit = async (file: string, from: string, to: string) => {
    const text = await readFile(path.join(corpus.data, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    await corpus.write(file, text.replace(from, to));
  };
  await edit('events/events.yaml', 'title: Drills on the Araz river', `title: "Drills on the ${RLO}Araz river"`);
  await edit('reports/brief.md', 'In June 2021 the leaders met in Şuşa', `In June 2021 the leaders met in ${RLO}Şuşa`);
  await edit('reports/brief.md', 'Əliyev spoke of a new page', `Əliyev spoke of a new page at ${URL}`);
  await edit('reports/brief.md', 'title: The Şuşa alliance and Iran', 'title: "The Şuşa alliance\\nand\\tIran"');
  await edit('sources/alpha-2021.md', 'title: Alliance Notes from Şuşa', `title: "Alliance Notes from Şuşa ${LONG}"`);
  result = await build(optionsFor(corpus.data, corpus.out, { reports: ['brief', 'timeline'], audiences: ['analyst'] }));
});
afterAll(async () => corpus.remove());

describe('a right-to-left override in corpus text', () => {
  it('turns round only the text it was written in, not the note number or the text after it', async () => {
    // pdftotext writes direction marks of its own around a right-to-left run: read past them.
    const plain = (t: string) => t.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ');
    const text = plain(await pdfText(pdf('brief')));
    // The override is honoured inside its own run ("Şuşa" drawn reversed) and stops there:
    // the note number and the next sentence read the right way round.
    expect(text).toContain('aşuŞ');
    // (pdftotext may set the period after a superscript note number apart: "1 .")
    expect(text).toMatch(/aşuŞ\s*1\s*\. Əliyev spoke of a new page/);
    const timeline = plain(await pdfText(pdf('timeline')));
    expect(timeline).toContain('Drills on the');
    expect(timeline).not.toMatch(/eht no sllirD/);
  });
});

describe('a word too long for the line', () => {
  it('wraps inside the page: no word ends past the right margin', async () => {
    const html = (await $`pdftotext -bbox ${pdf('brief')} -`).stdout;
    const page = /<page width="([\d.]+)"/.exec(html)!;
    const width = Number(page[1]);
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(
      (m) => ({ xMax: Number(m[2]), word: m[3]! }),
    );
    expect(words.some((w) => w.word.includes('Unbroken'))).toBe(true);
    expect(words.some((w) => w.word.includes('averyverylong'))).toBe(true);
    // 20 mm right margin on A4: text ends by 190 mm (538.6 pt).
    const past = words.filter((w) => w.xMax > width - (20 * 72) / 25.4 + 1);
    expect(past, JSON.stringify(past.slice(0, 3))).toEqual([]);
  });
});

describe('newlines and tabs in a title', () => {
  it('print as one space, in the running header and the heading', async () => {
    const text = await pdfText(pdf('brief'));
    // The running head: the title and the edition (page 1 leaves the marking to the masthead).
    const header = text.split('\n').find((l) => l.includes('· Edition 15 January 2024'))!;
    expect(header).toContain('The Şuşa alliance and Iran');
    expect(text).not.toContain('alliancenand');
  });
});
