// End to end: the mini corpus built into a temp folder with real Chromium, the PDFs read back.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipeline/run/build.ts';
import { build } from '../support/build.ts';
import { MINI } from '../support/corpus.ts';
import { optionsFor } from '../support/options.ts';
import { pdfFonts, pdfInfo, pdfText } from '../support/pdf.ts';
import { expectConforming, hasPreflight, preflight, structText, structTree } from '../support/pdf-standards.ts';

let root: string;
let result: BuildResult;
const pdf = (report: string, audience: string) =>
  result.documents.find((d) => d.report === report && d.audience === audience)!.pdf!;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-e2e-'));
  result = await build(optionsFor(MINI, path.join(root, 'out')));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('brief build on the mini corpus', () => {
  it('makes every report for every audience it names, HTML and PDF', async () => {
    expect(result.documents.map((d) => `${d.report}.${d.audience}`).sort()).toEqual([
      'brief.analyst',
      'brief.executive',
      'timeline.analyst',
      'views.analyst',
    ]);
    for (const d of result.documents) {
      expect(existsSync(d.html), d.html).toBe(true);
      expect(existsSync(d.pdf!), d.pdf!).toBe(true);
      expect(d.pages).toBeGreaterThanOrEqual(1);
      expect(d.pages).toBeLessThanOrEqual(6);
    }
    // No staging folder is left behind, in out/ or beside it.
    const { readdirSync } = await import('node:fs');
    expect([...readdirSync(root), ...readdirSync(path.join(root, 'out'))].filter((f) => f.includes('staging'))).toEqual(
      [],
    );
  });

  it('puts headings, judgments, charts and footnoted quotes in the policy brief', async () => {
    const text = await pdfText(pdf('brief', 'analyst'));
    for (const heading of [
      'The Şuşa alliance and Iran',
      'Bottom line up front',
      'Key judgments',
      'Background',
      'Implications',
      'Alternative view',
      'Figures',
      'Notes',
      'Sources',
    ]) {
      expect.soft(text, heading).toContain(heading);
    }
    expect.soft(text).toContain('Likelihood: Likely');
    expect.soft(text).toContain('Confidence: Moderate');
    expect
      .soft(text.replace(/\s+/g, ' '))
      .toContain('“The leaders met in Şuşa on 15 June 2021 and signed a declaration of mutual assistance.”');
    expect.soft(text).toContain('Əliyev');
    expect.soft(text).toContain('İlham');
    expect.soft(text).toContain('Drills by bloc');
    expect.soft(text).toContain('quote verified (exact)');
  });

  it('leaves out what the executive audience omits', async () => {
    const text = await pdfText(pdf('brief', 'executive'));
    expect(text).not.toContain('Background');
    expect(text).toContain('Implications');
    expect(text).not.toContain('quote verified');
  });

  it('sets out each question side by side, silence as not addressed', async () => {
    const text = (await pdfText(pdf('views', 'analyst'))).replace(/\s+/g, ' ');
    expect.soft(text).toContain('Is the alliance a threat to Iran?');
    expect.soft(text).toContain('Where the sources stand');
    expect.soft(text).toContain('not addressed');
    expect.soft(text).toContain('The source does not address this question.');
  });

  it('draws the chronology with its event table', async () => {
    const text = (await pdfText(pdf('timeline', 'analyst'))).replace(/\s+/g, ' ');
    expect.soft(text).toContain('Timeline of events');
    expect.soft(text).toContain('15 June 2021');
    expect.soft(text).toContain('October 2021');
    expect.soft(text).toContain('Leaders sign a declaration in Şuşa');
  });

  it('embeds only the bundled fonts', async () => {
    for (const d of result.documents) {
      const fonts = await pdfFonts(d.pdf!);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect.soft(f.embedded, `${d.pdf!}: ${f.name}`).toBe(true);
        expect.soft(f.name, d.pdf!).toMatch(/SourceSerif4|SourceSans3/);
      }
    }
  });

  it('carries metadata, a running header, page numbers, bookmarks and tags', async () => {
    const file = pdf('brief', 'analyst');
    const info = await pdfInfo(file);
    expect.soft(info.Title).toBe('The Şuşa alliance and Iran');
    expect.soft(info.Author).toBe('Test Team');
    expect.soft(info.Subject).toBe('A fixture brief');
    expect.soft(info.Keywords).toContain('alliance');
    expect.soft(info.Tagged).toBe('yes');
    expect.soft(info.CreationDate).toContain('2024');
    const text = await pdfText(file);
    expect.soft(text).toMatch(/Page 1 of \d/);
    expect.soft(text).toContain('PUBLIC · ANALYST EDITION');
    const doc = await PDFDocument.load(await readFile(file));
    expect.soft(doc.catalog.get(PDFName.of('Outlines'))).toBeDefined();
    expect.soft(String(doc.catalog.get(PDFName.of('Lang')))).toContain('en');
  });

  it('keeps lazily loaded font faces in the first document each page prints (regression)', async () => {
    // The first PDF printed on a fresh page lost its running header, page numbers and the
    // 7.5pt anchor status: those faces were still loading at print time.
    for (const d of result.documents) {
      const text = await pdfText(d.pdf!);
      expect.soft(text, d.pdf!).toMatch(/Page 1 of \d/);
      if (d.audience === 'analyst') expect.soft(text, d.pdf!).toContain('quote verified (exact)');
    }
  });

  it('makes every PDF PDF/UA-1 and PDF/A-2b, as qpdf, pdfinfo and pdf-lib read it', async () => {
    for (const d of result.documents) {
      const c = await expectConforming(d.pdf!, expect);
      expect.soft(c.links, d.pdf!).toBeGreaterThan(0);
    }
  });

  it('makes each chart one figure, with its alternate text, and nothing per mark', async () => {
    // The brief draws the mini corpus's chart file; the chronology its timeline, the views their stances.
    const expected = { 'brief.analyst': 1, 'timeline.analyst': 1, 'views.analyst': 1 } as Record<string, number>;
    for (const d of result.documents) {
      const tree = await structTree(d.pdf!);
      const figures = tree.split('\n').filter((l) => /^\s*Figure\b/.test(l));
      const want = expected[`${d.report}.${d.audience}`];
      if (want !== undefined) expect.soft(figures.length, d.pdf!).toBe(want);
    }
    const brief = await structText(pdf('brief', 'analyst'));
    expect.soft(brief).not.toMatch(/year: \d{4};/);
  });

  it.skipIf(!hasPreflight())(
    'passes PDFBox Preflight but for PDF/A-1-only rules (skipped where libpdfbox2-java is not installed)',
    async () => {
      // Preflight checks PDF/A-1b; these rules are PDF/A-1's own and PDF/A-2b relaxes them (README, Standards).
      const a1Only = /CIDSet entry is missing|part must be 1/;
      const findings = await preflight(pdf('brief', 'analyst'));
      expect(findings.filter((f) => !a1Only.test(f))).toEqual([]);
      expect(
        findings.some((f) => a1Only.test(f)),
        'Preflight ran and reported',
      ).toBe(true);
    },
  );

  it('gives the same bytes for the same inputs and date', async () => {
    const again = await build(
      optionsFor(MINI, path.join(root, 'again'), { reports: ['brief'], audiences: ['analyst'] }),
    );
    const a = await readFile(pdf('brief', 'analyst'));
    const b = await readFile(again.documents[0]!.pdf!);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
