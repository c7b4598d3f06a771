// select: footnote order, sections an audience omits, distribution and unverified quotes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../pipeline/run/check.ts';
import { InputError } from '../../../pipeline/core/diagnostics.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { memoryCorpus } from '../../support/memory.ts';

// The mini fixture checked once for the file (without the templates, which selection does not
// read); no test changes it ('does not change the model it reads' holds selectReport to that).
let checked: CheckResult;
beforeAll(async () => {
  checked = await memoryCorpus().check({ templates: false });
});

async function mini() {
  return { model: checked.model!, anchoring: checked.anchoring! };
}

describe('selectReport', () => {
  it('numbers notes in reading order: the bottom line, the judgments, then the outline, each claim once', async () => {
    const { model, anchoring } = await mini();
    const report = model.reports.find((r) => r.id === 'brief')!;
    const sel = selectReport(model, anchoring, report, model.audiences.get('analyst')!, { allowUnverified: false });
    expect(sel.footnotes.map((f) => f.claim.id)).toEqual([
      'alpha-2021/shusha-meeting',
      'beta-2022/not-aimed',
      'alpha-2021/drills-contested',
      'alpha-2021/trade-growth',
      'alpha-2021/aliyev-new-page',
      'beta-2022/encirclement',
    ]);
    expect(sel.judgments.map((j) => j.notes)).toEqual([[1, 2], [3], [4]]);
    // The outline in print order: body sections and the parts printed from the front matter.
    expect(sel.blocks.map((b) => b.part ?? `## ${b.slug}`)).toEqual([
      'why-now',
      '## background',
      '## analysis',
      'analysis-parts',
      '## alternative-view',
      '## implications',
      'options',
      'outlook',
      'figures',
      'sourcing-note',
    ]);
    expect(sel.marking).toBe('Public · Analyst edition');
  });

  it('leaves out the sections an audience omits, and their citations', async () => {
    const { model, anchoring } = await mini();
    const report = model.reports.find((r) => r.id === 'brief')!;
    const sel = selectReport(model, anchoring, report, model.audiences.get('executive')!, { allowUnverified: false });
    expect(sel.body).not.toContain('## Background');
    expect(sel.body).toContain('## Implications');
    expect(sel.footnotes.map((f) => f.claim.id)).not.toContain('alpha-2021/aliyev-new-page');
  });

  it('computes each source’s stance and marks silence as not addressed', async () => {
    const { model, anchoring } = await mini();
    const report = model.reports.find((r) => r.id === 'views')!;
    const sel = selectReport(model, anchoring, report, model.audiences.get('analyst')!, { allowUnverified: false });
    const cell = (source: string, q: string) => sel.stances.find((s) => s.source.id === source && s.question.id === q)!;
    expect(cell('beta-2022', 'threat').stance).toBe(0); // mean of −2 and +2
    expect(cell('alpha-2021', 'threat').stance).toBe(0); // mean of −1 and +1
    expect(cell('beta-2022', 'normalise').stance).toBeUndefined();
  });

  it('refuses to cite an unverified quote unless allowed, and marks it when allowed', async () => {
    const r = checked;
    const anchors = new Map(
      [...r.anchoring!.anchors].map(([id, a]) => [
        id,
        id === 'beta-2022/not-aimed' ? { status: 'no-text' as const } : a,
      ]),
    );
    const anchoring = { ...r.anchoring!, anchors };
    const report = r.model!.reports.find((x) => x.id === 'brief')!;
    const audience = r.model!.audiences.get('analyst')!;
    let error: unknown;
    try {
      selectReport(r.model!, anchoring, report, audience, { allowUnverified: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics[0]).toMatchObject({ code: 'E_UNVERIFIED_CLAIM' });
    const sel = selectReport(r.model!, anchoring, report, audience, { allowUnverified: true });
    expect(sel.footnotes.find((f) => f.claim.id === 'beta-2022/not-aimed')!.unverified).toBe(true);
  });

  it('does not change the model it reads', async () => {
    const { model, anchoring } = await mini();
    const snapshot = () =>
      JSON.stringify([
        model.reports,
        [...model.claims],
        [...model.sources],
        model.events,
        [...model.datasets],
        [...model.questions],
      ]);
    const before = snapshot();
    for (const report of model.reports)
      for (const audience of report.audiences) {
        selectReport(model, anchoring, report, model.audiences.get(audience)!, { allowUnverified: false });
      }
    expect(snapshot()).toBe(before);
  });

  it('leaves internal sources out of what a public audience sees', async () => {
    const { model, anchoring } = await mini();
    const internal = { ...model.sources.get('beta-2022')!, distribution: 'internal' as const };
    const sources = new Map(model.sources).set('beta-2022', internal);
    const claims = new Map([...model.claims].filter(([id]) => !id.startsWith('beta-2022/')));
    const altered = { ...model, sources, claims };
    const report = {
      ...model.reports.find((r) => r.id === 'views')!,
      body: '## Scope and method\n\nStances.\n',
      bluf: 'Two views.',
      summary: undefined,
      questionNotes: new Map(),
      audiences: ['executive'],
    };
    const sel = selectReport(altered, anchoring, report, model.audiences.get('executive')!, { allowUnverified: false });
    expect(sel.sources.map((s) => s.id)).toEqual(['alpha-2021']);
    expect(sel.stances.every((c) => c.source.id === 'alpha-2021')).toBe(true);
  });
});
