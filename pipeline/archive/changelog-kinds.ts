// archive: the vocabulary of a changelog: every kind of change between two corpus summaries, as plain JSON values.
import type { Cell } from '../validate/index.ts';
import type { ClaimSummary, EventSummary, SourceSummary } from './summary.ts';

/** Every kind of change, in the order a changelog lists them (grouped by section). */
export const ChangeKind = [
  'claim-added',
  'claim-removed',
  'claim-changed',
  'judgment-added',
  'judgment-removed',
  'judgment-changed',
  'event-added',
  'event-removed',
  'event-redated',
  'event-changed',
  'source-added',
  'source-removed',
  'source-regraded',
  'source-changed',
  'dataset-added',
  'dataset-removed',
  'dataset-changed',
  'dataset-row-added',
  'dataset-row-removed',
  'dataset-row-changed',
  'report-added',
  'report-removed',
  'report-changed',
  'report-bluf-changed',
  'report-sections-changed',
] as const;
export type ChangeKind = (typeof ChangeKind)[number];

/** The changelog's sections, in order, and the heading each gets. */
export const ChangeSection = {
  claims: 'Claims',
  judgments: 'Key judgments',
  events: 'Events',
  sources: 'Sources',
  datasets: 'Datasets',
  documents: 'Documents',
} as const;
export type ChangeSection = keyof typeof ChangeSection;

const PREFIX_SECTION = {
  claim: 'claims',
  judgment: 'judgments',
  event: 'events',
  source: 'sources',
  dataset: 'datasets',
  report: 'documents',
} as const satisfies Record<string, ChangeSection>;

export function sectionOf(kind: ChangeKind): ChangeSection {
  return PREFIX_SECTION[kind.slice(0, kind.indexOf('-')) as keyof typeof PREFIX_SECTION];
}

/** A field's value as the summary holds it: text, an enumeration, a number, a list of ids, or absent (null). */
export type FieldValue = string | number | boolean | null | readonly string[];

/**
 * One field that changed, old → new. Names are the summary's field names; a stance is
 * `stances.<question-id>`, a dataset column's declaration `columns.<name>` or `columns.<name>.<unit|title|type>`.
 */
export interface FieldChange {
  readonly field: string;
  readonly from: FieldValue;
  readonly to: FieldValue;
}

/** A cell that changed in a dataset row, with the unit its number is in (column's `unit`, else the row's `unit` cell, else the dataset's `units`). */
export interface CellChange {
  readonly column: string;
  readonly from: Cell;
  readonly to: Cell;
  readonly unit: string | null;
}

/** A numeric cell of a row that was added or removed, with its unit. */
export interface CellValue {
  readonly column: string;
  readonly value: Cell;
  readonly unit: string | null;
}

interface Of<K extends ChangeKind> {
  readonly kind: K;
  /** The id of the claim, event, source, dataset or report; for a key judgment, its report's id. */
  readonly id: string;
}

interface ClaimAdded extends Of<'claim-added'> {
  readonly claim: ClaimSummary;
}
interface ClaimRemoved extends Of<'claim-removed'> {
  readonly claim: ClaimSummary;
}
interface ClaimChanged extends Of<'claim-changed'> {
  readonly fields: readonly FieldChange[];
}

/** `judgment` is its 1-based number in the report (in the new edition; for a removed one, in the old). */
interface JudgmentAdded extends Of<'judgment-added'> {
  readonly judgment: number;
  readonly text: string;
}
interface JudgmentRemoved extends Of<'judgment-removed'> {
  readonly judgment: number;
  readonly text: string;
}
interface JudgmentChanged extends Of<'judgment-changed'> {
  readonly judgment: number;
  /** Its number in the old edition, when judgments were inserted or moved before it. */
  readonly was: number;
  readonly text: string;
  readonly fields: readonly FieldChange[];
}

interface EventAdded extends Of<'event-added'> {
  readonly event: EventSummary;
}
interface EventRemoved extends Of<'event-removed'> {
  readonly event: EventSummary;
}
interface EventRedated extends Of<'event-redated'> {
  readonly title: string;
  readonly from: string;
  readonly to: string;
}
interface EventChanged extends Of<'event-changed'> {
  readonly fields: readonly FieldChange[];
}

interface SourceAdded extends Of<'source-added'> {
  readonly source: SourceSummary;
}
interface SourceRemoved extends Of<'source-removed'> {
  readonly source: SourceSummary;
}
interface SourceRegraded extends Of<'source-regraded'> {
  readonly from: string | null;
  readonly to: string | null;
}
interface SourceChanged extends Of<'source-changed'> {
  readonly fields: readonly FieldChange[];
}

interface DatasetAdded extends Of<'dataset-added'> {
  readonly title: string;
  readonly rows: number;
}
interface DatasetRemoved extends Of<'dataset-removed'> {
  readonly title: string;
  readonly rows: number;
}
/** Title, units or column declarations. */
interface DatasetChanged extends Of<'dataset-changed'> {
  readonly fields: readonly FieldChange[];
}

/** `row` names the row by its first descriptive cells; `position` is its 1-based row number (new edition; old for a removed row). */
interface RowOf<K extends ChangeKind> extends Of<K> {
  readonly row: string;
  readonly position: number;
}
interface DatasetRowAdded extends RowOf<'dataset-row-added'> {
  readonly values: readonly CellValue[];
}
interface DatasetRowRemoved extends RowOf<'dataset-row-removed'> {
  readonly values: readonly CellValue[];
}
interface DatasetRowChanged extends RowOf<'dataset-row-changed'> {
  readonly cells: readonly CellChange[];
}

interface ReportAdded extends Of<'report-added'> {
  readonly title: string;
  readonly reportKind: string;
  readonly judgments: number;
}
interface ReportRemoved extends Of<'report-removed'> {
  readonly title: string;
  readonly reportKind: string;
  readonly judgments: number;
}
/** Title or kind. */
interface ReportChanged extends Of<'report-changed'> {
  readonly fields: readonly FieldChange[];
}
interface ReportBlufChanged extends Of<'report-bluf-changed'> {
  readonly from: string;
  readonly to: string;
}
/** Headings, in document order. */
interface ReportSectionsChanged extends Of<'report-sections-changed'> {
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export type Change =
  | ClaimAdded
  | ClaimRemoved
  | ClaimChanged
  | JudgmentAdded
  | JudgmentRemoved
  | JudgmentChanged
  | EventAdded
  | EventRemoved
  | EventRedated
  | EventChanged
  | SourceAdded
  | SourceRemoved
  | SourceRegraded
  | SourceChanged
  | DatasetAdded
  | DatasetRemoved
  | DatasetChanged
  | DatasetRowAdded
  | DatasetRowRemoved
  | DatasetRowChanged
  | ReportAdded
  | ReportRemoved
  | ReportChanged
  | ReportBlufChanged
  | ReportSectionsChanged;

export interface ChangeCounts {
  readonly total: number;
  readonly bySection: Readonly<Record<ChangeSection, number>>;
  readonly byKind: Readonly<Record<ChangeKind, number>>;
}

export function countChanges(changes: readonly Change[]): ChangeCounts {
  const byKind = Object.fromEntries(ChangeKind.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const bySection = Object.fromEntries(Object.keys(ChangeSection).map((s) => [s, 0])) as Record<ChangeSection, number>;
  for (const c of changes) {
    byKind[c.kind] += 1;
    bySection[sectionOf(c.kind)] += 1;
  }
  return { total: changes.length, bySection, byKind };
}

/** Deterministic order: by kind (ChangeKind's order), then id, then judgment or row number, then row name. */
export function compareChanges(a: Change, b: Change): number {
  const order = (c: Change) =>
    'judgment' in c && typeof c.judgment === 'number' ? c.judgment : 'position' in c ? c.position : 0;
  const label = (c: Change) => ('row' in c ? c.row : '');
  return (
    ChangeKind.indexOf(a.kind) - ChangeKind.indexOf(b.kind) ||
    cmp(a.id, b.id) ||
    order(a) - order(b) ||
    cmp(label(a), label(b))
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
