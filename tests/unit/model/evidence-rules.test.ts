// model: prose that says more than its evidence. A count of sources that the stance data or the
// citations do not bear out is an error; an uncited summary sentence and a judgment about both
// sides that rests on one side are warnings, each at the place it is written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceCounts } from '../../../pipeline/model/evidence-rules.ts';
import { sentences } from '../../../pipeline/core/report-parts.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';

const brief = readFileSync(path.join(MINI, 'reports/brief.md'), 'utf8');
const views = readFileSync(path.join(MINI, 'reports/views.md'), 'utf8');

async function found(changes: Record<string, string>) {
  // Without the look at the templates unless audiences.yaml changes: it reads nothing else of the
  // corpus and finds nothing on the fixture (see invalid-inputs.test.ts), and was most of a check.
  const r = await memoryCorpus(changes).check({ templates: 'audiences.yaml' in changes });
  return [...r.errors, ...r.warnings].map((d) => ({
    code: d.code,
    line: d.line,
    column: d.column,
    message: d.message,
  }));
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('sourceCounts', () => {
  it.each([
    ['The five sources agree that Russia lost its hold.', [{ n: 5, of: null, phrase: 'The five sources' }]],
    ['All five sources answer this question.', [{ n: null, of: 5, phrase: 'All five sources' }]],
    [
      'Four of the five sources say so, and two of them doubt it.',
      [
        { n: 4, of: 5, phrase: 'Four of the five sources' },
        { n: 2, of: null, phrase: 'two of them' },
      ],
    ],
    [
      'One source does not address it; no source denies it.',
      [
        { n: 1, of: null, phrase: 'One source' },
        { n: 0, of: null, phrase: 'no source' },
      ],
    ],
    ['The two Baku-based sources see deterrence.', []],
    ['Sources in Baku and Tehran disagree.', []],
  ])('%s', (sentence, counts) => expect(sourceCounts(sentence)).toEqual(counts));
});

describe('sentences', () => {
  it('does not end a sentence at an abbreviation or a date', () => {
    expect(
      sentences(
        'In c. 2013 the U.S. Congress acted [@a/b]. Mr. Fidan said so, e.g. twice.\n\n- A list item [@a/c].',
      ).map((s) => s.text),
    ).toEqual([
      'In c. 2013 the U.S. Congress acted [@a/b].',
      'Mr. Fidan said so, e.g. twice.',
      '- A list item [@a/c].',
    ]);
  });
});

describe('source counts', () => {
  it('refuses the bottom line that made the sample say more than its sources: "the five sources agree", citing none', async () => {
    const text = views.replace(/^bluf: .*$/m, 'bluf: The two sources agree that the drills changed the region.');
    const out = await found({ 'reports/views.md': text });
    expect(out).toContainEqual(
      expect.objectContaining({
        code: 'E_SOURCE_COUNT',
        line: lineOf(text, 'bluf:'),
        message: expect.stringMatching(
          /says "The two sources" but the sentence and its paragraph cite claims from no source/,
        ),
      }),
    );
  });

  it('checks a count of the sources that address a question against the stance data', async () => {
    // Both sources take a stance on "threat"; only alpha-2021 does on "normalise".
    const ok = views.replace('The sources part ways', 'Two sources answer this question. The sources part ways');
    expect(await found({ 'reports/views.md': ok })).toEqual([]);
    const wrong = views.replace('The sources part ways', 'Three sources answer this question. The sources part ways');
    expect(await found({ 'reports/views.md': wrong })).toEqual([
      expect.objectContaining({
        code: 'E_SOURCE_COUNT',
        line: lineOf(wrong, 'Three sources'),
        column: 1,
        message: expect.stringMatching(
          /says "Three sources" on question "threat", but the stance data show 2 of 2 sources addressing it/,
        ),
      }),
    ]);
  });

  it('counts the silent ones when the sentence says they do not address the question', async () => {
    const text = `${views.trimEnd()}\n\n## Can Baku and Tehran normalise relations?\n\nOne source does not address this question [@alpha-2021/trade-growth].\n`;
    expect(await found({ 'reports/views.md': text })).toEqual([]);
    const wrong = text.replace('One source does not', 'Two sources do not');
    expect(await found({ 'reports/views.md': wrong })).toEqual([
      expect.objectContaining({ code: 'E_SOURCE_COUNT', message: expect.stringMatching(/stance data show 1 of 2/) }),
    ]);
  });

  it('refuses a total that is not the number of sources compared', async () => {
    const text = views.replace(
      /^ {2}agree: .*$/m,
      '  agree: "Both of the three sources describe the drills [@alpha-2021/drills-contested; @beta-2022/encirclement]."',
    );
    expect(await found({ 'reports/views.md': text })).toEqual([
      expect.objectContaining({
        code: 'E_SOURCE_COUNT',
        message: expect.stringMatching(/says "Both of the three sources", but it compares 2 sources/),
      }),
    ]);
  });
});

describe('uncited summaries', () => {
  it('warns at a bottom-line sentence that cites nothing and has no cited neighbour', async () => {
    const text = brief.replace(
      /^bluf: .*$/m,
      'bluf: Tehran is worried. Ankara is silent. Both wait. Baku calls the alliance routine [@beta-2022/not-aimed].',
    );
    expect(
      (await found({ 'reports/brief.md': text })).map((d) => [
        d.code,
        d.line,
        d.message.replace(/.*cites no evidence: /, ''),
      ]),
    ).toEqual([
      ['W_UNCITED_SENTENCE', lineOf(text, 'bluf:'), '"Tehran is worried."'],
      ['W_UNCITED_SENTENCE', lineOf(text, 'bluf:'), '"Ankara is silent."'],
    ]);
    // A framing sentence beside a cited one stands.
    const framed = brief.replace(
      /^bluf: .*$/m,
      'bluf: >-\n  Tehran is worried. Baku calls the alliance routine [@beta-2022/not-aimed].',
    );
    expect(await found({ 'reports/brief.md': framed })).toEqual([]);
  });
});

describe('one-sided judgments', () => {
  it('warns when a judgment about Ankara and Baku rests on sources of one side only, where the other side has evidence', async () => {
    const text = brief.replace(
      '    text: Drills on the Araz will continue.',
      '    text: Ankara and Baku will keep drilling on the Araz.',
    );
    const out = await found({ 'reports/brief.md': text });
    expect(out).toEqual([
      expect.objectContaining({
        code: 'W_ONE_SIDED_JUDGMENT',
        line: lineOf(text, 'evidence: [alpha-2021/drills-contested]'),
        message: expect.stringMatching(
          /key judgment 2, is about Azerbaijan, Turkey but all its evidence comes from sources based in baku.*/,
        ),
      }),
    ]);
    // Evidence from the other side, or a judgment declared to be about one party, is not warned about.
    expect(
      await found({
        'reports/brief.md': text.replace(
          'evidence: [alpha-2021/drills-contested]',
          'evidence: [alpha-2021/drills-contested, beta-2022/not-aimed]',
        ),
      }),
    ).toEqual([]);
    expect(
      await found({
        'reports/brief.md': text.replace(
          '    evidence: [alpha-2021/drills-contested]',
          '    parties: [AZ]\n    evidence: [alpha-2021/drills-contested]',
        ),
      }),
    ).toEqual([]);
    // A judgment about Baku and Tehran is not warned about: no Tehran-side claim concerns both.
    expect(
      await found({
        'reports/brief.md': text.replace('Ankara and Baku will keep drilling', 'Baku and Tehran will keep drilling'),
      }),
    ).toEqual([]);
  });
});
