// Class 1: independent problems in one file are all reported in one run. A chart with a bad mark
// type and a bad aggregate showed only one of them (the Vega-Lite validator stops at the first);
// each file kind is held to it here: a chart, a dataset, a report's front matter.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCorpus, SAMPLE } from '../../support/memory.ts';

/** The sample corpus in memory with `file` edited, checked; the problems in that file, as [code, line]. */
async function problemsIn(file: string, edit: (text: string) => string) {
  const text = edit(await readFile(path.join(SAMPLE, file), 'utf8'));
  // Without the look at the templates: it reads nothing of the corpus but its audiences, which no
  // test here changes, and was most of a check.
  const r = await memoryCorpus({ [file]: text }, { from: SAMPLE }).check({ templates: false });
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  return { found: r.errors.filter((d) => d.file.endsWith(file)).map((d) => [d.code, d.line]), lineOf };
}

describe('every independent problem of a file, in one check', () => {
  it('a chart: a bad mark type, a bad aggregate and an unknown field, all three', async () => {
    const { found, lineOf } = await problemsIn('charts/exercises-by-year.json', (t) => {
      const spec = JSON.parse(t);
      spec.mark = typeof spec.mark === 'object' ? { ...spec.mark, type: 'barr' } : 'barr';
      spec.encoding.y.aggregate = 'summ';
      spec.encoding.x.field = 'yearz';
      return JSON.stringify(spec, null, 2);
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ['E_CHART_SCHEMA', lineOf('"barr"')],
        ['E_CHART_SCHEMA', lineOf('"summ"')],
        ['E_UNKNOWN_FIELD', lineOf('"yearz"')],
      ]),
    );
    expect(found).toHaveLength(3);
  });

  it('a layered chart: a bad mark in one layer and a bad aggregate in another, both, each at its layer', async () => {
    const { found, lineOf } = await problemsIn('charts/exercises-by-year.json', (t) => {
      const spec = JSON.parse(t);
      const { mark, encoding } = spec;
      delete spec.mark;
      delete spec.encoding;
      spec.layer = [
        { mark: 'barr', encoding },
        { mark, encoding: { ...encoding, y: { ...encoding.y, aggregate: 'summ' } } },
      ];
      return JSON.stringify(spec, null, 2);
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ['E_CHART_SCHEMA', lineOf('"barr"')],
        ['E_CHART_SCHEMA', lineOf('"summ"')],
      ]),
    );
    expect(found).toHaveLength(2);
  });

  it('a chart: two bad transforms, each at its own transform', async () => {
    const { found, lineOf } = await problemsIn('charts/exercises-by-year.json', (t) => {
      const spec = JSON.parse(t);
      spec.transform.push({ calculate: 1, as: 'one' }, { filter: { fieldd: 'x', equal: 1 } });
      return JSON.stringify(spec, null, 2);
    });
    expect(found.map(([code]) => code)).toHaveLength(2);
    expect(found.map(([, line]) => line)).toEqual(expect.arrayContaining([lineOf('"calculate": 1')]));
  });

  it('a dataset: two bad cells in different columns and rows', async () => {
    const { found } = await problemsIn('datasets/military-exercises.csv', (t) => {
      const lines = t.split('\n');
      lines[1] = lines[1]!.replace(/^2020-11/, '2020-13');
      lines[2] = lines[2]!.replace(/,alizadeh-abbasi-2025\/erdogan-victory-parade/, ',Not An Id');
      return lines.join('\n');
    });
    expect(found).toEqual([
      ['E_BAD_CELL', 2],
      ['E_BAD_CELL', 3],
    ]);
  });

  it('a report: two front-matter problems in different fields', async () => {
    const { found, lineOf } = await problemsIn('reports/tr-az-convergence.md', (t) =>
      t.replace('likelihood: likely', 'likelihood: likelyy').replace(/\nwhy_now:/, '\nwhy_nowx:'),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        ['E_BAD_VALUE', lineOf('likelyy')],
        ['E_UNKNOWN_KEY', lineOf('why_nowx')],
      ]),
    );
  });

  it('a report: a front-matter error and a missing body section, both', async () => {
    const { found, lineOf } = await problemsIn('reports/tr-az-convergence.md', (t) =>
      t.replace('likelihood: likely', 'likelihood: likelyy').replace(/^## Implications$/m, '## Consequences'),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        ['E_BAD_VALUE', lineOf('likelyy')],
        ['E_MISSING_SECTION', expect.any(Number)],
      ]),
    );
  });

  it('a report that cannot be read raises no false W_UNKNOWN_OMIT for the sections it holds', async () => {
    const file = 'reports/tr-az-convergence.md';
    const text = (await readFile(path.join(SAMPLE, file), 'utf8')).replace('likelihood: likely', 'likelihood: likelyy');
    const r = await memoryCorpus({ [file]: text }, { from: SAMPLE }).check({ templates: false });
    expect(r.errors.map((d) => d.code)).toContain('E_BAD_VALUE');
    expect(r.warnings.filter((d) => d.code === 'W_UNKNOWN_OMIT')).toEqual([]);
  });
});
