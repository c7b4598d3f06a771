// model: ValidatedCorpus → Model: indexes every id, resolves every reference, reports what dangles.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { locate } from '../core/yaml-positions.ts';
import { edtfBounds } from '../core/edtf.ts';
import type { ValidatedCorpus } from '../validate/index.ts';
import { byStart } from '../core/periods.ts';
import { missingSections, REQUIRED_SECTIONS } from './outline.ts';
import { DERIVED_DATASETS, derivedDatasets } from './derived-datasets.ts';
import { audienceEntries, checkDefaultAudiences, unknownOmits } from './audiences.ts';
import { splitSections } from '../core/sections.ts';
import type { DefaultAudiences } from '../config/file.ts';
import { references } from './references.ts';
import { checkDatasetEvidence, modelCharts } from './datasets.ts';
import { modelReports } from './reports.ts';
import type { Claim, CorpusEvent, Dataset, Model, Pack, Source } from './types.ts';

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

  const { index, byId, ref, heldBack, dependents } = references(corpus, diagnostics);

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

  checkDatasetEvidence(corpus, claims, heldBack, ref, diagnostics);
  const charts = modelCharts(corpus, datasets, index, ref, diagnostics);

  const reports = modelReports(
    corpus,
    { actors, perspectives, questions, audiences, sources, claims, charts, events, eventIds },
    { ref, heldBack },
    options.defaultAudiences,
    diagnostics,
  );
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

  diagnostics.push(...dependents());

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
