// archive: Model → CorpusSummary, the plain JSON digest an edition keeps (summary.json) so two editions can be diffed without their corpora.
import { atxHeading } from '../core/sections.ts';
import type { Cell } from '../validate/index.ts';
import type { DERIVED_DATASETS } from '../model/derived-datasets.ts';
import type { Model, Report } from '../model/index.ts';

/** Bumped when the digest's shape changes, so a reader can tell an older summary.json apart. */
const SUMMARY_FORMAT = 1 as const;

/** The key under which a report's text before its first `## ` heading is kept. */
const INTRODUCTION = '(introduction)' as const;

export interface ClaimSummary {
  readonly source: string;
  readonly statement: string;
  readonly quote: string;
  readonly type: string | null;
  /** Question id → stance (−2…+2), keys sorted. */
  readonly stances: Readonly<Record<string, number>>;
}

export interface SourceSummary {
  readonly title: string;
  readonly authors: readonly string[];
  readonly published: string | null;
  readonly reliability: string | null;
  readonly distribution: string;
  readonly perspective: string | null;
}

export interface EventSummary {
  readonly date: string;
  readonly title: string;
  readonly category: string;
  /** Present (true) when all its evidence is internal: a public changelog does not quote it. */
  readonly internal?: true;
}

export interface JudgmentSummary {
  readonly text: string;
  readonly likelihood: string | null;
  readonly confidence: string;
  /** Claim ids, as the report lists them. */
  readonly evidence: readonly string[];
}

interface ColumnSummary {
  readonly type: string;
  readonly unit: string | null;
  readonly title: string | null;
}

export interface DatasetSummary {
  readonly title: string;
  readonly units: string | null;
  /** Column name → its declaration, in the sidecar's order. */
  readonly columns: Readonly<Record<string, ColumnSummary>>;
  /** The rows in file order, each cell typed as the sidecar declares it. */
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

export interface ReportSummary {
  readonly title: string;
  readonly kind: string;
  /** Present (true) for an internal report: a public changelog does not quote it. */
  readonly internal?: true;
  readonly bluf: string;
  /** `## ` heading → the section's text, in document order; the text before the first heading under INTRODUCTION. */
  readonly sections: Readonly<Record<string, string>>;
}

/** Every map is keyed by id with its keys sorted, so the same corpus gives the same JSON whatever its file order. */
export interface CorpusSummary {
  readonly format: typeof SUMMARY_FORMAT;
  readonly claims: Readonly<Record<string, ClaimSummary>>;
  readonly sources: Readonly<Record<string, SourceSummary>>;
  readonly events: Readonly<Record<string, EventSummary>>;
  /** Report id → its key judgments, in the report's order. */
  readonly judgments: Readonly<Record<string, readonly JudgmentSummary[]>>;
  readonly datasets: Readonly<Record<string, DatasetSummary>>;
  readonly reports: Readonly<Record<string, ReportSummary>>;
}

// A type-only tie to the model's list: adding or renaming a derived dataset there fails to compile here.
type Derived = (typeof DERIVED_DATASETS)[number];
const DERIVED = { 'corpus-claims': true, 'corpus-stances': true, 'corpus-events': true } as const satisfies Record<
  Derived,
  true
>;
const isDerived = (id: string): boolean => Object.hasOwn(DERIVED, id);

/** Reflowing text (line breaks, indentation, double spaces) is not a change: whitespace is collapsed and trimmed. */
function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const orNull = (text: string | undefined): string | null => (text === undefined ? null : normalizeText(text));
const normalizeCell = (cell: Cell): Cell => (typeof cell === 'string' ? normalizeText(cell) : cell);

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The body split at `## ` headings (not inside fenced code). A heading used twice gets " (2)", " (3)"…
 * so neither section's text is lost. Empty introductions are left out.
 */
export function splitSections(body: string): Record<string, string> {
  const parts: { heading: string; lines: string[] }[] = [{ heading: INTRODUCTION, lines: [] }];
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence)))
      fence = fence === undefined ? marker.slice(0, 3) : undefined;
    const heading = fence === undefined ? atxHeading(line) : undefined;
    if (heading !== undefined) parts.push({ heading: normalizeText(heading), lines: [] });
    else parts.at(-1)!.lines.push(line);
  }
  const sections: Record<string, string> = {};
  for (const { heading, lines } of parts) {
    const text = normalizeText(lines.join('\n'));
    if (heading === INTRODUCTION && text === '') continue;
    let key = heading;
    for (let n = 2; Object.hasOwn(sections, key); n++) key = `${heading} (${n})`;
    sections[key] = text;
  }
  return sections;
}

function reportSummary(r: Report): ReportSummary {
  return {
    title: normalizeText(r.title),
    kind: r.kind,
    ...(r.distribution === 'internal' ? { internal: true as const } : {}),
    bluf: normalizeText(r.bluf),
    sections: splitSections(r.body),
  };
}

/** Reads the model without changing it; the result shares no object with it, so it can be stored and compared as is. */
export function summarizeCorpus(model: Model): CorpusSummary {
  const claims = sortedRecord(
    [...model.claims.values()].map(
      (c) =>
        [
          c.id,
          {
            source: c.source,
            statement: normalizeText(c.statement),
            quote: normalizeText(c.quote),
            type: c.type ?? null,
            stances: sortedRecord(Object.entries(c.stances)),
          },
        ] as const,
    ),
  );
  const sources = sortedRecord(
    [...model.sources.values()].map(
      (s) =>
        [
          s.id,
          {
            title: normalizeText(s.title),
            authors: s.authors.map(normalizeText),
            published: s.published ?? null,
            reliability: s.reliability ?? null,
            distribution: s.distribution,
            perspective: s.perspective ?? null,
          },
        ] as const,
    ),
  );
  const internalClaim = (id: string) =>
    model.sources.get(model.claims.get(id)?.source ?? '')?.distribution === 'internal';
  const events = sortedRecord(
    model.events.map(
      (e) =>
        [
          e.id,
          {
            date: e.date,
            title: normalizeText(e.title),
            category: e.category,
            ...(e.evidence.length > 0 && e.evidence.every(internalClaim) ? { internal: true as const } : {}),
          },
        ] as const,
    ),
  );
  const judgments = sortedRecord(
    model.reports.map(
      (r) =>
        [
          r.id,
          r.judgments.map((j) => ({
            text: normalizeText(j.text),
            likelihood: j.likelihood ?? null,
            confidence: j.confidence,
            evidence: [...j.evidence],
          })),
        ] as const,
    ),
  );
  const datasets = sortedRecord(
    [...model.datasets.values()]
      .filter((d) => !isDerived(d.id))
      .map(
        (d) =>
          [
            d.id,
            {
              title: normalizeText(d.meta.title),
              units: orNull(d.meta.units),
              columns: Object.fromEntries(
                Object.entries(d.meta.columns).map(([name, c]) => [
                  name,
                  { type: c.type, unit: orNull(c.unit), title: orNull(c.title) },
                ]),
              ),
              rows: d.rows.map((row) =>
                Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, normalizeCell(cell)])),
              ),
            },
          ] as const,
      ),
  );
  const reports = sortedRecord(model.reports.map((r) => [r.id, reportSummary(r)] as const));
  return { format: SUMMARY_FORMAT, claims, sources, events, judgments, datasets, reports };
}

/** The summary of an empty corpus: what a first edition is compared with. */
export function emptySummary(): CorpusSummary {
  return { format: SUMMARY_FORMAT, claims: {}, sources: {}, events: {}, judgments: {}, datasets: {}, reports: {} };
}
