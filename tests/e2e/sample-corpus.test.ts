// The sample corpus in data/ checks clean, and its quotes anchor in the real source texts
// when they sit beside the checkout (../shared/sources); elsewhere the test says why it is skipped.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCorpus } from '../../pipeline/run/check.ts';
import { optionsFor } from '../support/options.ts';

const TEXTS = path.resolve('..', 'shared', 'sources');
const haveTexts = existsSync(TEXTS);

describe('sample corpus', () => {
  it('validates and resolves without errors', async () => {
    const r = await checkCorpus(optionsFor('data', '/nonexistent'));
    expect(r.errors).toEqual([]);
    expect(r.model!.claims.size).toBeGreaterThan(0);
  });

  const name = haveTexts ? 'anchors every claim in its source text, at least 90% exact or normalized' : `anchors every claim in its source text (skipped: ${TEXTS} is not there)`;
  it.skipIf(!haveTexts)(name, async () => {
    const r = await checkCorpus(optionsFor('data', '/nonexistent', { textDirs: [TEXTS] }));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const statuses = [...r.anchoring!.anchors.values()].map((a) => a.status);
    expect(statuses.filter((s) => !['exact', 'normalized', 'fuzzy'].includes(s))).toEqual([]);
    expect(statuses.filter((s) => s === 'exact' || s === 'normalized').length / statuses.length).toBeGreaterThanOrEqual(0.9);
  });
});
