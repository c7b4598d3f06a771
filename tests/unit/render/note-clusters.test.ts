// render: a cluster of note numbers ("¹²,⁵,¹⁴") reads in ascending order with each number once,
// wherever it is printed: in prose, and in the parts made from data (turning points, entries by
// period, claim rows), whose notes follow their evidence in the order the corpus lists it.
import { describe, expect, it } from 'vitest';
import { memoryCorpus, SAMPLE } from '../../support/memory.ts';

describe('note clusters', () => {
  it('are ascending and without repeats in every document of the sample, for every audience', async () => {
    const corpus = memoryCorpus({}, { from: SAMPLE });
    const checked = await corpus.check({ templates: false });
    expect(checked.errors).toEqual([]);
    const wrong: string[] = [];
    let clusters = 0;
    for (const report of checked.model!.reports) {
      for (const audience of report.audiences) {
        const html = corpus.render(corpus.select(checked, report.id, audience)).html;
        for (const m of html.matchAll(/<sup class="fn-ref[^"]*">([\s\S]*?)<\/sup>/g)) {
          const notes = [...m[1]!.matchAll(/>(\d+)</g)].map((n) => Number(n[1]));
          if (notes.length > 1) clusters++;
          const fixed = [...new Set(notes)].sort((a, b) => a - b);
          if (notes.join(',') !== fixed.join(',')) wrong.push(`${report.id}.${audience}: ${notes.join(',')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The sample has clusters to check: the test would pass on none.
    expect(clusters).toBeGreaterThan(10);
  });
});
