// render: the outline's parts as the templates see them: prose from the front matter rendered
// with its note references, and the parts made from data (voices, blind spots, claim table,
// turning points, entries by period, coverage, the sourcing note). Every field is present.
import type { Selection } from '../select/index.ts';
import { sourceLabel } from '../core/source-label.ts';
import {
  CONFIDENCE_MEANING,
  DISAGREEMENT_LABEL,
  LIKELIHOOD_SCALE,
  Likelihood,
  RELIABILITY_MEANING,
} from '../core/estimates.ts';
import { formatEdtf } from './dates.ts';
import type { MarkdownFn } from './view-model.ts';

/** Prose inside a block (one paragraph) without its <p>, so a template can set it inline. */
const inline = (html: string) => html.replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1');

export function outlineView(sel: Selection, markdown: MarkdownFn, noteOf: (id: string) => number | undefined) {
  const { report } = sel;
  const html = (md: string | undefined) => (md ? markdown(md, noteOf) : null);
  const prose = (slug: string) => sel.prose.filter((p) => p.slug === slug);
  const judgmentNumber = new Map(sel.judgments.map((j, i) => [j.id, i + 1]));
  // A cluster of note numbers reads in ascending order, each once, as prose's do (markdown.ts).
  const notesOf = (ids: readonly string[]) =>
    [...new Set(ids.map(noteOf).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  const source = (id: string) => sel.sources.find((s) => s.id === id) ?? sel.cited.find((s) => s.id === id);
  const claimSource = (claimId: string) => sel.footnotes.find((f) => f.claim.id === claimId)?.source;

  const summary =
    report.summary && prose('summary').length
      ? {
          agree: html(report.summary.agree),
          differ: html(report.summary.differ),
          unresolved: html(report.summary.unresolved),
        }
      : null;
  const used = new Set(sel.judgments.flatMap((j) => j.likelihood ?? []));
  const grades = [...new Set(sel.cited.flatMap((s) => s.reliability ?? []))].sort();
  const dated = sel.events;
  const precisionCount = (p: number) =>
    dated.filter((e) => !e.date.includes('/') && !/[~?%]/.test(e.date) && e.bounds.precision === p).length;

  return {
    whyNow: prose('why-now').length ? html(report.why_now) : null,
    alternative: prose('alternative-view').length ? html(report.alternative) : null,
    assumptions: prose('assumptions').length
      ? report.assumptions.map((a) => ({ text: inline(html(a.text)!), wrongIf: inline(html(a.wrong_if)!) }))
      : [],
    indicators: prose('indicators').length
      ? // An indicator of a judgment this audience does not get (all its evidence internal) goes with it.
        report.indicators
          .filter((x) => judgmentNumber.has(x.judgment))
          .map((x) => ({
            text: inline(html(x.text)!),
            signals: inline(html(x.signals)!),
            judgment: judgmentNumber.get(x.judgment)!,
          }))
          .sort((a, b) => a.judgment - b.judgment)
      : [],
    options: prose('options').length
      ? report.options.map((o) => ({ text: inline(html(o.text)!), actor: o.actor }))
      : [],
    outlook:
      report.outlook && prose('outlook').length
        ? { horizon: formatEdtf(report.outlook.horizon), html: html(report.outlook.text) }
        : null,
    summary,
    sourcingNote: {
      // A condensed document explains only the terms it uses; a full one shows the whole scale.
      likelihood: Likelihood.filter((id) => sel.audience.detail === 'full' || used.has(id)).map((id) => ({
        ...LIKELIHOOD_SCALE[id],
        used: used.has(id),
      })),
      wholeScale: sel.audience.detail === 'full',
      usesLikelihood: used.size > 0,
      confidence: (['high', 'moderate', 'low'] as const)
        .filter((c) => sel.audience.detail === 'full' || sel.judgments.some((j) => j.confidence === c))
        .map((c) => ({ level: c[0]!.toUpperCase() + c.slice(1), meaning: CONFIDENCE_MEANING[c] })),
      grades: grades.map((g) => ({ grade: g, meaning: RELIABILITY_MEANING[g] ?? '' })),
      ungraded: sel.cited.filter((s) => !s.reliability).map(sourceLabel),
    },
    voices: sel.sources.map((s) => {
      const p = s.perspective ? (sel.perspectiveNames.get(s.perspective) ?? s.perspective) : null;
      return {
        label: sourceLabel(s),
        authors: s.authors.join(', '),
        title: s.title,
        perspective: p,
        when: formatEdtf(s.published),
        grade: s.reliability ?? null,
        gradeMeaning: s.reliability ? (RELIABILITY_MEANING[s.reliability] ?? null) : null,
      };
    }),
    blindSpots: [
      ...prose('blind-spots').map((p) => ({ html: inline(html(p.markdown)!) })),
      ...(sel.omitted.has('blind-spots')
        ? []
        : sel.blindSpots.map((b) => ({
            html:
              b.sides.length === 0
                ? `No source compared here has a claim on <strong>${b.topic.replace(/-/g, ' ')}</strong>.`
                : `Only sources based in ${b.sides[0]} (${b.sources
                    .map((id) => {
                      const s = source(id);
                      return s ? sourceLabel(s) : id;
                    })
                    .join(', ')}) have claims on <strong>${b.topic.replace(/-/g, ' ')}</strong>.`,
          }))),
    ],
    // In note order, which is reading order: question by question, clearest positions first.
    claimTable: sel.omitted.has('claim-table')
      ? []
      : [...sel.claimRows]
          .sort((a, b) => (noteOf(a.claim.id) ?? Infinity) - (noteOf(b.claim.id) ?? Infinity))
          .map((r) => ({
            note: noteOf(r.claim.id) ?? null,
            source: sourceLabel(r.source),
            type: r.claim.type ?? null,
            statement: r.claim.statement,
            stances: r.stances.map((s) => ({
              question: sel.questions.find((q) => q.id === s.question)?.short ?? s.question,
              value: `${s.value > 0 ? '+' : s.value < 0 ? '\u2212' : ''}${Math.abs(s.value)}`,
            })),
          })),
    disagreement: (question: string) =>
      (report.questionNotes.get(question)?.disagreement ?? []).map((k) => DISAGREEMENT_LABEL[k]),
    commonGround: (question: string) =>
      prose('common-ground').some((p) => p.question === question)
        ? html(report.questionNotes.get(question)?.common_ground)
        : null,
    turningPoints: sel.turningPoints.map((t) => ({
      date: formatEdtf(t.event.date),
      title: t.event.title,
      why: html(t.why),
      notes: notesOf(t.event.evidence),
    })),
    periods: sel.periods.map((g) => ({
      label: g.label,
      dates: formatEdtf(g.dates),
      events: g.events.map((e) => ({
        n: sel.events.indexOf(e) + 1,
        date: formatEdtf(e.date),
        title: e.title,
        category: e.category.replace(/-/g, ' '),
        actors: e.actors.map((a) => sel.actorNames.get(a) ?? a).join(', '),
        note: e.note ?? null,
        notes: notesOf(e.evidence),
        datedOtherwise: e.dated_otherwise.map((d) => {
          const by = [
            ...new Set(
              d.evidence
                .map(claimSource)
                .filter((s) => s !== undefined)
                .map((s) => sourceLabel(s!)),
            ),
          ];
          return { date: formatEdtf(d.date), by: by.join(', '), notes: notesOf(d.evidence) };
        }),
        by: [
          ...new Set(
            e.evidence
              .map(claimSource)
              .filter((s) => s !== undefined)
              .map((s) => sourceLabel(s!)),
          ),
        ].join(', '),
      })),
    })),
    coverage: sel.events.length
      ? {
          count: dated.length,
          // The years the entries span, from the earliest any may mean to the latest.
          from: new Date(Math.min(...dated.map((e) => e.bounds.min))).getUTCFullYear(),
          to: new Date(
            Math.max(...dated.map((e) => (Number.isFinite(e.bounds.max) ? e.bounds.max : e.bounds.min))),
          ).getUTCFullYear(),
          sources: new Set(dated.flatMap((e) => e.evidence.flatMap((id) => claimSource(id)?.id ?? []))).size,
          day: precisionCount(3),
          month: precisionCount(2),
          year: precisionCount(1),
          span: dated.filter((e) => e.date.includes('/') && !/[~?%]/.test(e.date)).length,
          approximate: dated.filter((e) => /[~?%]/.test(e.date)).length,
          byPeriod: sel.periods.map((g) => ({ label: g.label, count: g.events.length })),
        }
      : null,
  };
}
