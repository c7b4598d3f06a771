// model: datasets derived from the corpus, so charts of claims, stances and events trace to claims;
// and the warning for a key judgment that rests on one source.
import { describe, expect, it } from 'vitest';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';

describe('derived datasets', () => {
  it('counts claims per topic, averages stances, lists events', async () => {
    const r = await memoryCorpus().check();
    const m = r.model!;
    const claims = m.datasets.get('corpus-claims')!.rows;
    expect(
      claims
        .filter((row) => row.topic === 'alliance')
        .map((row) => row.claim)
        .sort(),
    ).toEqual(['alpha-2021/aliyev-new-page', 'alpha-2021/shusha-meeting', 'beta-2022/not-aimed']);
    const stances = m.datasets.get('corpus-stances')!.rows;
    expect(stances.find((s) => s.source === 'Sample 2022' && s.question === 'Threat to Iran')).toMatchObject({
      stance: 0,
      claims: 2,
      addressed: true,
    });
    expect(stances.find((s) => s.source === 'Sample 2022' && s.question === 'Normalisation')).toMatchObject({
      stance: null,
      addressed: false,
    });
    const events = m.datasets.get('corpus-events')!.rows;
    expect(events.map((e) => e.event)).toEqual(['border-exercises', 'shusha-declaration', 'araz-drills', 'trade-up']);
    expect(events[0]).toMatchObject({ start: '2021-01-01', end: '2022-12-31', year: 2021 });
  });

  it('lets a chart draw from them, with its fields checked', async () => {
    const corpus = memoryCorpus({
      'charts/claims-by-topic.json': JSON.stringify(
        {
          title: 'Claims by topic',
          description: 'How many claims the corpus holds on each topic.',
          data: { name: 'corpus-claims' },
          mark: 'bar',
          encoding: {
            x: { field: 'topic', type: 'nominal' },
            y: { aggregate: 'count', type: 'quantitative' },
            color: { field: 'sourse', type: 'nominal' },
          },
        },
        null,
        2,
      ),
    });
    const r = await corpus.check();
    expect(r.errors.map((e) => [e.code, e.hint])).toEqual([['E_UNKNOWN_FIELD', 'did you mean "source"?']]);
  });
});

describe('key judgments', () => {
  it('warns when a judgment rests on a single source', async () => {
    const { readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const text = await readFile(path.join(MINI, 'reports/brief.md'), 'utf8');
    const corpus = memoryCorpus({
      'reports/brief.md': text.replace(
        'evidence: [alpha-2021/shusha-meeting, beta-2022/not-aimed]',
        'evidence: [alpha-2021/shusha-meeting, alpha-2021/aliyev-new-page]',
      ),
    });
    const r = await corpus.check();
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['W_THIN_JUDGMENT', 17]]);
  });
});
