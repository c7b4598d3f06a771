// model: ValidatedCorpus → Model: indexes every id, resolves every reference, reports what dangles.
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import type { Code } from '../core/codes.ts';
import { didYouMean } from '../core/suggest.ts';
import { locate, type PathKey, type YamlSource } from '../core/yaml-positions.ts';
import { edtfBounds } from '../core/edtf.ts';
import type { Located, ValidatedCorpus } from '../validate/index.ts';
import { chartFields } from './chart-fields.ts';
import { citationSyntax, findCitations } from './citations.ts';
import { markdownImages } from './markup.ts';
import { citedIds } from '../core/citations.ts';
import { reportProse } from '../core/report-parts.ts';
import { byStart, chronologyEvents, groupByPeriod } from '../core/periods.ts';
import { checkOutline, missingSections, REQUIRED_SECTIONS } from './outline.ts';
import { checkEvidenceRules, oneSidedJudgments, thinJudgment } from './evidence-rules.ts';
import { checkCountCitations } from './count-citations.ts';
import { DERIVED_DATASETS, derivedDatasets } from './derived-datasets.ts';
import { audienceEntries, checkDefaultAudiences, reportAudiences, unknownOmits } from './audiences.ts';
import { splitSections } from '../core/sections.ts';
import type { DefaultAudiences } from '../config/file.ts';
import type { Chart, Claim, CorpusEvent, Dataset, Model, Pack, Report, Source } from './types.ts';
import { plural } from '../core/plural.ts';

export type * from './types.ts';

export interface Modelling {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ModelOptions {
  /** brief.config.yaml's `audiences`: where a report that names none goes. */
  readonly defaultAudiences?: DefaultAudiences;
}

export function buildModel(corpus: ValidatedCorpus, options: ModelOptions = {}): Modelling {
  const diagnostics: Diagnostic[] = [];

  /** Index entries by id; a second entry with the same id is an error at the second place. */
  function index<T>(kind: string, entries: readonly { id: string; at: SourcePos; value: T }[]): Map<string, T> {
    const map = new Map<string, T>();
    const first = new Map<string, SourcePos>();
    for (const { id, at, value } of entries) {
      const prior = first.get(id);
      if (prior) {
        diagnostics.push(
          diagnostic(
            at,
            'E_DUPLICATE_ID',
            `${kind} id "${id}" is used twice`,
            `the first is at ${prior.file}:${prior.line}:${prior.column}; give one of them another id`,
          ),
        );
        continue;
      }
      first.set(id, at);
      map.set(id, value);
    }
    return map;
  }
  const byId = <T extends { id: string }>(kind: string, list: readonly Located<T>[]) =>
    index(
      kind,
      list.map((l) => ({ id: l.value.id, at: locate(l.src, [...l.path, 'id']), value: l.value })),
    );

  const actors = byId('actor', corpus.actors);
  const perspectives = byId('perspective', corpus.perspectives);
  const questions = byId('question', corpus.questions);
  const audiences = index('audience', audienceEntries(corpus.audiences));
  diagnostics.push(...checkDefaultAudiences(options.defaultAudiences, audiences));
  const sources = index<Source>(
    'source',
    corpus.sources.map((s) => ({
      id: s.value.id,
      at: locate(s.src, ['id']),
      value: {
        ...s.value,
        note: s.note,
        at: s.at,
        textAt: locate(s.src, ['text']),
        excludeAt: s.value.exclude.map((e, i) => ({
          from: locate(s.src, ['exclude', i, 'from']),
          to: e.to === undefined ? undefined : locate(s.src, ['exclude', i, 'to']),
        })),
      },
    })),
  );
  const claims = index<Claim>(
    'claim',
    corpus.claimFiles.flatMap((f) =>
      f.claims.map((c) => ({
        id: c.value.id,
        at: locate(c.src, [...c.path, 'id']),
        value: {
          ...c.value,
          source: f.source,
          at: c.at,
          quoteAt: locate(c.src, [...c.path, 'quote']),
          ...(c.value.locator === undefined ? {} : { locatorAt: locate(c.src, [...c.path, 'locator']) }),
        },
      })),
    ),
  );
  const datasets = index<Dataset>(
    'dataset',
    corpus.datasets.map((d) => ({ id: d.id, at: d.at, value: { id: d.id, meta: d.value, rows: d.rows, at: d.at } })),
  );
  for (const id of DERIVED_DATASETS) {
    const own = corpus.datasets.find((d) => d.id === id);
    if (own)
      diagnostics.push(
        diagnostic(
          own.at,
          'E_DUPLICATE_ID',
          `dataset id "${id}" is reserved for the dataset brief derives from the corpus`,
          'rename this dataset',
        ),
      );
  }

  /**
   * A reference to a claim whose own entry is invalid is not a second error: the claim's error is
   * the cause. Such references are counted, and the count is said once, at the claim.
   */
  const dependents = new Map<string, number>();
  const heldBack = (id: string) => {
    // A claim of a claims file that could not be read at all waits on that file's error, uncounted.
    if (corpus.unread.claimFiles.includes(id.split('/')[0]!)) return true;
    if (!corpus.unparsedClaims.has(id)) return false;
    dependents.set(id, (dependents.get(id) ?? 0) + 1);
    return true;
  };

  /** Checks that `id` is a key of `known`; if not, a located error with the nearest id as hint. */
  function ref(
    kind: string,
    id: string,
    known: ReadonlyMap<string, unknown>,
    src: YamlSource,
    at: readonly PathKey[],
    code: Code,
    context: string,
  ) {
    if (known.has(id)) return;
    if (kind === 'claim' && heldBack(id)) return;
    // A chart, dataset or source whose own file has an error is reported there, once.
    if (kind === 'event' && corpus.unread.eventFiles > 0) return;
    if (
      (kind === 'chart' && corpus.unparsedCharts.includes(id)) ||
      (kind === 'dataset' && corpus.unparsedDatasets.includes(id)) ||
      (kind === 'source' && corpus.unparsedSources.includes(id))
    )
      return;
    if (known.size === 0 && kind === 'actor') return; // no actors file: codes are not checked
    diagnostics.push(
      diagnostic(
        locate(src, at),
        code,
        `${context} names ${kind} "${id}", which does not exist`,
        didYouMean(id, known.keys(), `define it first, or use one of the ${known.size} known ${kind} ids`),
      ),
    );
  }

  for (const s of corpus.sources) {
    if (s.value.perspective && perspectives.size > 0) {
      ref(
        'perspective',
        s.value.perspective,
        perspectives,
        s.src,
        ['perspective'],
        'E_UNKNOWN_PERSPECTIVE',
        `source "${s.value.id}"`,
      );
    }
  }

  for (const file of corpus.claimFiles) {
    ref('source', file.source, sources, file.src, ['source'], 'E_UNKNOWN_SOURCE', 'this claims file');
    for (const c of file.claims) {
      const claim = c.value;
      if (!claim.id.startsWith(`${file.source}/`)) {
        diagnostics.push(
          diagnostic(
            locate(c.src, [...c.path, 'id']),
            'E_CLAIM_ID_PREFIX',
            `claim id "${claim.id}" does not start with its source id "${file.source}/"`,
            `rename it "${file.source}/${claim.id.split('/').pop()}"`,
          ),
        );
      }
      claim.actors.forEach((a, i) =>
        ref('actor', a, actors, c.src, [...c.path, 'actors', i], 'E_UNKNOWN_ACTOR', `claim "${claim.id}"`),
      );
      for (const q of Object.keys(claim.stances))
        ref('question', q, questions, c.src, [...c.path, 'stances', q], 'E_UNKNOWN_QUESTION', `claim "${claim.id}"`);
    }
  }

  const events: CorpusEvent[] = [];
  for (const e of corpus.events) {
    const bounds = edtfBounds(e.value.date);
    if (!bounds) continue; // validate already reported it
    e.value.evidence.forEach((id, i) =>
      ref('claim', id, claims, e.src, [...e.path, 'evidence', i], 'E_UNKNOWN_CLAIM', `event "${e.value.id}"`),
    );
    e.value.actors.forEach((a, i) =>
      ref('actor', a, actors, e.src, [...e.path, 'actors', i], 'E_UNKNOWN_ACTOR', `event "${e.value.id}"`),
    );
    e.value.dated_otherwise.forEach((d, i) =>
      d.evidence.forEach((id, k) =>
        ref(
          'claim',
          id,
          claims,
          e.src,
          [...e.path, 'dated_otherwise', i, 'evidence', k],
          'E_UNKNOWN_CLAIM',
          `event "${e.value.id}"`,
        ),
      ),
    );
    events.push({ ...e.value, bounds, at: e.at });
  }
  const eventIds = index(
    'event',
    events.map((e) => ({ id: e.id, at: e.at, value: e })),
  );
  events.sort(byStart);
  for (const d of derivedDatasets(sources, claims, questions, events)) datasets.set(d.id, d);

  for (const d of corpus.datasets) {
    d.value.evidence.forEach((id, i) =>
      ref('claim', id, claims, d.src, ['evidence', i], 'E_UNKNOWN_CLAIM', `dataset "${d.id}"`),
    );
    // Columns of type `claim` tie each row to its evidence.
    const claimColumns = Object.entries(d.value.columns)
      .filter(([, c]) => c.type === 'claim')
      .map(([name]) => name);
    d.rows.forEach((row, i) => {
      for (const column of claimColumns) {
        for (const id of String(row[column] ?? '')
          .split(/\s+/)
          .filter(Boolean)) {
          if (claims.has(id) || heldBack(id)) continue;
          const row = d.table.rows[i];
          const line = row?.line ?? 1;
          diagnostics.push(
            diagnostic(
              { file: d.table.file, line, column: row?.columns?.[column] ?? 1 },
              'E_UNKNOWN_CLAIM',
              `dataset "${d.id}", row ${line}, names claim "${id}" as its evidence, which does not exist`,
              didYouMean(id, claims.keys(), 'name an existing claim id'),
            ),
          );
        }
      }
    });
  }

  const charts = index<Chart>(
    'chart',
    corpus.charts.flatMap((c) => {
      const dataset = datasets.get(c.value.data.name);
      ref('dataset', c.value.data.name, datasets, c.src, ['data', 'name'], 'E_UNKNOWN_DATASET', `chart "${c.id}"`);
      if (dataset) {
        for (const f of chartFields(c.value, Object.keys(dataset.meta.columns))) {
          diagnostics.push(
            diagnostic(
              locate(c.src, f.path),
              'E_UNKNOWN_FIELD',
              `chart "${c.id}" uses field "${f.field}", which dataset "${dataset.id}" does not have`,
              didYouMean(
                f.field,
                Object.keys(dataset.meta.columns),
                `its columns are: ${Object.keys(dataset.meta.columns).join(', ')}`,
              ),
            ),
          );
        }
      }
      const title = typeof c.value.title === 'string' ? c.value.title : c.value.title.text;
      return [{ id: c.id, at: c.at, value: { id: c.id, title, dataset: c.value.data.name, spec: c.value, at: c.at } }];
    }),
  );

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
      ...reportAudiences(m.audiences, m.distribution, options.defaultAudiences, audiences),
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
  const reportIds = index(
    'report',
    reports.map((r) => ({ id: r.id, at: r.at, value: r })),
  );
  // The sections the outlines require are known even where a report lacks one (that is its own error).
  // A report whose front matter is in error still has its body: its sections count for omit lists,
  // and a required one it lacks is said in the same run as the front matter's error.
  for (const u of corpus.unparsedReportBodies)
    if (u.kind) diagnostics.push(...missingSections(u.id, u.kind, u.file, u.body, u.bodyLine));
  const sectionSlugs = [
    ...Object.values(REQUIRED_SECTIONS)
      .flat()
      .map((s) => s.slug),
    ...[...reports, ...corpus.unparsedReportBodies].flatMap((r) => splitSections(r.body).map((s) => s.slug)),
  ];
  // A report file that could not be read at all may hold the section an omit names: no warning then,
  // which would be a false one beside that file's own error.
  if (corpus.unread.reportFiles.length === 0) diagnostics.push(...unknownOmits(audiences, new Set(sectionSlugs)));

  const packs = index<Pack>(
    'pack',
    corpus.packs.map((p) => ({ id: p.id, at: p.at, value: { ...p.value, id: p.id, at: p.at } })),
  );
  for (const p of corpus.packs) {
    p.value.audiences.forEach((a, i) =>
      ref('audience', a, audiences, p.src, ['audiences', i], 'E_UNKNOWN_AUDIENCE', `pack "${p.id}"`),
    );
    p.value.reports.forEach(
      (r, i) =>
        corpus.unparsedReports.includes(r) ||
        ref('report', r, reportIds, p.src, ['reports', i], 'E_UNKNOWN_REPORT', `pack "${p.id}"`),
    );
  }

  for (const [id, count] of dependents) {
    diagnostics.push(
      diagnostic(
        corpus.unparsedClaims.get(id)!,
        'W_DEPENDENTS',
        `claim "${id}" is left out because of the error in its entry; ${plural(count, 'reference')} to it, in reports, events or datasets, ${count === 1 ? 'waits' : 'wait'} on that fix`,
        'fix the error reported for this claim; its references are then checked again',
        'warning',
      ),
    );
  }

  const model: Model = {
    dataDir: corpus.dataDir,
    actors,
    perspectives,
    questions,
    audiences,
    sources,
    claims,
    events,
    datasets,
    charts,
    reports,
    packs,
  };
  return { model, diagnostics };
}
