// validate: the corpus after schema checks: typed values that still know where they were written.
import type { SourcePos } from '../core/diagnostics.ts';
import type { PathKey, YamlSource } from '../core/yaml-positions.ts';
import type { TableSource, UnreadFiles } from '../load/types.ts';
import type {
  Actor,
  Audience,
  ChartData,
  ClaimData,
  DatasetMeta,
  EventData,
  PackMeta,
  Perspective,
  Question,
  ReportMeta,
  SourceMeta,
} from './schemas.ts';
import type { DocKind } from './vocabulary.ts';

export interface Located<T> {
  readonly value: T;
  readonly src: YamlSource;
  /** Where the value sits inside `src`, for locating its fields later. */
  readonly path: readonly PathKey[];
  readonly at: SourcePos;
}

export interface ValidSource extends Located<SourceMeta> {
  readonly note: string;
}

export interface ValidClaimsFile {
  readonly src: YamlSource;
  readonly source: string;
  readonly claims: readonly Located<ClaimData>[];
}

export type Cell = string | number | boolean | null;

export interface ValidDataset extends Located<DatasetMeta> {
  readonly id: string;
  readonly table: TableSource;
  /** Rows with cells converted to their declared column types. */
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

export interface ValidChart extends Located<ChartData> {
  readonly id: string;
}

export interface ValidReport extends Located<ReportMeta> {
  readonly id: string;
  readonly file: string;
  readonly body: string;
  readonly bodyLine: number;
}

interface ValidPack extends Located<PackMeta> {
  readonly id: string;
}

export interface ValidatedCorpus {
  readonly dataDir: string;
  readonly actors: readonly Located<Actor>[];
  readonly perspectives: readonly Located<Perspective>[];
  readonly questions: readonly Located<Question>[];
  readonly audiences: readonly Located<Audience>[];
  readonly sources: readonly ValidSource[];
  readonly claimFiles: readonly ValidClaimsFile[];
  readonly events: readonly Located<EventData>[];
  readonly datasets: readonly ValidDataset[];
  readonly charts: readonly ValidChart[];
  readonly reports: readonly ValidReport[];
  /** Claims whose entry did not validate (already reported), by id, with where each is written. */
  readonly unparsedClaims: ReadonlyMap<string, SourcePos>;
  /** Files that could not be read or parsed (already reported), from load. */
  readonly unread: UnreadFiles;
  /** Reports that exist but whose front matter did not validate (already reported). */
  readonly unparsedReports: readonly string[];
  /**
   * Of those, the ones whose file was read: their body, and their kind where it is one. Their
   * body's own problems (a missing section) are independent of the front matter's, and reported too.
   */
  readonly unparsedReportBodies: readonly {
    readonly id: string;
    readonly file: string;
    readonly kind: DocKind | undefined;
    readonly body: string;
    readonly bodyLine: number;
  }[];
  /** Charts, datasets and sources whose files did not validate (already reported), by id. */
  readonly unparsedCharts: readonly string[];
  readonly unparsedDatasets: readonly string[];
  readonly unparsedSources: readonly string[];
  readonly packs: readonly ValidPack[];
}
