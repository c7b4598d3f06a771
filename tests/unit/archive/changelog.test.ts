// archive: corpus summaries and the changelog between two of them: exactly what changed, nothing for
// moving or reflowing things, and a CHANGELOG.md that names each change in plain words.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { changelogMarkdown, countChanges, diffSummaries, type Change } from '../../../pipeline/archive/changelog.ts';
import { emptySummary, splitSections, summarizeCorpus, type CorpusSummary } from '../../../pipeline/archive/summary.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus, SAMPLE } from '../../support/memory.ts';

type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer U)[]
    ? Mutable<U>[]
    : T[K] extends object
      ? Mutable<T[K]>
      : T[K];
};

/** The summary of a corpus in memory: `from` (a folder on the disk) with `changes` laid over it. */
async function summaryOf(from: string, changes: Record<string, string> = {}): Promise<CorpusSummary> {
  const checked = await memoryCorpus(changes, { from }).check({ templates: false });
  expect(checked.errors).toEqual([]);
  return summarizeCorpus(checked.model!);
}

const FEB = { id: '2026-02-01', date: '2026-02-01' };
const MAR = { id: '2026-03-01', date: '2026-03-01' };

let mini: CorpusSummary;
const edit = (): Mutable<CorpusSummary> => structuredClone(mini) as Mutable<CorpusSummary>;

beforeAll(async () => {
  mini = await summaryOf(MINI);
});

describe('summarizeCorpus', () => {
  it('digests the corpus as plain values, without derived datasets', () => {
    expect(Object.keys(mini.claims)).toContain('alpha-2021/shusha-meeting');
    expect(mini.claims['alpha-2021/drills-contested']).toEqual({
      source: 'alpha-2021',
      statement: 'Tehran and Baku disagree on what the Araz drills mean.',
      quote:
        'Observers in Tehran called the drills on the Araz river a provocation, while Baku described them as routine.',
      type: 'assessment',
      stances: { normalise: 0, threat: 1 },
    });
    expect(mini.sources['alpha-2021']).toEqual({
      title: 'Alliance Notes from Şuşa',
      authors: ['Aylin Test', 'Ömer Example'],
      published: '2021-06',
      reliability: 'C',
      distribution: 'public',
      perspective: 'baku',
    });
    expect(mini.events['araz-drills']).toEqual({
      date: '2021-10',
      title: 'Drills on the Araz river',
      category: 'military-exercise',
    });
    expect(mini.judgments.brief![0]).toEqual({
      text: 'The alliance will deepen.',
      likelihood: 'likely',
      confidence: 'moderate',
      evidence: ['alpha-2021/shusha-meeting', 'beta-2022/not-aimed'],
    });
    expect(mini.judgments.brief).toHaveLength(3);
    expect(Object.keys(mini.datasets)).toEqual(['drills']);
    expect(mini.datasets.drills!.columns.troops).toEqual({ type: 'integer', unit: 'soldiers', title: null });
    expect(mini.datasets.drills!.rows[0]).toEqual({
      date: '2021-06',
      name: 'Alliance drill',
      bloc: 'tr-az',
      troops: 3000,
      evidence: 'alpha-2021/drills-contested',
    });
    expect(Object.keys(mini.reports.brief!.sections)).toEqual([
      'Background',
      'Analysis',
      'Implications',
      'Alternative view',
    ]);
    expect(mini.reports.brief!.sections.Background).toMatch(
      /^In June 2021 the leaders met in Şuşa \[@alpha-2021\/shusha-meeting\]\. Əliyev/,
    );
  });

  it('splits a body at ## headings, keeping an introduction and headings inside code', () => {
    expect(
      splitSections('Intro\n  text.\n\n## A\n\none\ntwo\n\n```\n## not a heading\n```\n## A\nagain\n### sub\n'),
    ).toEqual({
      '(introduction)': 'Intro text.',
      A: 'one two ``` ## not a heading ```',
      'A (2)': 'again ### sub',
    });
  });
});

describe('diffSummaries', () => {
  it('finds exactly one claim statement, one likelihood, one event date and one dataset number', () => {
    const after = edit();
    after.claims['alpha-2021/shusha-meeting']!.statement =
      'The leaders signed a mutual defence declaration in Şuşa on 15 June 2021.';
    after.judgments.brief![0]!.likelihood = 'very-likely';
    after.events['araz-drills']!.date = '2021-09';
    after.datasets.drills!.rows[1]!.troops = 5500;
    expect(diffSummaries(mini, after)).toEqual([
      {
        kind: 'claim-changed',
        id: 'alpha-2021/shusha-meeting',
        fields: [
          {
            field: 'statement',
            from: 'The leaders signed a mutual assistance declaration in Şuşa in June 2021.',
            to: 'The leaders signed a mutual defence declaration in Şuşa on 15 June 2021.',
          },
        ],
      },
      {
        kind: 'judgment-changed',
        id: 'brief',
        judgment: 1,
        was: 1,
        text: 'The alliance will deepen.',
        fields: [{ field: 'likelihood', from: 'likely', to: 'very-likely' }],
      },
      { kind: 'event-redated', id: 'araz-drills', title: 'Drills on the Araz river', from: '2021-10', to: '2021-09' },
      {
        kind: 'dataset-row-changed',
        id: 'drills',
        row: '2021-10, Araz drill',
        position: 2,
        cells: [{ column: 'troops', from: 5000, to: 5500, unit: 'soldiers' }],
      },
    ]);
    expect(countChanges(diffSummaries(mini, after))).toMatchObject({
      total: 4,
      bySection: { claims: 1, judgments: 1, events: 1, sources: 0, datasets: 1, documents: 0 },
    });
  });

  it('sees no change in the same summary, reordered', () => {
    const reversed = <T>(r: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(r).reverse());
    const before = edit();
    before.datasets.drills!.rows[0]!.evidence = 'alpha-2021/drills-contested beta-2022/encirclement';
    const after = structuredClone(before);
    after.claims = reversed(after.claims);
    after.events = reversed(after.events);
    after.datasets.drills!.rows.reverse();
    after.datasets.drills!.rows[2]!.evidence = 'beta-2022/encirclement alpha-2021/drills-contested';
    after.judgments.brief![0]!.evidence.reverse();
    expect(diffSummaries(before, after)).toEqual([]);
    expect(diffSummaries(mini, mini)).toEqual([]);
  });

  it('sees no change in a corpus whose files were reordered and reflowed', async () => {
    const text = (file: string) => readFile(path.join(MINI, file), 'utf8');
    const claims = (await text('claims/alpha-2021.yaml')).split(/\n(?= {2}- id:)/);
    const events = (await text('events/events.yaml')).trimEnd().split(/\n(?=- id:)/);
    const [header, ...rows] = (await text('datasets/drills.csv')).trimEnd().split('\n');
    const brief = (await text('reports/brief.md'))
      .replace('In June 2021 the leaders met in Şuşa', 'In June 2021\nthe   leaders met in Şuşa')
      .replace(
        'bluf: The alliance signed in Şuşa worries Tehran;',
        'bluf: >-\n  The alliance signed in Şuşa\n  worries Tehran;',
      );
    const after = await summaryOf(MINI, {
      'claims/alpha-2021.yaml': `${[claims[0], ...claims.slice(1).reverse()]
        .join('\n')
        .replace('statement: Bilateral trade rose', 'statement: Bilateral   trade rose')}\n`,
      'events/events.yaml': `${[...events].reverse().join('\n')}\n`,
      'datasets/drills.csv': `${[header, ...rows.reverse()].join('\n')}\n`,
      'reports/brief.md': brief,
    });
    expect(after.reports.brief!.bluf).toBe(mini.reports.brief!.bluf);
    expect(diffSummaries(mini, after)).toEqual([]);
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(mini)); // the rows' order is kept, only not a change
  });

  it('lists added and removed claims, events, sources, judgments, rows, sections and reports', () => {
    const after = edit();
    const moved = after.claims['beta-2022/not-aimed']!;
    delete after.claims['beta-2022/not-aimed'];
    after.claims['beta-2022/new-claim'] = { ...moved, statement: 'A new claim.' };
    delete after.events['trade-up'];
    after.events['new-event'] = { date: '2024', title: 'Something new', category: 'diplomacy' };
    after.sources['alpha-2021']!.reliability = 'B';
    after.sources['beta-2022']!.title = 'A renamed source';
    after.judgments.brief!.unshift({
      text: 'Tehran will answer with drills.',
      likelihood: 'roughly-even',
      confidence: 'low',
      evidence: ['alpha-2021/drills-contested'],
    });
    after.datasets.drills!.rows.push({
      date: '2023',
      name: 'New drill',
      bloc: 'iran',
      troops: 800,
      evidence: 'beta-2022/encirclement',
    });
    after.datasets.drills!.rows.splice(0, 1);
    const brief = after.reports.brief!;
    delete brief.sections['Alternative view'];
    brief.sections.Options = 'Talk.';
    brief.sections.Implications += ' More.';
    after.reports.extra = { title: 'Extra', kind: 'chronology', bluf: 'Short.', sections: {} };
    after.judgments.extra = [];
    const changes = diffSummaries(mini, after);
    expect(changes.map((c) => [c.kind, c.id])).toEqual([
      ['claim-added', 'beta-2022/new-claim'],
      ['claim-removed', 'beta-2022/not-aimed'],
      ['judgment-added', 'brief'],
      ['event-added', 'new-event'],
      ['event-removed', 'trade-up'],
      ['source-regraded', 'alpha-2021'],
      ['source-changed', 'beta-2022'],
      ['dataset-row-added', 'drills'],
      ['dataset-row-removed', 'drills'],
      ['report-added', 'extra'],
      ['report-sections-changed', 'brief'],
    ]);
    expect(changes).toContainEqual({
      kind: 'judgment-added',
      id: 'brief',
      judgment: 1,
      text: 'Tehran will answer with drills.',
    });
    expect(changes).toContainEqual({ kind: 'source-regraded', id: 'alpha-2021', from: 'C', to: 'B' });
    expect(changes).toContainEqual({
      kind: 'dataset-row-added',
      id: 'drills',
      row: '2023, New drill',
      position: 3,
      values: [{ column: 'troops', value: 800, unit: 'soldiers' }],
    });
    expect(changes).toContainEqual({
      kind: 'report-sections-changed',
      id: 'brief',
      changed: ['Implications'],
      added: ['Options'],
      removed: ['Alternative view'],
    });
  });

  it('matches a reworded judgment to its old self, and a row whose name was corrected', () => {
    const after = edit();
    after.judgments.brief![0]!.text = 'The alliance will deepen further.';
    after.datasets.drills!.rows[0]!.name = 'Alliance drills';
    expect(diffSummaries(mini, after)).toEqual([
      {
        kind: 'judgment-changed',
        id: 'brief',
        judgment: 1,
        was: 1,
        text: 'The alliance will deepen further.',
        fields: [{ field: 'text', from: 'The alliance will deepen.', to: 'The alliance will deepen further.' }],
      },
      {
        kind: 'dataset-row-changed',
        id: 'drills',
        row: '2021-06, Alliance drills',
        position: 1,
        cells: [{ column: 'name', from: 'Alliance drill', to: 'Alliance drills', unit: null }],
      },
    ]);
    after.judgments.brief![0] = {
      text: 'Iran will normalise relations with Azerbaijan.',
      likelihood: 'unlikely',
      confidence: 'low',
      evidence: ['alpha-2021/trade-growth'],
    };
    expect(
      diffSummaries(mini, after)
        .filter((c) => c.kind.startsWith('judgment'))
        .map((c) => c.kind),
    ).toEqual(['judgment-added', 'judgment-removed']);
  });

  it('is not thrown by a dataset without non-numeric columns: rows match by position', () => {
    const data = {
      title: 'T',
      units: 'km',
      columns: { a: { type: 'number', unit: null, title: null } },
      rows: [{ a: 1 }, { a: 2 }],
    };
    const before = { ...emptySummary(), datasets: { d: data } };
    const after = { ...emptySummary(), datasets: { d: { ...data, rows: [{ a: 1 }, { a: 3 }, { a: 4 }] } } };
    expect(diffSummaries(before, after)).toEqual([
      {
        kind: 'dataset-row-added',
        id: 'd',
        row: 'row 3',
        position: 3,
        values: [{ column: 'a', value: 4, unit: 'km' }],
      },
      {
        kind: 'dataset-row-changed',
        id: 'd',
        row: 'row 2',
        position: 2,
        cells: [{ column: 'a', from: 2, to: 3, unit: 'km' }],
      },
    ]);
  });
});

describe('changelogMarkdown', () => {
  it('names each change in plain words', () => {
    const after = edit();
    after.claims['alpha-2021/shusha-meeting']!.statement = 'The leaders signed a mutual defence declaration.';
    after.claims['alpha-2021/shusha-meeting']!.stances = { threat: 2 };
    after.judgments.brief![0]!.likelihood = 'very-likely';
    after.events['araz-drills']!.date = '2021-09';
    after.datasets.drills!.rows[1]!.troops = 5500;
    after.sources['alpha-2021']!.reliability = 'B';
    after.reports.brief!.bluf = `${'A long bottom line that goes on. '.repeat(8)}The end.`;
    const md = changelogMarkdown(diffSummaries(mini, after), FEB, MAR);
    expect(md).toMatch(/^# Changes from edition 2026-02-01 to 2026-03-01\n/);
    expect(md).toContain(
      '**6 changes**: claims 1 changed · key judgments 1 changed · events 1 re-dated · sources 1 re-graded · datasets 1 row changed · documents 1 bottom line changed.',
    );
    expect(md).toContain(
      '## Claims\n\n- **alpha-2021/shusha-meeting**: statement changed: "The leaders signed a mutual assistance declaration in Şuşa in June 2021." → "The leaders signed a mutual defence declaration."; stance on threat none → +2\n',
    );
    expect(md).toContain('## Key judgments\n\n- brief, judgment 1: likelihood likely → very likely\n');
    expect(md).toContain('- **araz-drills**: re-dated 2021-10 → 2021-09 ("Drills on the Araz river")');
    expect(md).toContain('- **alpha-2021**: reliability re-graded C → B');
    expect(md).toContain('- drills, "2021-10, Araz drill": troops 5000 → 5500 soldiers');
    const bluf = md.split('\n').find((l) => l.startsWith('- **brief**'))!;
    expect(bluf).toMatch(/^- \*\*brief\*\*: bottom line changed: ".{20,165}" → ".{20,165}"$/);
    expect(bluf).toContain('…');
  });

  it('shows where a long text changed, not only how it begins', () => {
    const long = `${'The alliance keeps growing in every field. '.repeat(6)}Tehran watches it closely.`;
    const before = edit();
    before.reports.brief!.bluf = long;
    const after = structuredClone(before);
    after.reports.brief!.bluf = long.replace('watches it closely', 'watches it anxiously');
    const line = changelogMarkdown(diffSummaries(before, after), FEB, MAR)
      .split('\n')
      .find((l) => l.startsWith('- **brief**'))!;
    expect(line).toMatch(
      /^- \*\*brief\*\*: bottom line changed: "…[^"]*Tehran watches it closely\." → "…[^"]*Tehran watches it anxiously\."$/,
    );
  });

  it('says "No changes." and sums up a first edition', () => {
    expect(changelogMarkdown([], FEB, MAR)).toBe('# Changes from edition 2026-02-01 to 2026-03-01\n\nNo changes.\n');
    const first = changelogMarkdown(diffSummaries(emptySummary(), mini), null, MAR, {
      documents: 5,
      audiences: 2,
      packs: 3,
    });
    expect(first).toMatch(
      /^# First edition: 2026-03-01\n\nThis first edition holds 6 claims, 2 sources, 4 events, 1 dataset, and 3 reports with 3 key judgments, printed as 5 documents for 2 audiences and 3 packs\./,
    );
    expect(first).toContain('- **brief** added: "The Şuşa alliance and Iran" (policy brief, 3 key judgments)');
  });
});

describe('the sample corpus', () => {
  let first: CorpusSummary;
  beforeAll(async () => {
    first = await summaryOf(SAMPLE);
  });

  it('summarises as JSON, the same every time', async () => {
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    const again = await summaryOf(SAMPLE);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(Object.keys(first.datasets).sort()).toEqual([
      'agreements',
      'economic-figures',
      'forces-and-arms',
      'military-exercises',
    ]);
    expect(diffSummaries(first, again)).toEqual([]);
  });

  it('gives each changed number with its unit', () => {
    const after = structuredClone(first) as Mutable<CorpusSummary>;
    const row = after.datasets['economic-figures']!.rows.find(
      (r) => r.indicator === 'Iranian-owned companies listed in Georgia' && r.period === '2010',
    )!;
    row.value = 85;
    const changes: Change[] = diffSummaries(first, after);
    expect(changes).toHaveLength(1);
    expect(changelogMarkdown(changes, FEB, MAR)).toContain(
      '- economic-figures, "Iranian-owned companies listed in Georgia, 2010": value 84 → 85 companies\n',
    );
  });
});
