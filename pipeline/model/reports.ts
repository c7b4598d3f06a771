// model: the reports: every id their front matter and body name, and the rules of their kind.
import { plural } from '../core/plural.ts';
import type { DefaultAudiences } from '../config/file.ts';
import { citedIds } from '../core/citations.ts';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { chronologyEvents, groupByPeriod } from '../core/periods.ts';
import { reportProse } from '../core/report-parts.ts';
import { didYouMean } from '../core/suggest.ts';
import { locate } from '../core/yaml-positions.ts';
import type { ValidatedCorpus } from '../validate/index.ts';
import { reportAudiences } from './audiences.ts';
import { citationSyntax, findCitations } from './citations.ts';
import { checkEvidenceRules, oneSidedJudgments, thinJudgment } from './evidence-rules.ts';
import { checkCountCitations } from './count-citations.ts';
import { markdownImages } from './markup.ts';
import { checkOutline } from './outline.ts';
import type { HeldBack, Ref } from './references.ts';
import type { Model, CorpusEvent, Report } from './types.ts';

/** What a report may name, already indexed. */
export interface Known
  extends Pick<
    Model,
    'actors' | 'perspectives' | 'questions' | 'audiences' | 'sources' | 'claims' | 'charts' | 'events'
  > {
  readonly eventIds: ReadonlyMap<string, CorpusEvent>;
}

export function modelReports(
  corpus: ValidatedCorpus,
  { actors, perspectives, questions, audiences, sources, claims, charts, events, eventIds }: Known,
  { ref, heldBack }: { readonly ref: Ref; readonly heldBack: HeldBack },
  defaultAudiences: DefaultAudiences | undefined,
  diagnostics: Diagnostic[],
): Report[] {
  const reports: Report[] = [];
  for (const r of corpus.reports) {
    const m = r.value;
    const context = `report "${r.id}"`;
    m.audiences?.forEach((a, i) =>
      ref('audience', a, audiences, r.src, ['audiences', i], 'E_UNKNOWN_AUDIENCE', context),
    );
    m.judgments.forEach((j, i) => {
      j.evidence.forEach((id, k) =>
        ref(
          'claim',
          id,
          claims,
          r.src,
          ['judgments', i, 'evidence', k],
          'E_UNKNOWN_CLAIM',
          `${context}, key judgment ${i + 1},`,
        ),
      );
      // A judgment held with low confidence may rest on one source: that is what its hint offers.
      const waiting = (id: string) =>
        corpus.unparsedClaims.has(id) || corpus.unread.claimFiles.includes(id.split('/')[0]!);
      const thin = sources.size > 1 && !j.evidence.some(waiting) ? thinJudgment(j, claims, sources) : undefined;
      if (thin) {
        diagnostics.push(
          diagnostic(
            locate(r.src, ['judgments', i, 'evidence']),
            'W_THIN_JUDGMENT',
            `${context}, key judgment ${i + 1}${j.id ? ` ("${j.id}")` : ''}, ${thin.message}`,
            thin.hint,
            'warning',
          ),
        );
      }
    });
    m.charts.forEach((id, i) => ref('chart', id, charts, r.src, ['charts', i], 'E_UNKNOWN_CHART', context));
    const questionIds = m.questions.map((q) => (typeof q === 'string' ? q : q.id));
    questionIds.forEach((id, i) =>
      ref(
        'question',
        id,
        questions,
        r.src,
        typeof m.questions[i] === 'string' ? ['questions', i] : ['questions', i, 'id'],
        'E_UNKNOWN_QUESTION',
        context,
      ),
    );
    m.judgments.forEach((j, i) =>
      j.parties?.forEach((a, k) =>
        ref(
          'actor',
          a,
          actors,
          r.src,
          ['judgments', i, 'parties', k],
          'E_UNKNOWN_ACTOR',
          `${context}, key judgment ${i + 1},`,
        ),
      ),
    );
    // Prose in the front matter cites claims as the body does; an unknown id is reported at its field.
    for (const part of reportProse(m)) {
      for (const id of citedIds(part.markdown)) {
        if (!claims.has(id) && !heldBack(id))
          diagnostics.push(
            diagnostic(
              locate(r.src, part.path),
              'E_UNKNOWN_CLAIM',
              `${context} cites claim "${id}" in \`${part.path.join('.')}\`, which does not exist`,
              didYouMean(id, claims.keys(), 'cite a claim by its full id: [@source-id/slug]'),
            ),
          );
      }
    }
    const rules = {
      id: r.id,
      file: r.file,
      src: r.src,
      meta: m,
      body: r.body,
      bodyLine: r.bodyLine,
      claims,
      sources,
      questions,
    };
    if (m.kind === 'chronology' && m.periods.length) {
      const { stray } = groupByPeriod(chronologyEvents(events, m.events, m.period), m.periods);
      if (stray.length) {
        diagnostics.push(
          diagnostic(
            locate(r.src, ['periods']),
            'E_EVENT_NO_PERIOD',
            `${context}: ${plural(stray.length, 'event')} ${stray.length === 1 ? 'falls' : 'fall'} in none of its periods (${stray
              .slice(0, 3)
              .map((e) => `${e.id}, ${e.date}`)
              .join('; ')}${stray.length > 3 ? '; …' : ''})`,
            'widen a period, or add one that covers them',
          ),
        );
      }
    }
    const counted = checkEvidenceRules(rules);
    diagnostics.push(
      ...checkOutline({ ...rules, eventIds: new Set(eventIds.keys()), eventsComplete: corpus.unread.eventFiles === 0 }),
      ...counted,
      ...oneSidedJudgments(rules, actors, perspectives),
      ...checkCountCitations(rules, counted),
    );
    m.sources.forEach((id, i) => ref('source', id, sources, r.src, ['sources', i], 'E_UNKNOWN_SOURCE', context));
    if (m.events !== 'all')
      m.events.forEach((id, i) => ref('event', id, eventIds, r.src, ['events', i], 'E_UNKNOWN_EVENT', context));
    const citations = findCitations(r.body, r.bodyLine).map((c) => ({ ...c, file: r.file }));
    diagnostics.push(...markdownImages(r.body, r.bodyLine, r.file));
    diagnostics.push(
      ...citationSyntax(
        r.body,
        r.bodyLine,
        r.file,
        reportProse(m).map((p) => ({ markdown: p.markdown, at: locate(r.src, p.path) })),
      ),
    );
    for (const c of citations) {
      if (!claims.has(c.claim) && !heldBack(c.claim)) {
        diagnostics.push(
          diagnostic(
            c,
            'E_UNKNOWN_CLAIM',
            `${context} cites claim "${c.claim}", which does not exist`,
            didYouMean(c.claim, claims.keys(), 'cite a claim by its full id: [@source-id/slug]'),
          ),
        );
      }
    }
    reports.push({
      ...m,
      ...reportAudiences(m.audiences, m.distribution, defaultAudiences, audiences),
      id: r.id,
      body: r.body,
      bodyLine: r.bodyLine,
      citations,
      at: r.at,
      judgmentsAt: m.judgments.map((_, i) => locate(r.src, ['judgments', i])),
      proseAt: new Map(reportProse(m).map((p) => [p.path.join('.'), locate(r.src, p.path)])),
      questions: questionIds,
      questionNotes: new Map(m.questions.flatMap((q) => (typeof q === 'string' ? [] : [[q.id, q] as const]))),
    });
  }
  return reports;
}
