// model: each kind's outline is required data. A missing part, a part of another kind, a count
// out of range or a dangling reference is a located error before anything is rendered.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';

const brief = readFileSync(path.join(MINI, 'reports/brief.md'), 'utf8');
const timeline = readFileSync(path.join(MINI, 'reports/timeline.md'), 'utf8');
const views = readFileSync(path.join(MINI, 'reports/views.md'), 'utf8');

/** The errors check reports for a corpus with these report files, as [code, file, line, message]. */
async function problems(changes: Record<string, string>) {
  // Without the look at the templates unless audiences.yaml changes: it reads nothing else of the
  // corpus and finds nothing on the fixture (see invalid-inputs.test.ts), and was most of a check.
  // The fixture as it is gets the whole check.
  const templates = Object.keys(changes).length === 0 || 'audiences.yaml' in changes;
  const r = await memoryCorpus(changes).check({ templates });
  return [...r.errors, ...r.warnings].map((d) => ({
    code: d.code,
    file: path.basename(d.file),
    line: d.line,
    message: d.message,
    hint: d.hint,
  }));
}
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

describe('outline', () => {
  it('accepts the fixture, which has every part of every kind', async () => {
    expect(await problems({})).toEqual([]);
  });

  it('names each missing part of a policy brief at its `kind:` line', async () => {
    const text = brief.replace(/^why_now:.*\n/m, '').replace(/^outlook:.*\n/m, '');
    const found = await problems({ 'reports/brief.md': text });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'E_MISSING_PART',
        file: 'brief.md',
        line: 2,
        message: expect.stringMatching(/no statement of what is new and why it matters now/),
      }),
      expect.objectContaining({
        code: 'E_MISSING_PART',
        file: 'brief.md',
        line: 2,
        message: expect.stringMatching(/no outlook/),
        hint: expect.stringMatching(/horizon/),
      }),
    ]);
  });

  it('asks for a likelihood and a basis for each key judgment, at the judgment', async () => {
    const text = brief.replace('    likelihood: very-likely\n', '').replace('    basis: One source.\n', '');
    const found = await problems({ 'reports/brief.md': text });
    const at = lineOf(text, '  - id: drills-continue');
    expect(found.map((f) => [f.code, f.line, f.message.replace(/.*has no /, '')])).toEqual([
      ['E_MISSING_PART', at, 'likelihood for key judgment 2'],
      ['E_MISSING_PART', at, "basis for key judgment 2's confidence"],
    ]);
  });

  it('holds a policy brief to 3–6 key judgments', async () => {
    const two = brief.replace(/ {2}- id: trade-holds\n(?: {4}.*\n)+/, '');
    const found = await problems({ 'reports/brief.md': two });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'E_PART_COUNT',
        line: lineOf(two, 'judgments:'),
        message: expect.stringMatching(/has 2 key judgments; it must have 3 to 6/),
      }),
    ]);
  });

  it('ties each indicator to a key judgment by id, with the nearest id as hint', async () => {
    const text = brief.replace('judgment: drills-continue', 'judgment: drill-continue');
    const found = await problems({ 'reports/brief.md': text });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'E_UNKNOWN_JUDGMENT',
        line: lineOf(text, 'indicators:') + 1,
        hint: 'did you mean "drills-continue"?',
      }),
    ]);
  });

  it('requires the body sections of its kind, and refuses parts of another kind', async () => {
    const text = brief
      .replace('## Analysis\n', '## Discussion\n')
      .replace(
        'charts: [drills-by-bloc]',
        'charts: [drills-by-bloc]\nturning_points: [{ event: araz-drills, why: "Drills [@alpha-2021/drills-contested]." }]',
      );
    const found = await problems({ 'reports/brief.md': text });
    expect(found.map((f) => f.code).sort()).toEqual(['E_MISSING_SECTION', 'E_WRONG_KIND_PART']);
    expect(found.find((f) => f.code === 'E_WRONG_KIND_PART')!.message).toMatch(
      /`turning_points:`, which belongs to a chronology and would not be printed/,
    );
    expect(found.find((f) => f.code === 'E_MISSING_SECTION')!.message).toMatch(/no "## Analysis" section/);
  });

  it('asks a comparison for the kind of disagreement and the common ground of each question', async () => {
    const text = views.replace(/ {2}- \{ id: normalise,.*\n/, '  - normalise\n');
    const found = await problems({ 'reports/views.md': text });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'E_MISSING_PART',
        line: lineOf(text, '  - normalise'),
        message: expect.stringMatching(/question "normalise" has no kind of disagreement and no common ground/),
      }),
    ]);
  });

  it('refuses an unknown kind of disagreement with the closed set as hint', async () => {
    const found = await problems({
      'reports/views.md': views.replace('disagreement: [forecast]', 'disagreement: [prediction]'),
    });
    expect(found).toEqual([expect.objectContaining({ code: 'E_BAD_VALUE', hint: expect.stringMatching(/forecast/) })]);
  });

  it('holds a chronology to 3–7 turning points that name real events, and puts every event in a period', async () => {
    const text = timeline
      .replace('event: trade-up', 'event: trade-upp')
      .replace('dates: "2023/2024"', 'dates: "2024/2025"');
    const found = (await problems({ 'reports/timeline.md': text })).sort((a, b) => a.line - b.line);
    expect(found.map((f) => [f.code, f.line])).toEqual([
      ['E_UNKNOWN_EVENT', lineOf(text, '  - { event: trade-upp')],
      ['E_EVENT_NO_PERIOD', lineOf(text, 'periods:') + 1],
    ]);
    expect(found[1]!.message).toMatch(/1 event falls in none of its periods \(trade-up, 2023\)/);
    expect(found[0]!.hint).toBe('did you mean "trade-up"?');
  });

  it('warns at an omitted slug that names no section and no part, with the nearest as hint', async () => {
    const audiences = readFileSync(path.join(MINI, 'audiences.yaml'), 'utf8');
    const text = audiences.replace('omit: [background, analysis,', 'omit: [background, analysys,');
    const found = await problems({ 'audiences.yaml': text });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'W_UNKNOWN_OMIT',
        file: 'audiences.yaml',
        line: lineOf(text, '  omit:'),
        message:
          'audience "executive" omits "analysys", which is no section of any report and no part of any outline, so nothing is left out',
        hint: 'did you mean "analysis"?',
      }),
    ]);
  });

  it('reports an invalid claim once, and how many references wait on it, instead of each citation as unknown', async () => {
    const claims = readFileSync(path.join(MINI, 'claims/alpha-2021.yaml'), 'utf8');
    const text = claims.replace('    type: fact\n    topics: [alliance]', '    type: facts\n    topics: [alliance]');
    const found = await problems({ 'claims/alpha-2021.yaml': text });
    expect(found.map((f) => [f.code, f.file, f.line])).toEqual([
      ['E_BAD_VALUE', 'alpha-2021.yaml', lineOf(text, '    type: facts')],
      ['W_DEPENDENTS', 'alpha-2021.yaml', lineOf(text, '  - id: alpha-2021/shusha-meeting')],
    ]);
    expect(found[1]!.message).toMatch(
      /claim "alpha-2021\/shusha-meeting" is left out because of the error in its entry; \d+ references? to it/,
    );
  });

  it('reports a chart or a source with an error once, not again where a report or claim names it', async () => {
    const chart = JSON.parse(readFileSync(path.join(MINI, 'charts/drills-by-bloc.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete chart.title;
    expect(
      (await problems({ 'charts/drills-by-bloc.json': JSON.stringify(chart, null, 2) })).map((f) => [
        f.code,
        f.file,
        f.message,
      ]),
    ).toEqual([['E_MISSING_FIELD', 'drills-by-bloc.json', 'missing required field "title"']]);
    const source = readFileSync(path.join(MINI, 'sources/beta-2022.md'), 'utf8');
    expect(
      (await problems({ 'sources/beta-2022.md': source.replace(/^reliability: B$/m, 'reliability: Z') })).map((f) => [
        f.code,
        f.file,
      ]),
    ).toEqual([['E_BAD_VALUE', 'beta-2022.md']]);
  });
});
