// model: a sentence that counts sources cites or names as many as it counts (W_COUNT_UNCITED), and a key
// judgment resting on one source, or on the team's internal note alone, is named (W_THIN_JUDGMENT).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPhrases } from '../../../pipeline/model/count-citations.ts';
import { thinJudgment } from '../../../pipeline/model/evidence-rules.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';

const views = readFileSync(path.join(MINI, 'reports/views.md'), 'utf8');

async function warnings(text: string) {
  const r = await memoryCorpus({ 'reports/views.md': text }).check();
  return r.warnings.filter((d) => d.code === 'W_COUNT_UNCITED').map((d) => ({ line: d.line, message: d.message }));
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const withSection = (body: string) => `${views.trimEnd()}\n\n${body}\n`;

describe('countPhrases', () => {
  it.each([
    ['Four of the five sources say so.', [[4, false, false, 'Four of the five sources']]],
    ['All five sources agree.', [[5, false, false, 'All five sources']]],
    ['Both Baku sources describe threats.', [[2, false, false, 'Both Baku sources']]],
    ['The two Baku-based sources argue it.', [[2, false, false, 'The two Baku-based sources']]],
    ['None of the five texts covers 2026.', [[5, true, false, 'None of the five texts']]],
    ['None of them expects peace.', [['universe', true, false, 'None of them']]],
    ['Every source that addresses it sees decline.', [['universe', false, true, 'Every source']]],
    [
      'No source sees a thaw, and none expects one.',
      [
        ['universe', true, false, 'No source'],
        ['universe', true, false, 'none'],
      ],
    ],
    ["Under each question comes each source's stance.", []],
    ['Tehran sees threats where there are none.', []],
    ['A European source states it.', []],
    // A year is no count of sources (it was read as 2024 sources).
    ['In 2024 Iranian sources argued the opposite.', []],
    ['3 sources say so.', [[3, false, false, '3 sources']]],
  ])('%s', (sentence, expected) =>
    expect(countPhrases(sentence).map((c) => [c.n, c.negative, c.restricted, c.phrase])).toEqual(expected),
  );
});

describe('W_COUNT_UNCITED', () => {
  it('warns at a count that cites fewer sources than it counts, and lists those it cites', async () => {
    const text = withSection(
      '## Can they normalise?\n\nNone of the two sources expects a durable peace [@alpha-2021/trade-growth].',
    );
    expect(await warnings(text)).toEqual([
      {
        line: lineOf(text, 'None of the two'),
        message: expect.stringMatching(
          /"None of the two sources" counts 2 sources but the sentence cites 1: alpha-2021/,
        ),
      },
    ]);
    // In the front matter it is found on its own line, not at the field.
    const bluf = views.replace(
      /^bluf: .*$/m,
      'bluf: >-\n  The fixture sources differ [@beta-2022/encirclement].\n  Both sources see the drills as a threat [@beta-2022/encirclement].',
    );
    expect(await warnings(bluf)).toEqual([
      {
        line: lineOf(bluf, 'Both sources see'),
        message: expect.stringMatching(/"Both sources" counts 2 sources but the sentence cites 1: beta-2022/),
      },
    ]);
  });

  it('does not warn when each counted source is cited or named, or when the count states an absence', async () => {
    for (const body of [
      'None of the two sources expects a durable peace [@alpha-2021/trade-growth; @beta-2022/not-aimed].',
      // Named by an author's name: "Sample" is beta-2022's.
      'None of the two sources expects a durable peace: Sample doubts it too [@alpha-2021/trade-growth].',
      // An absence no quote can show.
      'None of the two texts covers 2024, and no source mentions a hotline.',
      // A sentence that cites nothing introduces the sentences after it in its paragraph.
      'Both sources see the drills as a threat. One calls them contested [@alpha-2021/drills-contested]. The other sees encirclement [@beta-2022/encirclement].',
    ])
      expect(await warnings(withSection(`## Can they normalise?\n\n${body}`)), body).toEqual([]);
  });
});

describe('W_THIN_JUDGMENT', () => {
  const claims = new Map([
    ['a/x', { source: 'a' }],
    ['b/y', { source: 'b' }],
    ['team/z', { source: 'team' }],
  ]);
  const sources = new Map([
    ['a', { distribution: 'public' as const }],
    ['b', { distribution: 'public' as const }],
    ['team', { distribution: 'internal' as const }],
  ]);
  const judge = (evidence: string[], likelihood: string, confidence: 'low' | 'moderate' | 'high') =>
    thinJudgment({ evidence, likelihood: likelihood as 'likely', confidence }, claims, sources)?.message;

  it('names the one source a judgment rests on, and does not count the internal note as a second', () => {
    expect(judge(['a/x'], 'likely', 'moderate')).toBe('rests on a single source, a');
    expect(judge(['a/x', 'team/z'], 'likely', 'moderate')).toBe(
      "rests on a single source, a (with the team's internal team, which is not a second source)",
    );
  });

  it('warns at a judgment rated likely or above on internal evidence alone, whatever its confidence', () => {
    expect(judge(['team/z'], 'likely', 'low')).toBe(
      "rests only on the team's internal source team, yet is rated likely; public editions leave it out",
    );
    expect(judge(['team/z'], 'roughly-even', 'moderate')).toBe(
      "rests only on the team's internal source team; public editions leave it out",
    );
  });

  it('lets pass two public sources, one public source held with low confidence, and an internal hypothesis', () => {
    expect(judge(['a/x', 'b/y'], 'very-likely', 'high')).toBeUndefined();
    expect(judge(['a/x'], 'likely', 'low')).toBeUndefined();
    expect(judge(['team/z'], 'roughly-even', 'low')).toBeUndefined();
  });
});
