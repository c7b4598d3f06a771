// model: the typed, indexed corpus with every cross-reference resolved.
import type { SourcePos } from '../core/diagnostics.ts';
import type {
  Actor,
  Audience,
  Cell,
  ClaimData,
  DatasetMeta,
  DateBounds,
  DocKind,
  EventData,
  PackMeta,
  Perspective,
  Question,
  QuestionEntryData,
  ReportMeta,
  SourceMeta,
} from '../validate/index.ts';

export interface Source extends SourceMeta {
  readonly note: string;
  readonly at: SourcePos;
  /** Where `text:` is written, for errors about the source's text file. */
  readonly textAt: SourcePos;
  /** Where each `exclude` entry's `from` and `to` are written. */
  readonly excludeAt: readonly { readonly from: SourcePos; readonly to: SourcePos | undefined }[];
}

export interface Claim extends ClaimData {
  readonly source: string;
  readonly at: SourcePos;
  /** Where the quote is written, for anchoring errors. */
  readonly quoteAt: SourcePos;
  /** Where `locator:` is written, when it is (W_LOCATOR_PAGE). */
  readonly locatorAt?: SourcePos;
}

export interface CorpusEvent extends EventData {
  readonly bounds: DateBounds;
  readonly at: SourcePos;
}

export interface Dataset {
  readonly id: string;
  readonly meta: DatasetMeta;
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  readonly at: SourcePos;
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly dataset: string;
  /** The Vega-Lite spec as written (never mutated; the chart stage copies it). */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly at: SourcePos;
}

/** A `[@claim-id]` in a report body, where it was written. */
interface Citation extends SourcePos {
  readonly claim: string;
}

/** Where a report's audience list came from: its own `audiences:`, brief.config.yaml's, or every audience. */
export const AudiencesFrom = { report: 'report', config: 'config', all: 'all' } as const;
export type AudiencesFrom = (typeof AudiencesFrom)[keyof typeof AudiencesFrom];

export interface Report extends Omit<ReportMeta, 'audiences' | 'questions'> {
  /** The questions a comparative document compares, by id, in order. */
  readonly questions: readonly string[];
  /** Each question's kind of disagreement and common ground, as the report gives them. */
  readonly questionNotes: ReadonlyMap<string, QuestionEntryData>;
  readonly id: string;
  /**
   * Who gets it. A list the report does not write itself leaves out the audiences its
   * distribution may not go to (an internal report is not an error for a public audience).
   */
  readonly audiences: readonly string[];
  readonly audiencesFrom: AudiencesFrom;
  readonly body: string;
  readonly bodyLine: number;
  readonly citations: readonly Citation[];
  readonly at: SourcePos;
  /** Where each prose part of the front matter is written, by its path joined with dots ("summary.agree"). */
  readonly proseAt: ReadonlyMap<string, SourcePos>;
  /** Where each key judgment is written, for warnings about one. */
  readonly judgmentsAt: readonly SourcePos[];
}

/** An audience, with where its entry and each page budget are written in audiences.yaml. */
export interface AudienceEntry extends Audience {
  readonly at: SourcePos;
  readonly budgetAt: Readonly<Partial<Record<DocKind, SourcePos>>>;
  /** Where each `omit:` slug is written. */
  readonly omitAt: readonly SourcePos[];
}

export interface Pack extends PackMeta {
  readonly id: string;
  readonly at: SourcePos;
}

export interface Model {
  readonly dataDir: string;
  readonly actors: ReadonlyMap<string, Actor>;
  readonly perspectives: ReadonlyMap<string, Perspective>;
  readonly questions: ReadonlyMap<string, Question>;
  readonly audiences: ReadonlyMap<string, AudienceEntry>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly claims: ReadonlyMap<string, Claim>;
  /** Sorted by start date, then id. */
  readonly events: readonly CorpusEvent[];
  readonly datasets: ReadonlyMap<string, Dataset>;
  readonly charts: ReadonlyMap<string, Chart>;
  readonly reports: readonly Report[];
  readonly packs: ReadonlyMap<string, Pack>;
}
