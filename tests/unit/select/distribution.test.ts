// select: what an audience that may not receive internal material gets: judgments filtered (one
// resting only on internal evidence left out, with a warning at it), prose citing it an error.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../pipeline/core/diagnostics.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { receivedRows, receiver } from '../../../pipeline/select/distribution.ts';
import { internalMaterial } from '../../support/internal.ts';
import { memoryCorpus } from '../../support/memory.ts';

/** The mini corpus in memory with the internal material and `changes`, checked clean. */
async function corpus(changes: Record<string, string> = {}) {
  const c = memoryCorpus({ ...(await internalMaterial()), ...changes });
  const r = await c.check();
  expect(r.errors).toEqual([]);
  const select = (audience: string) =>
    selectReport(
      r.model!,
      r.anchoring!,
      r.model!.reports.find((x) => x.id === 'brief')!,
      r.model!.audiences.get(audience)!,
      { allowUnverified: false },
    );
  return { c, r, select };
}

describe('distribution', () => {
  it('gives the analyst every judgment and its internal evidence, marked internal', async () => {
    const { select } = await corpus();
    const sel = select('analyst');
    expect(sel.judgments.map((j) => j.notes.length)).toEqual([3, 2, 1, 1]);
    expect(sel.footnotes.map((f) => f.claim.id)).toContain('desk-2024/no-hotline');
    expect(sel.marking).toBe('Internal · Analyst edition');
    expect(sel.warnings).toEqual([]);
  });

  it('leaves a judgment resting only on internal evidence out of the public version, and says so at the judgment', async () => {
    const { c, select } = await corpus();
    const sel = select('public');
    expect(sel.judgments.map((j) => j.text)).toEqual([
      'The alliance will deepen.',
      'Drills on the Araz will continue.',
      'Trade between Baku and Tehran will keep growing.',
    ]);
    // The mixed judgment keeps its public notes only.
    expect(sel.judgments[0]!.notes.map((n) => sel.footnotes[n - 1]!.claim.id)).toEqual([
      'alpha-2021/shusha-meeting',
      'beta-2022/not-aimed',
    ]);
    expect(sel.footnotes.filter((f) => f.source.distribution === 'internal')).toEqual([]);
    expect(sel.body).not.toContain('Internal assessment');
    expect(sel.marking).toBe('Public');
    expect(sel.warnings).toHaveLength(1);
    const line =
      (await internalMaterial())
        ['reports/brief.md']!.split('\n')
        .findIndex((l) => l.startsWith('  - id: unannounced-drill')) + 1;
    expect(sel.warnings[0]).toMatchObject({
      code: 'W_JUDGMENT_OMITTED',
      severity: 'warning',
      file: c.rel('reports/brief.md'),
      line,
      column: 5,
    });
    expect(sel.warnings[0]!.message).toMatch(
      /key judgment 2 .*"A drill held without notice.*left out of the public version.*desk-2024/,
    );
  });

  it('refuses prose that cites internal evidence where the public reads it: E_DISTRIBUTION at the citation, with the omit fix as hint', async () => {
    const text = (await internalMaterial())['reports/brief.md']!.replace('## Internal assessment', '## Our assessment');
    const { c, select } = await corpus({ 'reports/brief.md': text });
    let error: unknown;
    try {
      select('public');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const d = (error as InputError).diagnostics;
    expect(d).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l.includes('[@desk-2024/drill-cycle]')) + 1;
    expect(d[0]).toMatchObject({ code: 'E_DISTRIBUTION', file: c.rel('reports/brief.md'), line });
    expect(d[0]!.message).toContain('"Our assessment"');
    expect(d[0]!.hint).toContain('add "our-assessment" to the omit list of "public"');
    // The analyst, who may receive it, is not concerned.
    expect(select('analyst').footnotes.map((f) => f.claim.id)).toContain('desk-2024/drill-cycle');
  });

  it('draws at most `charts` figures', async () => {
    const audiences = (await internalMaterial())['audiences.yaml']!.replace(
      '  marking: Public\n',
      '  marking: Public\n  charts: 0\n',
    );
    const { r } = await corpus({ 'audiences.yaml': audiences });
    const report = r.model!.reports.find((x) => x.id === 'brief')!;
    expect(
      selectReport(r.model!, r.anchoring!, report, r.model!.audiences.get('public')!, { allowUnverified: false })
        .charts,
    ).toEqual([]);
    expect(
      selectReport(r.model!, r.anchoring!, report, r.model!.audiences.get('analyst')!, {
        allowUnverified: false,
      }).charts.map((x) => x.id),
    ).toEqual(['drills-by-bloc']);
  });

  it('leaves an event resting only on internal evidence out of the public chronology, its turning point and corpus-events rows, with W_EVENT_OMITTED at each (R1)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { MINI } = await import('../../support/corpus.ts');
    const events = `${await readFile(`${MINI}/events/events.yaml`, 'utf8')}- id: desk-drill
  date: "2022-03"
  title: ZZSECRET drill the desk saw
  category: military-exercise
  actors: [IR]
  evidence: [desk-2024/drill-cycle]
  note: ZZSECRETNOTE from the desk.
- id: no-evidence
  date: "2022-04"
  title: An event nobody sourced
  category: military-exercise
  actors: [IR]
  evidence: []
`;
    const timeline = (await readFile(`${MINI}/reports/timeline.md`, 'utf8'))
      .replace('audiences: [analyst]', 'audiences: [analyst, public]')
      .replace('periods:\n', '  - { event: desk-drill, why: "ZZSECRETWHY the desk saw it." }\nperiods:\n');
    const { c, r } = await corpus({ 'events/events.yaml': events, 'reports/timeline.md': timeline });
    expect(r.errors).toEqual([]);
    const report = r.model!.reports.find((x) => x.id === 'timeline')!;
    const pick = (audience: string) =>
      selectReport(r.model!, r.anchoring!, report, r.model!.audiences.get(audience)!, { allowUnverified: false });
    const pub = pick('public');
    expect(pub.events.map((e) => e.id)).not.toContain('desk-drill');
    // An event with no evidence at all withholds nothing: it stays.
    expect(pub.events.map((e) => e.id)).toContain('no-evidence');
    expect(pub.periods.flatMap((g) => g.events.map((e) => e.id))).not.toContain('desk-drill');
    expect(pub.turningPoints.map((t) => t.event.id)).not.toContain('desk-drill');
    expect(pub.warnings.map((w) => [w.code, w.file, w.line])).toEqual([
      ['W_EVENT_OMITTED', c.rel('events/events.yaml'), events.split('\n').indexOf('- id: desk-drill') + 1],
      [
        'W_EVENT_OMITTED',
        c.rel('reports/timeline.md'),
        timeline.split('\n').findIndex((l) => l.includes('ZZSECRETWHY')) + 1,
      ],
    ]);
    // (The selection's `report` is the whole report; what renders is these.)
    expect(
      JSON.stringify([pub.events, pub.periods, pub.turningPoints, pub.footnotes, [...pub.chartData.values()]]),
    ).not.toContain('ZZSECRET');
    // The analyst gets it all, without a warning.
    const analyst = pick('analyst');
    expect(analyst.events.map((e) => e.id)).toContain('desk-drill');
    expect(analyst.turningPoints.map((t) => t.event.id)).toContain('desk-drill');
    expect(analyst.warnings).toEqual([]);
    // The derived corpus-events rows carry the distribution select filters public charts by.
    const rows = r.model!.datasets.get('corpus-events')!.rows;
    expect(rows.find((x) => x.event === 'desk-drill')?.distribution).toBe('internal');
    expect(rows.find((x) => x.event === 'no-evidence')?.distribution).toBe('public');
    expect(
      receivedRows(
        rows,
        [],
        r.model!.audiences.get('public')!,
        receiver(r.model!, r.model!.audiences.get('public')!),
      ).map((x) => x.event),
    ).not.toContain('desk-drill');
  });
});
