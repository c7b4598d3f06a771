// The sample corpus in data/ checks clean, and its quotes anchor in the real source texts
// when they sit beside the checkout (../shared/sources); elsewhere the test says why it is skipped.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCorpus } from '../../pipeline/run/check.ts';
import { build } from '../support/build.ts';
import { optionsFor } from '../support/options.ts';
import { pdfText } from '../support/pdf.ts';

const TEXTS = path.resolve('..', 'shared', 'sources');
const haveTexts = existsSync(TEXTS);

describe('sample corpus', () => {
  it('validates and resolves without errors', async () => {
    const r = await checkCorpus(optionsFor('data', '/nonexistent'));
    expect(r.errors).toEqual([]);
    expect(r.model!.claims.size).toBeGreaterThan(0);
  });

  const name = haveTexts
    ? 'anchors every claim in its source text, at least 90% exact or normalized'
    : `anchors every claim in its source text (skipped: ${TEXTS} is not there)`;
  it.skipIf(!haveTexts)(name, async () => {
    const r = await checkCorpus(optionsFor('data', '/nonexistent', { textDirs: [TEXTS] }));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const statuses = [...r.anchoring!.anchors.values()].map((a) => a.status);
    expect(statuses.filter((s) => !['exact', 'normalized', 'fuzzy'].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 'exact' || s === 'normalized').length / statuses.length).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it('gives executives a two-page brief with one chart and no notes, the public no internal claim', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'brief-sample-'));
    try {
      const result = await build(
        optionsFor('data', out, { reports: ['tr-az-convergence'], audiences: ['executive', 'public'] }),
      );
      const executive = result.documents.find((d) => d.audience === 'executive')!;
      expect(executive.pages).toBe(2);
      const html = await readFile(executive.html, 'utf8');
      expect(html.match(/<figure class="chart"/g)).toHaveLength(1);
      expect(html).not.toContain('class="notes"');
      const text = await pdfText(executive.pdf!);
      for (const heading of ['Bottom line up front', 'Key judgments', 'Options', 'Likelihood', 'Confidence'])
        expect(text).toContain(heading);
      const publicText = (await pdfText(result.documents.find((d) => d.audience === 'public')!.pdf!)).replace(
        /\s+/g,
        ' ',
      );
      expect(publicText).not.toContain('Working note');
      expect(publicText).not.toContain('unannounced exercise');
      expect(result.warnings.filter((w) => w.code === 'W_JUDGMENT_OMITTED').map((w) => w.line)).toHaveLength(1);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
