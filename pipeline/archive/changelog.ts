// archive: two corpus summaries → the changes between them, and a CHANGELOG an analyst reads.
import { compareChanges, type Change, type FieldChange, type FieldValue } from './changelog-kinds.ts';
import { diffDataset } from './changelog-datasets.ts';
import { matchJudgments } from './changelog-judgments.ts';
import type { CorpusSummary, JudgmentSummary, ReportSummary } from './summary.ts';

export * from './changelog-kinds.ts';
export { changelogMarkdown } from './changelog-markdown.ts';
export { editionChangelogs, INTERNAL_CHANGELOG } from './changelog-distribution.ts';

const sameValue = (a: FieldValue | undefined, b: FieldValue | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields, among `names`, whose values differ, old → new. */
function fieldChanges<T extends object>(before: T, after: T, names: readonly (keyof T & string)[]): FieldChange[] {
  return names
    .filter((n) => !sameValue(before[n] as FieldValue, after[n] as FieldValue))
    .map((n) => ({ field: n, from: (before[n] ?? null) as FieldValue, to: (after[n] ?? null) as FieldValue }));
}

/** Visits every id in either record once, in sorted order, so the keys' order in summary.json never matters. */
function eachId<T>(
  before: Readonly<Record<string, T>>,
  after: Readonly<Record<string, T>>,
  visit: (id: string, b: T | undefined, a: T | undefined) => void,
): void {
  for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    visit(id, Object.hasOwn(before, id) ? before[id] : undefined, Object.hasOwn(after, id) ? after[id] : undefined);
  }
}

/** A list compared as a set: listing the same evidence in another order is not a change. */
const asSet = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

function judgmentFields(b: JudgmentSummary, a: JudgmentSummary): FieldChange[] {
  const fields = fieldChanges(b, a, ['text', 'likelihood', 'confidence']);
  if (!sameValue(asSet(b.evidence), asSet(a.evidence)))
    fields.push({ field: 'evidence', from: b.evidence, to: a.evidence });
  return fields;
}

function diffJudgments(id: string, before: readonly JudgmentSummary[], after: readonly JudgmentSummary[]): Change[] {
  const match = matchJudgments(before, after);
  const changes: Change[] = [];
  for (const [i, j] of match.pairs) {
    const fields = judgmentFields(before[i]!, after[j]!);
    if (fields.length)
      changes.push({ kind: 'judgment-changed', id, judgment: j + 1, was: i + 1, text: after[j]!.text, fields });
  }
  for (const j of match.added) changes.push({ kind: 'judgment-added', id, judgment: j + 1, text: after[j]!.text });
  for (const i of match.removed) changes.push({ kind: 'judgment-removed', id, judgment: i + 1, text: before[i]!.text });
  return changes;
}

function diffReport(id: string, b: ReportSummary, a: ReportSummary): Change[] {
  const changes: Change[] = [];
  const fields = fieldChanges(b, a, ['title', 'kind']);
  if (fields.length) changes.push({ kind: 'report-changed', id, fields });
  if (b.bluf !== a.bluf) changes.push({ kind: 'report-bluf-changed', id, from: b.bluf, to: a.bluf });
  const had = (s: ReportSummary, h: string) => Object.hasOwn(s.sections, h);
  const changed = Object.keys(a.sections).filter((h) => had(b, h) && b.sections[h] !== a.sections[h]);
  const added = Object.keys(a.sections).filter((h) => !had(b, h));
  const removed = Object.keys(b.sections).filter((h) => !had(a, h));
  if (changed.length + added.length + removed.length)
    changes.push({ kind: 'report-sections-changed', id, changed, added, removed });
  return changes;
}

/**
 * Every change from `before` to `after`, in a deterministic order (kind, then id). Both are compared
 * as sets keyed by id, so moving a claim, event or row is not a change, and their text was normalised
 * when summarised, so reflowing it is not one either. A new report's judgments and a new dataset's
 * rows come with it: they are not listed one by one.
 */
export function diffSummaries(before: CorpusSummary, after: CorpusSummary): Change[] {
  const changes: Change[] = [];

  eachId(before.claims, after.claims, (id, b, a) => {
    if (!b) return void (a && changes.push({ kind: 'claim-added', id, claim: a }));
    if (!a) return void changes.push({ kind: 'claim-removed', id, claim: b });
    const fields = fieldChanges(b, a, ['source', 'statement', 'quote', 'type']);
    for (const q of [...new Set([...Object.keys(b.stances), ...Object.keys(a.stances)])].sort()) {
      const [from, to] = [b.stances[q] ?? null, a.stances[q] ?? null];
      if (from !== to) fields.push({ field: `stances.${q}`, from, to });
    }
    if (fields.length) changes.push({ kind: 'claim-changed', id, fields });
  });

  eachId(before.judgments, after.judgments, (id, b, a) => {
    if (b && a) changes.push(...diffJudgments(id, b, a));
  });

  eachId(before.events, after.events, (id, b, a) => {
    if (!b) return void (a && changes.push({ kind: 'event-added', id, event: a }));
    if (!a) return void changes.push({ kind: 'event-removed', id, event: b });
    if (b.date !== a.date) changes.push({ kind: 'event-redated', id, title: a.title, from: b.date, to: a.date });
    const fields = fieldChanges(b, a, ['title', 'category']);
    if (fields.length) changes.push({ kind: 'event-changed', id, fields });
  });

  eachId(before.sources, after.sources, (id, b, a) => {
    if (!b) return void (a && changes.push({ kind: 'source-added', id, source: a }));
    if (!a) return void changes.push({ kind: 'source-removed', id, source: b });
    if (b.reliability !== a.reliability)
      changes.push({ kind: 'source-regraded', id, from: b.reliability, to: a.reliability });
    const fields = fieldChanges(b, a, ['title', 'authors', 'published', 'distribution', 'perspective']);
    if (fields.length) changes.push({ kind: 'source-changed', id, fields });
  });

  eachId(before.datasets, after.datasets, (id, b, a) => {
    if (!b) return void (a && changes.push({ kind: 'dataset-added', id, title: a.title, rows: a.rows.length }));
    if (!a) return void changes.push({ kind: 'dataset-removed', id, title: b.title, rows: b.rows.length });
    changes.push(...diffDataset(id, b, a));
  });

  eachId(before.reports, after.reports, (id, b, a) => {
    const judgments = (s: CorpusSummary) => s.judgments[id]?.length ?? 0;
    if (!b)
      return void (
        a && changes.push({ kind: 'report-added', id, title: a.title, reportKind: a.kind, judgments: judgments(after) })
      );
    if (!a)
      return void changes.push({
        kind: 'report-removed',
        id,
        title: b.title,
        reportKind: b.kind,
        judgments: judgments(before),
      });
    changes.push(...diffReport(id, b, a));
  });

  return changes.sort(compareChanges);
}
