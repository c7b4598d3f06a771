// run: which documents a build makes. A report or audience asked for by name that yields no
// document is a usage error, not "built 0 documents".
import { describe, expect, it } from 'vitest';
import { planDocuments } from '../../../pipeline/run/plan.ts';
import { UsageError } from '../../../pipeline/core/diagnostics.ts';
import { memoryCorpus } from '../../support/memory.ts';

const model = async () => (await memoryCorpus().check()).model!;

describe('planDocuments', () => {
  it('makes every report for every audience it goes to, narrowed by --report and --audience', async () => {
    const m = await model();
    expect(planDocuments(m, { reports: [], audiences: [] }).map((d) => d.name)).toEqual([
      'brief.executive',
      'brief.analyst',
      'timeline.analyst',
      'views.analyst',
    ]);
    expect(planDocuments(m, { reports: ['brief'], audiences: ['analyst'] }).map((d) => d.name)).toEqual([
      'brief.analyst',
    ]);
  });

  it('refuses an audience no chosen report goes to, and a report none of the chosen audiences gets', async () => {
    const m = await model();
    expect(() => planDocuments(m, { reports: ['timeline'], audiences: ['executive'] })).toThrow(UsageError);
    expect(() => planDocuments(m, { reports: ['timeline'], audiences: ['executive'] })).toThrow(
      /no report among --report timeline goes to audience "executive"/,
    );
    expect(() => planDocuments(m, { reports: ['brief', 'timeline'], audiences: ['executive'] })).toThrow(
      /--report timeline: report "timeline" goes to none of the audiences asked for \(executive\); it goes to analyst/,
    );
  });
});
