// Class 3: a sentence cut by a page break and resumed after a block of notes must anchor in every
// layout. For a sample of the sample corpus's real quotes, in their real texts, a page break is put
// at every word boundary inside the quoted sentence (a blank line; a page number; a block of 2–4
// numbered notes, as these captures have them), and the quote must still anchor, while altered
// quotes (a digit changed, "not" added, two words swapped) must not.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findQuote, prepareText } from '../../../pipeline/anchor/index.ts';

const TEXTS = process.env.BRIEF_TEXTS || path.resolve('..', 'shared', 'sources');
const VERIFIED = ['exact', 'normalized', 'fuzzy'];
/** Quotes sampled (evenly over the claims), and how much of the text around each is kept. */
const SAMPLE = 40;
const AROUND = 1_500;

interface Case {
  readonly id: string;
  readonly quote: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function sampleCases(): Case[] {
  const texts = new Map<string, string>();
  for (const f of readdirSync('data/sources').filter((n) => n.endsWith('.md'))) {
    const file = /^text:\s*(\S+)/m.exec(readFileSync(path.join('data/sources', f), 'utf8'))?.[1];
    const id = f.replace(/\.md$/, '');
    if (file && existsSync(path.join(TEXTS, file))) texts.set(id, readFileSync(path.join(TEXTS, file), 'utf8'));
  }
  const all: Case[] = [];
  for (const f of readdirSync('data/claims')) {
    const doc = parse(readFileSync(path.join('data/claims', f), 'utf8')) as {
      source: string;
      claims: { id: string; quote: string }[];
    };
    const full = texts.get(doc.source);
    if (!full) continue;
    for (const c of doc.claims) {
      // Quotes found as written, without an ellipsis: the break is then put inside a known span.
      if (/\u2026|\.\.\./.test(c.quote)) continue;
      const at = full.indexOf(c.quote);
      if (at < 0 || c.quote.split(' ').length < 6) continue;
      const from = Math.max(0, full.lastIndexOf('\n', Math.max(0, at - AROUND)));
      const to = Math.min(full.length, at + c.quote.length + AROUND);
      all.push({
        id: c.id,
        quote: c.quote,
        text: full.slice(from, to),
        start: at - from,
        end: at - from + c.quote.length,
      });
    }
  }
  const step = Math.max(1, all.length / SAMPLE);
  return Array.from({ length: Math.min(SAMPLE, all.length) }, (_, i) => all[Math.floor(i * step)]!);
}

const NOTE = (n: number, sup: boolean) =>
  `${sup ? String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!) : n} A. Author, "Security in the South Caucasus," Journal of Regional Studies, 2021, pp. ${n}–${n + 4}, https://example.org/${n}`;
/** What a page break leaves between the halves of a sentence, in these captures. */
const LAYOUTS: Record<string, (k: number) => string> = {
  'a blank line': () => '\n\n',
  'a page number': (k) => `\n\n${17 + k}\n\n`,
  'a block of numbered notes': (k) =>
    `\n\n${Array.from({ length: 2 + (k % 3) }, (_, i) => NOTE(k + i + 1, k % 2 === 0)).join('\n\n')}\n\n`,
};

/** The word boundaries inside the quoted span where a sentence may be cut (not after a full stop). */
function boundaries(c: Case): number[] {
  const out: number[] = [];
  for (let i = c.start + 1; i < c.end - 1; i++)
    if (c.text[i] === ' ' && !/[.!?]["'\u201D\u2019)]?$/.test(c.text.slice(c.start, i))) out.push(i);
  return out;
}

function altered(quote: string): string[] {
  const words = quote.split(' ');
  const swap =
    words.length > 6 && words[3] !== words[4]
      ? [...words.slice(0, 3), words[4], words[3], ...words.slice(5)].join(' ')
      : undefined;
  return [
    /\d/.test(quote) ? quote.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 3) % 10)) : undefined,
    / (is|was|are|were|has|have|will|can|would) /.test(quote)
      ? quote.replace(/ (is|was|are|were|has|have|will|can|would) /, ' $1 not ')
      : `not ${quote}`,
    swap,
  ].filter((q): q is string => q !== undefined && q !== quote);
}

describe.skipIf(!existsSync(TEXTS))('a real quote cut by a page break at any word', () => {
  const cases = existsSync(TEXTS) ? sampleCases() : [];
  it('has a sample of real quotes to cut', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  for (const [layout, make] of Object.entries(LAYOUTS)) {
    it(`anchors across ${layout} at every word boundary, and no altered quote does`, () => {
      const failed: string[] = [];
      const accepted: string[] = [];
      for (const c of cases) {
        boundaries(c).forEach((b, k) => {
          const text = `${c.text.slice(0, b)}${make(k)}${c.text.slice(b + 1)}`;
          const prepared = prepareText(text);
          const status = findQuote(prepared, c.quote).status;
          if (!VERIFIED.includes(status)) failed.push(`${c.id} cut after “${c.text.slice(c.start, b)}”: ${status}`);
          // Every third boundary is enough to show altered quotes are refused in every layout.
          if (k % 3 === 0)
            for (const q of altered(c.quote))
              if (VERIFIED.includes(findQuote(prepared, q).status)) accepted.push(`${c.id}: “${q}”`);
        });
      }
      expect.soft(failed.slice(0, 20), `${failed.length} cuts failed`).toEqual([]);
      expect(accepted.slice(0, 20), `${accepted.length} altered quotes anchored`).toEqual([]);
    });
  }
});
