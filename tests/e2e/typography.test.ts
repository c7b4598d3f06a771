// End to end: the sample's PDFs read back as a reader sees them. No word of the HTML is broken
// across lines without a hyphen (narrow table columns once broke "Independen / t"), a note number
// follows its word without a space, page 1 carries the distribution marking once, and prose has
// typographic quotes and apostrophes while each verbatim quote is printed as its source has it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { $ } from 'zx';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SharedBuild, sharedSample } from '../support/shared-build.ts';

$.quiet = true;

type Documents = Pick<SharedBuild, 'documents'>;

/** The documents of these reports for these audiences, from the run's one build of the sample. */
async function documentsOf(reports: readonly string[], audiences: readonly string[]): Promise<Documents> {
  const { documents } = await sharedSample();
  return { documents: documents.filter((d) => reports.includes(d.report) && audiences.includes(d.audience)) };
}

/** A word: letters, with an apostrophe inside ("Iran's" is one word; its "s" is none). */
const WORD = /[\p{L}\p{M}]+(?:['\u2019][\p{L}\p{M}]+)*/gu;

/** Every word of the document's HTML text (tags, styles and entities aside), lower-cased. */
function htmlWords(html: string): Set<string> {
  const text = html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&[a-z]+;/gi, ' ');
  return new Set((text.match(WORD) ?? []).map((w) => w.toLowerCase()));
}

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The PDF's lines as poppler groups them (`pdftotext -bbox-layout`): blocks of lines of words. */
async function pdfBlocks(file: string): Promise<string[][][]> {
  const xml = (await $`pdftotext -bbox-layout ${file} -`).stdout;
  return [...xml.matchAll(/<block[^>]*>([\s\S]*?)<\/block>/g)].map((block) =>
    [...block[1]!.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map((line) =>
      [...line[1]!.matchAll(/<word[^>]*>([\s\S]*?)<\/word>/g)].map((w) => decode(w[1]!)),
    ),
  );
}

/**
 * Words split across two lines without a hyphen: a line ends in a letter fragment, the next line
 * of its block starts with one, and their join is a word of the HTML while neither fragment is.
 */
function brokenWords(blocks: string[][][], words: Set<string>): string[] {
  const found: string[] = [];
  for (const lines of blocks) {
    for (let i = 0; i + 1 < lines.length; i++) {
      const last = lines[i]!.at(-1);
      const first = lines[i + 1]![0];
      if (!last || !first) continue;
      const tail = /[\p{L}\p{M}]+$/u.exec(last)?.[0];
      const head = /^[\p{L}\p{M}]+/u.exec(first)?.[0];
      if (!tail || !head) continue;
      const [a, b] = [tail.toLowerCase(), head.toLowerCase()];
      if (words.has(a + b) && !words.has(a) && !words.has(b)) found.push(`${tail}/${head}`);
    }
  }
  return found;
}

const pageText = async (file: string, page: number) =>
  (await $`pdftotext -enc UTF-8 -layout -f ${page} -l ${page} ${file} -`).stdout;

describe('the sample PDFs, read back', () => {
  let result: Documents;
  beforeAll(async () => {
    result = await documentsOf(['perspectives', 'tr-az-convergence'], ['analyst', 'public']);
    expect(result.documents).toHaveLength(4);
  }, 300_000);

  it('break no word of the HTML across lines without a hyphen', async () => {
    const broken: string[] = [];
    for (const d of result.documents) {
      const words = htmlWords(await readFile(d.html, 'utf8'));
      for (const b of brokenWords(await pdfBlocks(d.pdf!), words)) broken.push(`${path.basename(d.pdf!)}: ${b}`);
    }
    expect(broken).toEqual([]);
  });

  it('set a note number tight against its word, with no space between them, but apart from a number', async () => {
    const spaced: string[] = [];
    const glued: string[] = [];
    let [tight, apart] = [0, 0];
    for (const d of result.documents) {
      const html = await readFile(d.html, 'utf8');
      const text = (await $`pdftotext -enc UTF-8 ${d.pdf!} -`).stdout.replace(/\s+/g, ' ');
      for (const m of html.matchAll(/([\p{L}\p{N}]+)(?:<\/[a-z]+>)*<sup class="fn-ref[^"]*">(.*?)<\/sup>/gu)) {
        const [word, notes] = [m[1]!, m[2]!.replace(/<[^>]+>/g, '')];
        // After a year, a note number set tight reads as a power ("2023⁴¹"): it stands a thin space apart.
        if (/\p{N}$/u.test(word)) {
          if (text.includes(`${word}${notes}`)) glued.push(`${path.basename(d.pdf!)}: ${word}${notes}`);
          else if (text.includes(`${word} ${notes}`)) apart++;
        } else if (text.includes(`${word} ${notes}`)) spaced.push(`${path.basename(d.pdf!)}: ${word} ${notes}`);
        else if (text.includes(`${word}${notes}`)) tight++;
      }
    }
    expect(spaced).toEqual([]);
    expect(glued).toEqual([]);
    expect(tight).toBeGreaterThan(20);
    expect(apart).toBeGreaterThan(5);
  });

  it("set the claim table's header cells on one line, in one size (Type and Stances sat lower)", async () => {
    const d = result.documents.find((x) => x.pdf!.endsWith('perspectives.analyst.pdf'))!;
    const xml = (await $`pdftotext -bbox ${d.pdf!} -`).stdout;
    const page = xml.split('</page>').find((p) => p.includes('>Stances</word>'))!;
    const words = [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)];
    const claim = words.find((w) => w[3] === 'Claim,')!;
    const header = ['Note', 'Source', 'Type', 'Claim,', 'Stances'].map((t) => {
      const w = words.find((x) => x[3] === t && Math.abs(Number(x[1]) - Number(claim[1])) < 5)!;
      return `${t} ${Number(w[1]).toFixed(1)}–${Number(w[2]).toFixed(1)}`;
    });
    const [, y] = header[3]!.split(' ');
    expect(header).toEqual(['Note', 'Source', 'Type', 'Claim,', 'Stances'].map((t) => `${t} ${y}`));
  });

  it("repeat a table's header row on every page the table continues to", async () => {
    const d = result.documents.find((x) => x.pdf!.endsWith('perspectives.analyst.pdf'))!;
    const pages = (await $`pdftotext -enc UTF-8 -layout ${d.pdf!} -`).stdout.split('\f');
    // A row of the claim table: its note number, then its source, then its type.
    const row = /^\s+\d+\s+\S.*\s(?:fact|assessment|forecast|recommendation|reported-speech)\s/m;
    const withRows = pages.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => row.test(p));
    expect(withRows.length).toBeGreaterThan(3);
    const bare = withRows.filter(({ p }) => !/Note\s+Source\s+Type\s+Claim, in our words\s+Stances/.test(p));
    expect(bare.map(({ n }) => `page ${n}`)).toEqual([]);
  });

  it('print the distribution marking once on page 1 (the masthead), and in the running header and footer after', async () => {
    for (const d of result.documents) {
      const html = await readFile(d.html, 'utf8');
      const marking = JSON.parse(/@top-left \{ content: ("(?:[^"\\]|\\.)*"); \}/.exec(html)![1]!).toUpperCase();
      // The marking heads its line (masthead, running header, footer); "for Public readers" is no marking.
      const count = (text: string) => text.split('\n').filter((l) => l.trimStart().startsWith(marking)).length;
      expect(count(await pageText(d.pdf!, 1)), `${path.basename(d.pdf!)}, page 1`).toBe(1);
      expect(count(await pageText(d.pdf!, 2)), `${path.basename(d.pdf!)}, page 2`).toBe(2);
    }
  });

  it('print the edition date once on page 1 (the masthead), and in the running header after', async () => {
    for (const d of result.documents) {
      const name = path.basename(d.pdf!);
      const [first, second] = [await pageText(d.pdf!, 1), await pageText(d.pdf!, 2)];
      expect(first.split('15 January 2024'), `${name}, page 1`).toHaveLength(2);
      expect(first, `${name}, page 1`).toMatch(/Edition of 15 January 2024/);
      expect(second.split('15 January 2024'), `${name}, page 2`).toHaveLength(2);
    }
  });
});

describe('the executive chronology and comparison, read back', () => {
  let result: Documents;
  beforeAll(async () => {
    result = await documentsOf(['chronology', 'perspectives'], ['executive']);
    expect(result.documents).toHaveLength(2);
  }, 300_000);

  it('keep a year range on one line: no line ends in a year and a dash (the title broke after "2005–")', async () => {
    for (const d of result.documents) {
      const text = (await $`pdftotext -enc UTF-8 ${d.pdf!} -`).stdout;
      expect(text.split('\n').filter((l) => /\b\d{4}\s?[\u2013\u2014-]$/.test(l.trimEnd()))).toEqual([]);
    }
    const chronology = result.documents.find((d) => d.report === 'chronology')!;
    expect(await pageText(chronology.pdf!, 1)).toMatch(/chronology,\s+2005–2025\n/);
  });

  it("spell out every abbreviation the stance chart's labels use, in its caption", async () => {
    const d = result.documents.find((x) => x.report === 'perspectives')!;
    const html = await readFile(d.html, 'utf8');
    const svgText = [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!)).join(' ');
    const abbreviations = [...new Set(svgText.match(/\b[A-Z]{2,5}\b/g) ?? [])];
    expect(abbreviations.length).toBeGreaterThan(0);
    const text = (await $`pdftotext -enc UTF-8 ${d.pdf!} -`).stdout.replace(/\s+/g, ' ');
    expect(abbreviations.filter((a) => !new RegExp(`\\b${a} = \\p{Lu}`, 'u').test(text))).toEqual([]);
  });
});

describe('quotes and apostrophes in the sample PDFs', () => {
  let result: Documents;
  beforeAll(async () => {
    result = await documentsOf(['perspectives', 'tr-az-convergence'], ['analyst', 'executive', 'public']);
  }, 300_000);

  const STRAIGHT = /["']/g;
  const straight = (text: string) => text.match(STRAIGHT)?.length ?? 0;

  it('are typographic in prose, headers and charts; each verbatim quote is its claim’s quote byte for byte', async () => {
    const quotes = new Set<string>();
    for (const f of await readdir('data/claims')) {
      const file = parse(await readFile(path.join('data/claims', f), 'utf8')) as { claims: { quote: string }[] };
      for (const c of file.claims) quotes.add(c.quote);
    }
    const problems: string[] = [];
    let verbatimStraight = 0;
    for (const d of result.documents) {
      const name = path.basename(d.pdf!);
      const html = await readFile(d.html, 'utf8');
      const verbatim = [...html.matchAll(/<q>([\s\S]*?)<\/q>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')));
      for (const q of verbatim)
        if (!quotes.has(q)) problems.push(`${name}: <q> is no claim's quote: ${q.slice(0, 60)}`);
      // The running header's title is text a reader sees, though it sits in the stylesheet.
      const header = /@top-right \{ content: ("(?:[^"\\]|\\.)*")/.exec(html)![1]!;
      if (straight(JSON.parse(header))) problems.push(`${name}: running header ${header}`);
      const prose = decode(
        html
          .replace(/<(style|script|q|code)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&(?!#|quot;|apos;)[a-z]+;/gi, ' '),
      );
      for (const m of prose.matchAll(/.{0,30}["'].{0,30}/g)) problems.push(`${name}: HTML text: ${m[0]}`);
      // The PDF, read back: its only straight quotes are those inside the verbatim quotes it prints.
      const pdf = (await $`pdftotext -enc UTF-8 ${d.pdf!} -`).stdout;
      const inQuotes = verbatim.reduce((n, q) => n + straight(q), 0);
      verbatimStraight += inQuotes;
      if (straight(pdf) !== inQuotes) problems.push(`${name}: ${straight(pdf)} straight quotes, ${inQuotes} in quotes`);
      if (!/Iran’s|“/.test(pdf)) problems.push(`${name}: no typographic quote or apostrophe at all`);
      // The title a viewer shows in its title bar (tr-az-convergence's is "… and Iran’s security").
      const info = (await $`pdfinfo ${d.pdf!}`).stdout;
      for (const line of info.match(/^(?:Title|Subject):.*$/gm) ?? [])
        if (straight(line)) problems.push(`${name}: document information ${line}`);
    }
    expect(problems).toEqual([]);
    // The sample's quotes hold straight marks of their own ("Iran's"), kept as their sources have them.
    expect(verbatimStraight).toBeGreaterThan(20);
  });
});
