// model: datasets derived from the corpus itself, which charts may name like any other:
// `corpus-claims` (a row per claim and topic), `corpus-stances` (a row per source and
// question), `corpus-events` (a row per event). Their numbers trace to the claims by construction;
// rows carry their source's distribution so select can keep internal sources out of public charts.
import { sourceLabel } from '../core/source-label.ts';
import type { Cell, DatasetMeta, Question } from '../validate/index.ts';
import type { Claim, CorpusEvent, Dataset, Source } from './types.ts';

export const DERIVED_DATASETS = ['corpus-claims', 'corpus-stances', 'corpus-events'] as const;

const at = { file: '(derived from the corpus)', line: 1, column: 1 };
const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null);

function dataset(
  id: string,
  meta: Omit<DatasetMeta, 'evidence' | 'references'>,
  rows: Record<string, Cell>[],
): Dataset {
  return { id, meta: { ...meta, evidence: [], references: [] }, rows, at };
}

export function derivedDatasets(
  sources: ReadonlyMap<string, Source>,
  claims: ReadonlyMap<string, Claim>,
  questions: ReadonlyMap<string, Question>,
  events: readonly CorpusEvent[],
): Dataset[] {
  const label = (id: string) => {
    const s = sources.get(id);
    return s ? sourceLabel(s) : id;
  };
  const claimRows = [...claims.values()].flatMap((c) =>
    (c.topics.length ? c.topics : ['(none)']).map((topic) => ({
      claim: c.id,
      source: label(c.source),
      type: c.type ?? null,
      topic,
      distribution: sources.get(c.source)?.distribution ?? 'public',
    })),
  );
  // One pass over the claims, not one per question and source: linear in the corpus.
  const stancesOf = new Map<string, number[]>();
  for (const c of claims.values()) {
    for (const [q, v] of Object.entries(c.stances)) {
      const key = `${c.source}\0${q}`;
      const list = stancesOf.get(key);
      if (list) list.push(v);
      else stancesOf.set(key, [v]);
    }
  }
  const stanceRows = [...questions.values()].flatMap((q) =>
    [...sources.values()].map((s) => {
      const values = stancesOf.get(`${s.id}\0${q.id}`) ?? [];
      const stance = values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
      return {
        source: label(s.id),
        question: q.short,
        stance,
        claims: values.length,
        addressed: values.length > 0,
        distribution: s.distribution,
      };
    }),
  );
  const eventRows = events.map((e) => ({
    event: e.id,
    title: e.title,
    date: e.date,
    start: iso(e.bounds.min),
    end: iso(e.bounds.max),
    year: new Date(e.bounds.min).getUTCFullYear(),
    category: e.category,
    actors: e.actors.join(' '),
    // Internal when all its evidence is (select leaves it out of a public chart, as it does the event).
    distribution:
      e.evidence.length > 0 &&
      e.evidence.every((id) => sources.get(claims.get(id)?.source ?? '')?.distribution === 'internal')
        ? 'internal'
        : 'public',
  }));
  return [
    dataset(
      'corpus-claims',
      {
        title: 'Claims in the corpus, one row per claim and topic',
        columns: {
          claim: { type: 'string' },
          source: { type: 'string' },
          type: { type: 'string' },
          topic: { type: 'string' },
          distribution: { type: 'string' },
        },
      },
      claimRows,
    ),
    dataset(
      'corpus-stances',
      {
        title: 'Mean stance of each source on each question',
        columns: {
          source: { type: 'string' },
          question: { type: 'string' },
          stance: { type: 'number' },
          claims: { type: 'integer' },
          addressed: { type: 'boolean' },
          distribution: { type: 'string' },
        },
      },
      stanceRows,
    ),
    dataset(
      'corpus-events',
      {
        title: 'Events in the corpus',
        columns: {
          event: { type: 'string' },
          title: { type: 'string' },
          date: { type: 'edtf' },
          start: { type: 'string' },
          end: { type: 'string' },
          year: { type: 'integer' },
          category: { type: 'string' },
          actors: { type: 'string' },
          distribution: { type: 'string' },
        },
      },
      eventRows,
    ),
  ];
}
