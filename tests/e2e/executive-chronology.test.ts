// End to end: the executive chronology prints what an executive reads, the turning points and the
// timeline (its numbers marking the turning points), not the list of all 101 events in small type;
// a line says the full list is in the analyst edition, and it keeps to its page budget.
import { readFile } from 'node:fs/promises';
import { $ } from 'zx';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SharedBuild, sharedSample } from '../support/shared-build.ts';

$.quiet = true;

describe('the executive chronology', () => {
  let result: SharedBuild;
  beforeAll(async () => {
    result = await sharedSample();
  }, 300_000);

  const doc = (audience: string) => result.documents.find((d) => d.report === 'chronology' && d.audience === audience)!;

  it('prints the turning points and the timeline, and points to the analyst edition for the full list', async () => {
    const html = await readFile(doc('executive').html, 'utf8');
    const text = (await $`pdftotext -enc UTF-8 ${doc('executive').pdf!} -`).stdout.replace(/\s+/g, ' ');
    expect(html).toContain('class="turning-points"');
    expect(html).toContain('id="chart-timeline"');
    expect(text).toContain('Numbers mark the turning points.');
    expect(text).toContain(
      'The full list of events, each with its date, its sources and how they date it, is in the analyst edition',
    );
    // No list of the events: not the key to every number, not the periods' entries.
    expect(html).not.toContain('event-key');
    expect(text).not.toContain('Key to the timeline');
    expect(text).not.toContain('Council of Turkic-Speaking States founded in Nakhchivan');
    const turning = [...html.matchAll(/<section class="turning-points">[\s\S]*?<\/section>/g)][0]![0];
    const points = (turning.match(/<li>/g) ?? []).length;
    const svg = /<figure class="chart" id="chart-timeline"[\s\S]*?<\/figure>/.exec(html)![0];
    const numbers = [...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
    const years = (n: number) => n >= 1900;
    expect(numbers.filter((n) => !years(n)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: points }, (_, i) => i + 1),
    );
  });

  it('keeps to its page budget of 3, while the analyst edition still lists every event', async () => {
    expect(doc('executive').pages).toBeLessThanOrEqual(3);
    const text = (await $`pdftotext -enc UTF-8 ${doc('analyst').pdf!} -`).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Council of Turkic-Speaking States founded in Nakhchivan');
    expect(text).toContain('Numbers refer to the list of events.');
  });
});
