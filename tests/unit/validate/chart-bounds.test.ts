// R4: chart transforms of unbounded size passed check, then the build died of a V8 heap out of
// memory (and took a running `brief serve` with it). Each of the probe's four cases is now a
// located E_CHART_INVALID at check, in well under the time Vega would have spent.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartWorkProblems, MAX_TUPLES } from '../../../pipeline/core/chart-bounds.ts';
import { memoryCorpus, SAMPLE } from '../../support/memory.ts';

const CHART = 'charts/exercises-by-year.json';

/** The sample corpus with one transform added to a chart, checked; the line of `key` in it. */
async function checkWith(transform: Record<string, unknown>, key: string) {
  const spec = JSON.parse(await readFile(path.join(SAMPLE, CHART), 'utf8')) as { transform: unknown[] };
  spec.transform.push(transform);
  const text = JSON.stringify(spec, null, 2);
  const corpus = memoryCorpus({ [CHART]: text }, { from: SAMPLE });
  // The added transform is the last: the last line that opens `key`.
  const line = text.split('\n').reduce((found, l, i) => (l.trim().startsWith(`"${key}"`) ? i + 1 : found), 0);
  // CPU time, not wall time: a shared machine's load must not fail the test, only our own work.
  const started = process.cpuUsage();
  const r = await corpus.check();
  const used = process.cpuUsage(started);
  return { r, line, cpuMs: (used.user + used.system) / 1000 };
}

describe('a chart asking Vega for unbounded work (R4)', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'impute keyvals over 30 million keys',
      { impute: 'Bloc', key: 'year', keyvals: { start: 0, stop: 30_000_000 }, value: 0 },
      'keyvals',
      /"keyvals" would make 30,000,000 values, over the limit of 50,000/,
    ],
    [
      'density of 50 million steps',
      { density: 'year', extent: [0, 1e8], steps: 5e7 },
      'steps',
      /density "steps" would make 50,000,000 values/,
    ],
    [
      'impute over a 50 million range',
      { impute: 'Bloc', key: 'year', keyvals: { start: 0, stop: 5e7, step: 1 }, value: 0 },
      'keyvals',
      /"keyvals" would make 50,000,000 values/,
    ],
    [
      'pad() to 200 MB',
      { calculate: "pad('x', 200000000)", as: 'big' },
      'calculate',
      /pad\(\) would make a string of 200,000,000 characters, over the limit of 1,000,000/,
    ],
  ];
  for (const [name, transform, key, message] of cases) {
    it(`refuses ${name} at check: E_CHART_INVALID at the transform's field, quickly`, async () => {
      const { r, line, cpuMs } = await checkWith(transform, key);
      const found = r.errors.filter((d) => d.code === 'E_CHART_INVALID');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ file: expect.stringMatching(/charts\/exercises-by-year\.json$/), line });
      expect(found[0]!.message).toMatch(message);
      expect(found[0]!.hint).toContain(`at most ${MAX_TUPLES.toLocaleString('en')} values`);
      expect(cpuMs).toBeLessThan(20_000);
    });
  }

  it('bounds what is known only in the Vega a spec compiles to, and expressions whose size is not written out', () => {
    expect(
      chartWorkProblems({ data: [{ name: 'x', transform: [{ type: 'sequence', start: 0, stop: 1e9 }] }] }),
    ).toHaveLength(1);
    expect(chartWorkProblems({ transform: [{ calculate: 'pad(datum.x, datum.n)', as: 'y' }] })[0]!.message).toMatch(
      /not a number written out/,
    );
    expect(chartWorkProblems({ transform: [{ filter: 'length(sequence(0, 1e7)) > 1' }] })[0]!.message).toMatch(
      /10,000,000 values/,
    );
    expect(chartWorkProblems({ encoding: { x: { bin: { maxbins: 1e8 } } } })).toHaveLength(1);
    expect(
      chartWorkProblems({ transform: [{ window: [{ op: 'sum', field: 'x', as: 's' }], frame: [-1e9, 0] }] }),
    ).toHaveLength(1);
    expect(chartWorkProblems({ encoding: { x: { axis: { tickCount: 1e7 } } } })).toHaveLength(1);
    // Ordinary specs pass: a pad to a written-out width, small ranges.
    expect(
      chartWorkProblems({
        transform: [
          { calculate: "pad(datum.name, 12, ' ')", as: 'p' },
          { impute: 'v', key: 'k', keyvals: [1, 2, 3] },
        ],
      }),
    ).toEqual([]);
  });
});
