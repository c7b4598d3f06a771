// load: the files of a corpus, parsed for syntax only (YAML, front matter, CSV), with positions.
import type { Diagnostic } from '../core/diagnostics.ts';
import type { YamlSource } from '../core/yaml-positions.ts';

/** A Markdown file with YAML front matter. */
export interface MarkdownSource {
  readonly file: string;
  readonly frontMatter: YamlSource;
  /** The Markdown after the front matter. */
  readonly body: string;
  /** 1-based line of the file on which `body` starts. */
  readonly bodyLine: number;
}

/** One row of a table file, with the 1-based line it starts on. */
export interface TableRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string | number | boolean | null>>;
  /** 1-based column (in characters) where each cell starts, when the format tells. */
  readonly columns?: Readonly<Record<string, number>>;
}

export interface TableSource {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
  /** The file as written (its characters are checked against the bundled fonts). */
  readonly text?: string;
}

/** A dataset: its data file (CSV or JSON) and the YAML sidecar that describes it. */
export interface DatasetSource {
  /** The file name without extension, which is the dataset id. */
  readonly id: string;
  readonly sidecar: YamlSource;
  readonly table: TableSource | undefined;
}

export interface LoadedCorpus {
  readonly dataDir: string;
  readonly actors: YamlSource | undefined;
  readonly perspectives: YamlSource | undefined;
  readonly questions: YamlSource | undefined;
  readonly audiences: YamlSource | undefined;
  readonly sources: readonly MarkdownSource[];
  readonly claims: readonly YamlSource[];
  /** Files that could not be read or parsed (already reported): what is named from them is not reported again. */
  readonly unread: UnreadFiles;
  readonly events: readonly YamlSource[];
  readonly datasets: readonly DatasetSource[];
  readonly charts: readonly YamlSource[];
  readonly reports: readonly MarkdownSource[];
  /** Briefing packs: data/packs/<id>.yaml. */
  readonly packs: readonly YamlSource[];
  /** Syntax errors: a file that could not be parsed at all. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface UnreadFiles {
  /** Source ids (file names) of claims files. */
  readonly claimFiles: readonly string[];
  /** Report ids (file names). */
  readonly reportFiles: readonly string[];
  /** How many events files: an event named elsewhere may be in one. */
  readonly eventFiles: number;
}
