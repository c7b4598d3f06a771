// select: Model + anchors + (report, audience) → Selection: the claims, events, charts and sections that go in.
import { diagnostic, InputError, type Diagnostic } from '../core/diagnostics.ts';
import type { Anchoring } from '../anchor/index.ts';
import type { Claim, Model, Report, Source } from '../model/index.ts';
import type { Audience } from '../validate/index.ts';
import { citedIds } from '../core/citations.ts';
import {
  withheld,
  receivedEvents,
  receivedJudgments,
  receivedRows,
  receiver,
  withheldCitations,
  withheldProse,
} from './distribution.ts';
import { splitSections } from './sections.ts';
import { outlineBlocks } from './outline.ts';
import { blindSpots, claimRows } from './extras.ts';
import { reportProse } from '../core/report-parts.ts';
import { chronologyEvents, groupByPeriod } from '../core/periods.ts';
import type { Footnote, Selection, StanceCell } from './types.ts';

export type * from './types.ts';

export interface SelectOptions {
  /** Cite claims whose quotes are not verified, marking them visibly. */
  readonly allowUnverified: boolean;
}

export function selectReport(
  model: Model,
  anchoring: Anchoring,
  report: Report,
  audience: Audience,
  options: SelectOptions,
): Selection {
  const problems: Diagnostic[] = [];
  if (!audience.distribution.includes(report.distribution)) {
    problems.push(
      diagnostic(
        report.at,
        'E_DISTRIBUTION',
        `report "${report.id}" is ${report.distribution}, but audience "${audience.id}" may only receive ${audience.distribution.join(', ')} documents`,
        `take "${audience.id}" out of the report's audiences, or mark the report ${audience.distribution.join(' or ')}`,
      ),
    );
  }
  // What an audience may not receive is filtered out of judgments, tables, events and charts;
  // prose that cites it is an error (distribution.ts).
  const may = receiver(model, audience);
  const mayReceive = (source: Source) => audience.distribution.includes(source.distribution);

  const omitted = new Set(audience.omit);
  const allSections = splitSections(report.body);
  const sections = allSections.filter((s) => !omitted.has(s.slug));
  // A comparison's questions carry their common ground in the notes the model kept for them.
  const prose = reportProse({
    ...report,
    questions: report.questions.map((id) => report.questionNotes.get(id) ?? id),
  }).filter((p) => !omitted.has(p.slug));
  problems.push(
    ...withheldCitations(report, audience, sections, allSections, may),
    ...withheldProse(report, audience, prose, may),
  );
  const body = sections.map((s) => s.markdown).join('\n');

  const footnotes: Footnote[] = [];
  const numberOf = new Map<string, number>();
  const note = (id: string): number => {
    const known = numberOf.get(id);
    if (known !== undefined) return known;
    const claim = model.claims.get(id) as Claim;
    const source = model.sources.get(claim.source) as Source;
    const anchor = anchoring.anchors.get(id) ?? { status: 'no-text' as const };
    const unverified = anchor.status !== 'exact' && anchor.status !== 'normalized' && anchor.status !== 'fuzzy';
    if (unverified && !options.allowUnverified && anchor.status === 'no-text') {
      // One cause, the missing text, for every claim of the source: said once, at its `text:`, with a count (build.ts).
      problems.push(
        diagnostic(
          source.textAt,
          'E_UNVERIFIED_CLAIM',
          `the text of source "${source.id}" (${source.text}) was not found and the evidence lock does not vouch for its claims, so they cannot be cited as verified`,
          'give the folder of the source texts with --texts DIR (then `brief lock` to vouch for them without it), or build with --allow-unverified to cite them marked as unverified',
        ),
      );
    } else if (unverified && !options.allowUnverified) {
      problems.push(
        diagnostic(
          claim.at,
          'E_UNVERIFIED_CLAIM',
          `report "${report.id}" cites claim "${id}", whose quote is ${anchor.status === 'excluded' ? 'found only in an excluded part of its source' : 'not found in its source'}`,
          'correct the quote, or build with --allow-unverified',
        ),
      );
    }
    const n = footnotes.length + 1;
    footnotes.push({ n, claim, source, anchor, unverified });
    numberOf.set(id, n);
    return n;
  };

  const questions =
    report.kind === 'comparative-perspectives'
      ? (report.questions.length ? report.questions : [...model.questions.keys()]).flatMap(
          (id) => model.questions.get(id) ?? [],
        )
      : [];
  // Sources this audience may not receive are left out of the comparison altogether.
  const sources = (
    report.sources.length ? report.sources.flatMap((id) => model.sources.get(id) ?? []) : [...model.sources.values()]
  ).filter(mayReceive);
  // The claims that take a stance, by source, read once rather than once per question and source.
  const coded = new Map<string, Claim[]>();
  if (questions.length) {
    for (const c of model.claims.values()) {
      if (Object.keys(c.stances).length === 0) continue;
      const list = coded.get(c.source);
      if (list) list.push(c);
      else coded.set(c.source, [c]);
    }
  }
  const stances: StanceCell[] = questions.flatMap((question) =>
    sources.map((source) => {
      // The clearest positions first: the order the side-by-side table shows them in.
      const claims = (coded.get(source.id) ?? [])
        .filter((c) => c.stances[question.id] !== undefined)
        .sort((a, b) => Math.abs(b.stances[question.id]!) - Math.abs(a.stances[question.id]!));
      const values = claims.map((c) => c.stances[question.id]!);
      const stance = values.length
        ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
        : undefined;
      return { source, question, stance, claims };
    }),
  );
  const blocks = outlineBlocks(report.kind, sections, questions, omitted);
  // An event resting only on internal evidence is left out (with a warning), and so is a turning
  // point naming it: its `why` is about that event, so it goes with it rather than dangling.
  const received = receivedEvents(
    report.kind === 'chronology' ? chronologyEvents(model.events, report.events, report.period) : [],
    report,
    audience,
    model,
    may,
  );
  const events = received.events;
  const periods = groupByPeriod(events, report.periods).groups;
  const turningPoints = report.turning_points.flatMap((t, i) => {
    const event = model.events.find((e) => e.id === t.event);
    if (event && withheld(event.evidence, may)) {
      received.warnings.push(
        diagnostic(
          report.proseAt.get(`turning_points.${i}.why`) ?? report.at,
          'W_EVENT_OMITTED',
          `turning point ${i + 1} of report "${report.id}" is left out of the ${audience.id} version: its event "${event.id}" rests only on internal evidence, which audience "${audience.id}" may not receive`,
          `to give it to "${audience.id}", cite at least one claim from a public source as the event's evidence`,
          'warning',
        ),
      );
      return [];
    }
    return event ? [{ event, why: t.why }] : [];
  });

  // Notes are numbered in reading order: the bottom line, the judgments, then block by block.
  const cite = (markdown: string) =>
    citedIds(markdown)
      .filter((id) => model.claims.has(id) && may.claim(id))
      .forEach(note);
  const proseOf = (slug: string, question?: string) =>
    prose.filter((p) => p.slug === slug && (question === undefined || p.question === question));
  proseOf('bluf').forEach((p) => cite(p.markdown));
  const receivedJ = receivedJudgments(report, audience, model, may);
  const judgments = omitted.has('key-judgments')
    ? []
    : receivedJ.judgments.map(({ judgment: j, evidence }) => ({
        id: j.id ?? null,
        text: j.text,
        likelihood: j.likelihood,
        confidence: j.confidence,
        basis: j.basis ?? null,
        notes: evidence.map(note),
      }));
  for (const block of blocks) {
    if (block.part === 'analysis-parts')
      ['alternative-view', 'assumptions', 'indicators'].forEach((slug) =>
        proseOf(slug).forEach((p) => cite(p.markdown)),
      );
    else if (block.part === 'turning-points')
      turningPoints.forEach((t) => {
        cite(t.why);
        t.event.evidence.filter(may.claim).forEach(note);
      });
    else if (block.part === 'periods') {
      for (const e of periods.flatMap((g) => g.events)) {
        // An event stays (it happened); only the evidence the audience may receive is cited.
        e.evidence.filter(may.claim).forEach(note);
        e.dated_otherwise.forEach((d) => d.evidence.filter(may.claim).forEach(note));
      }
    } else if (block.part) proseOf(block.part).forEach((p) => cite(p.markdown));
    else {
      cite(block.markdown);
      if (block.question) {
        proseOf('common-ground', block.question).forEach((p) => cite(p.markdown));
        for (const cell of stances) if (cell.question.id === block.question) cell.claims.forEach((c) => note(c.id));
      }
    }
  }

  if (problems.length) throw new InputError(problems);
  // At most `charts` figures, the built-in timeline or stance chart counted first.
  const builtIn =
    (report.kind === 'chronology' && events.length > 0) ||
    (report.kind === 'comparative-perspectives' && stances.length > 0)
      ? 1
      : 0;
  const charts = report.charts
    .flatMap((id) => model.charts.get(id) ?? [])
    .slice(0, audience.charts === undefined ? undefined : Math.max(0, audience.charts - builtIn));
  const claimColumns = (dataset: string) =>
    Object.entries(model.datasets.get(dataset)?.meta.columns ?? {})
      .filter(([, c]) => c.type === 'claim')
      .map(([name]) => name);
  const chartData = new Map(
    charts.map((c) => [
      c.dataset,
      receivedRows(model.datasets.get(c.dataset)?.rows ?? [], claimColumns(c.dataset), audience, may),
    ]),
  );
  const cited = [...new Map(footnotes.map((f) => [f.source.id, f.source])).values()];
  const actorNames = new Map([...model.actors.values()].map((a) => [a.id, a.name]));
  const perspectiveNames = new Map([...model.perspectives.values()].map((p) => [p.id, p.label]));
  // The marking says what this version holds: internal as soon as anything in it is.
  const compared = report.kind === 'comparative-perspectives' ? sources : [];
  const internal =
    report.distribution === 'internal' || [...cited, ...compared].some((s) => s.distribution === 'internal');
  const level = internal ? 'Internal' : 'Public';
  const marking = audience.marking.toLowerCase().startsWith(level.toLowerCase())
    ? audience.marking
    : `${level} · ${audience.marking}`;
  return {
    report,
    audience,
    marking,
    body,
    blocks,
    judgments,
    footnotes,
    charts,
    chartData,
    events,
    questions,
    sources,
    stances,
    cited,
    actorNames,
    perspectiveNames,
    prose,
    periods,
    turningPoints,
    omitted,
    blindSpots: report.kind === 'comparative-perspectives' ? blindSpots(model, report, sources) : [],
    claimRows:
      report.kind === 'comparative-perspectives'
        ? claimRows(
            stances,
            questions.map((q) => q.id),
          )
        : [],
    warnings: [...receivedJ.warnings, ...received.warnings],
  };
}

export type { Audience };
