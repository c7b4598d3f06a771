// validate: LoadedCorpus → ValidatedCorpus (typed, schema-checked) plus every diagnostic at once.
import path from 'node:path';
import { isMap, isNode, isSeq } from 'yaml';
import type { z } from 'zod';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { aliasBomb, isAliasBomb, locate, posAtOffset, type PathKey, type YamlSource } from '../core/yaml-positions.ts';
import type { LoadedCorpus } from '../load/types.ts';
import {
  ActorsFile,
  AudiencesFile,
  ChartSpec,
  Claim,
  DatasetSidecar,
  Event,
  PackFile,
  PerspectivesFile,
  QuestionsFile,
  ReportFrontMatter,
  SourceFrontMatter,
  type SourceMeta,
  ID_TOO_LONG,
  MAX_ID,
} from './schemas.ts';
import { typeTable } from './tables.ts';
import { chartDescriptionProblems } from './chart-description.ts';
import { DocKind, SourceKind } from './vocabulary.ts';
import { loadChartSchema, type SchemaProblem } from './vega-lite-schema.ts';
import { chartWorkProblems, WORK_HINT } from '../core/chart-bounds.ts';
import { didYouMean } from '../core/suggest.ts';
import type {
  Located,
  ValidChart,
  ValidClaimsFile,
  ValidDataset,
  ValidReport,
  ValidSource,
  ValidatedCorpus,
} from './types.ts';
import { issuesToDiagnostics } from '../core/zod-issues.ts';
import { glyphCoverage } from '../config/coverage.ts';
import { bundledFonts } from '../config/fonts.ts';
import { printedTexts, unprintedCharacters } from './glyphs.ts';

export type * from './types.ts';
export * from './schemas.ts';
export * from './vocabulary.ts';
export type { DateBounds } from '../core/edtf.ts';

export interface Validation {
  readonly corpus: ValidatedCorpus;
  readonly diagnostics: readonly Diagnostic[];
}

const baseName = (file: string) => path.basename(file).replace(/\.[^.]+$/, '');

export function validateCorpus(loaded: LoadedCorpus): Validation {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  // Every character that will be printed must be in a bundled font, or the PDF depends on the machine.
  diagnostics.push(...unprintedCharacters(printedTexts(loaded), glyphCoverage(bundledFonts())));

  /** Checks the value at `at` in `src` against `schema`; undefined (and diagnostics) when it fails. */
  function check<S extends z.ZodType>(
    src: YamlSource,
    schema: S,
    at: readonly PathKey[] = [],
  ): Located<z.output<S>> | undefined {
    let json: unknown;
    try {
      json = toJs(src, at);
    } catch (err) {
      if (!isAliasBomb(err)) throw err;
      diagnostics.push(aliasBomb(locate(src, at)));
      return undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      diagnostics.push(...issuesToDiagnostics(src, schema, result.error, at, json));
      return undefined;
    }
    return { value: result.data, src, path: at, at: locate(src, at) };
  }

  /** A file holding a list: each item checked on its own, so one bad item hides no other. */
  function checkList<S extends z.ZodType>(
    src: YamlSource | undefined,
    item: S,
    at: readonly PathKey[] = [],
  ): Located<z.output<S>>[] {
    if (!src) return [];
    const node = at.length ? src.doc.getIn(at, true) : src.doc.contents;
    if (!isSeq(node)) {
      if (node === null || node === undefined) return [];
      diagnostics.push(
        diagnostic(
          locate(src, at),
          'E_BAD_TYPE',
          'expected a list of entries here',
          'write each entry on a line starting with "- "',
        ),
      );
      return [];
    }
    return node.items.flatMap((_, i) => check(src, item, [...at, i]) ?? []);
  }

  const sources: ValidSource[] = [];
  for (const md of loaded.sources) {
    const meta = check(md.frontMatter, SourceFrontMatter);
    if (meta) sources.push({ ...meta, note: md.body.trim() });
    if (meta?.value.captured_from) {
      const warning = captureMissing(meta);
      if (warning) diagnostics.push(warning);
    }
  }

  const claimFiles: ValidClaimsFile[] = [];
  const unparsedClaims = new Map<string, SourcePos>();
  for (const src of loaded.claims) {
    const root = src.doc.contents;
    if (!isMap(root)) {
      diagnostics.push(
        diagnostic(
          posAtOffset(src, 0),
          'E_BAD_TYPE',
          'a claims file must be a mapping with "source" and "claims"',
          'start the file with "source: <source-id>" then "claims:" and the list',
        ),
      );
      continue;
    }
    const source = src.doc.get('source');
    const unknown = root.items
      .map((p) => String((p.key as { value?: unknown })?.value))
      .filter((k) => k !== 'source' && k !== 'claims');
    for (const key of unknown) {
      diagnostics.push(
        diagnostic(
          locate(src, [key], { key: true }),
          'E_UNKNOWN_KEY',
          `unknown key "${key}"`,
          'a claims file has only "source" and "claims"',
        ),
      );
    }
    if (typeof source !== 'string') {
      diagnostics.push(
        diagnostic(
          posAtOffset(src, 0),
          'E_MISSING_FIELD',
          'missing required field "source"',
          'name the source the claims come from: "source: <source-id>"',
        ),
      );
      continue;
    }
    const claims = checkList(src, Claim, ['claims']);
    claimFiles.push({ src, source, claims });
    // A claim whose entry is invalid is reported once; each citation of it is not a second error.
    const items = src.doc.getIn(['claims'], true);
    if (isSeq(items)) {
      items.items.forEach((_, i) => {
        const id = src.doc.getIn(['claims', i, 'id']);
        if (typeof id === 'string' && !claims.some((c) => c.value.id === id))
          unparsedClaims.set(id, locate(src, ['claims', i]));
      });
    }
  }

  const datasets: ValidDataset[] = [];
  for (const ds of loaded.datasets) {
    const meta = check(ds.sidecar, DatasetSidecar);
    if (!meta) continue;
    if (!ds.table) {
      diagnostics.push(
        diagnostic(
          meta.at,
          'E_NO_DATA_FILE',
          `dataset "${ds.id}" has no data file`,
          `put the data next to this sidecar as ${ds.id}.csv or ${ds.id}.json`,
        ),
      );
      continue;
    }
    const typed = typeTable(meta, ds.table);
    diagnostics.push(...typed.diagnostics);
    datasets.push({ ...meta, id: ds.id, table: ds.table, rows: typed.rows });
  }

  const chartSchema = loaded.charts.length ? loadChartSchema() : undefined;
  const charts: ValidChart[] = loaded.charts.flatMap((src) => {
    const spec = check(src, ChartSpec);
    if (!spec || !chartSchema) return [];
    for (const at of externalReferences(toJs(src, []))) {
      diagnostics.push(
        diagnostic(
          locate(src, at, { key: true }),
          'E_CHART_EXTERNAL',
          'a chart may not load anything from a URL or file, nor link to one',
          'give the chart its data through "data": {"name": "<dataset-id>"} at the top of the spec; images, lookups from URLs and links (href) are not allowed: a printed page cannot follow them',
        ),
      );
    }
    diagnostics.push(...chartDescriptionProblems(src, toJs(src, []), baseName(src.file)));
    // Work the spec would ask of Vega, bounded before anything runs (chart-bounds.ts).
    for (const w of chartWorkProblems(toJs(src, []))) {
      diagnostics.push(
        diagnostic(
          locate(src, w.path),
          'E_CHART_INVALID',
          `chart "${baseName(src.file)}" cannot be drawn: ${w.message}`,
          WORK_HINT,
        ),
      );
    }
    // Every independent problem of the spec at once; the chart is kept in the corpus all the same,
    // so reports that name it raise no second, misleading error.
    for (const problem of chartSchema.checkAll(toJs(src, []))) {
      diagnostics.push(chartDiagnostic(src, problem, chartSchema.knownKeys, toJs(src, problem.path)));
    }
    return [{ ...spec, id: baseName(src.file) }];
  });

  // Reports and packs are named by their files; the name becomes PDF names: bounded as ids are.
  for (const file of [...loaded.reports.map((md) => md.file), ...loaded.packs.map((src) => src.file)]) {
    const id = baseName(file);
    if (id.length > MAX_ID) {
      diagnostics.push(
        diagnostic(
          { file, line: 1, column: 1 },
          'E_BAD_ID',
          `the file name makes the id "${id.slice(0, 40)}…", ${id.length} characters long; ${ID_TOO_LONG} (it becomes PDF names)`,
          `rename the file to at most ${MAX_ID} characters before its extension`,
        ),
      );
    }
  }
  const reports: ValidReport[] = loaded.reports.flatMap((md) => {
    const meta = check(md.frontMatter, ReportFrontMatter);
    return meta ? [{ ...meta, id: baseName(md.file), file: md.file, body: md.body, bodyLine: md.bodyLine }] : [];
  });

  const corpus: ValidatedCorpus = {
    dataDir: loaded.dataDir,
    actors: checkList(loaded.actors, ActorsFile.element),
    perspectives: checkList(loaded.perspectives, PerspectivesFile.element),
    questions: checkList(loaded.questions, QuestionsFile.element),
    audiences: checkList(loaded.audiences, AudiencesFile.element),
    sources,
    claimFiles,
    events: loaded.events.flatMap((src) => checkList(src, Event)),
    datasets,
    charts,
    reports,
    // A report whose front matter is invalid is reported once; what names it is not a second error.
    unparsedClaims,
    unread: loaded.unread,
    unparsedReports: [
      ...loaded.unread.reportFiles,
      ...loaded.reports.map((md) => baseName(md.file)).filter((id) => !reports.some((r) => r.id === id)),
    ],
    unparsedReportBodies: loaded.reports
      .filter((md) => !reports.some((r) => r.file === md.file))
      .map((md) => {
        const kind = md.frontMatter.doc.get('kind');
        return {
          id: baseName(md.file),
          file: md.file,
          kind: (DocKind as readonly unknown[]).includes(kind) ? (kind as DocKind) : undefined,
          body: md.body,
          bodyLine: md.bodyLine,
        };
      }),
    unparsedCharts: loaded.charts.map((src) => baseName(src.file)).filter((id) => !charts.some((c) => c.id === id)),
    unparsedDatasets: loaded.datasets.map((ds) => ds.id).filter((id) => !datasets.some((d) => d.id === id)),
    unparsedSources: loaded.sources.flatMap((md) => {
      const id = md.frontMatter.doc.get('id');
      return typeof id === 'string' && !sources.some((s) => s.value.id === id) ? [id] : [];
    }),
    packs: loaded.packs.flatMap((src) => {
      const pack = check(src, PackFile);
      return pack ? [{ ...pack, id: baseName(src.file) }] : [];
    }),
  };
  return { corpus, diagnostics };
}

/** W_CAPTURE_MISSING: what a captured source still lacks of what a reader weighs it by, at its captured_from: line. */
function captureMissing(source: Located<SourceMeta>): Diagnostic | undefined {
  const s = source.value;
  const missing = [
    ...(s.published === undefined ? ['published'] : []),
    ...(s.authors.length === 0 ? ['authors'] : []),
    ...(s.kind === undefined ? ['kind'] : []),
    ...(s.perspective === undefined ? ['perspective'] : []),
    ...(s.reliability === undefined ? ['reliability'] : []),
  ];
  if (!missing.length) return undefined;
  const how: Record<string, string> = {
    published: 'published: 2024-03-05 (EDTF: 2024-03 or 2024 if that is all that is known)',
    authors: 'authors: [Jane Doe] (or the organisation)',
    kind: `kind: one of ${SourceKind.join(', ')}`,
    perspective: 'perspective: an id of data/perspectives.yaml',
    reliability: 'reliability: A–F',
  };
  return diagnostic(
    locate(source.src, [...source.path, 'captured_from'], { key: true }),
    'W_CAPTURE_MISSING',
    `source "${s.id}" was captured from ${s.captured_from!.file} and still lacks ${missing.join(', ')}: what a reader weighs a source by`,
    `read the source and write ${missing.map((m) => how[m]).join('; ')}`,
    'warning',
  );
}

function chartDiagnostic(
  src: YamlSource,
  problem: SchemaProblem,
  knownKeys: ReadonlySet<string>,
  value: unknown,
): Diagnostic {
  if (problem.unknownKey !== undefined) {
    return diagnostic(
      locate(src, problem.path, { key: true }),
      'E_UNKNOWN_KEY',
      `chart spec: ${problem.message}, which Vega-Lite does not know`,
      didYouMean(
        problem.unknownKey,
        knownKeys,
        'see https://vega.github.io/vega-lite/docs/ for the keys each part of a spec takes',
      ),
    );
  }
  if (problem.allowed) {
    return diagnostic(
      locate(src, problem.path),
      'E_CHART_SCHEMA',
      `chart spec: ${JSON.stringify(value)} at ${problem.message.replace(/ is not one of.*/, '')} is not a value Vega-Lite allows there`,
      didYouMean(String(value), problem.allowed, `use one of: ${problem.allowed.slice(0, 12).join(', ')}`),
    );
  }
  return diagnostic(
    locate(src, problem.path),
    'E_CHART_SCHEMA',
    `chart spec: ${problem.message}`,
    'check this part of the spec against the Vega-Lite documentation',
  );
}

/** Paths of every `url` (data, lookups, images) and of nested named data in a spec. */
function externalReferences(spec: unknown, path: PathKey[] = []): PathKey[][] {
  if (Array.isArray(spec)) return spec.flatMap((v, i) => externalReferences(v, [...path, i]));
  if (!spec || typeof spec !== 'object') return [];
  return Object.entries(spec).flatMap(([key, value]) => {
    const here = [...path, key];
    // A link (the href channel or mark property) points out of the document too, and Vega cannot draw one without a browser.
    if (key === 'url' || key === 'href') return [here];
    if (key === 'name' && path.at(-1) === 'data' && path.length > 1) return [here];
    return externalReferences(value, here);
  });
}

/** The plain JavaScript value at `at`: scalars as the core schema reads them (dates stay strings). */
function toJs(src: YamlSource, at: readonly PathKey[]): unknown {
  const node = at.length ? src.doc.getIn(at, true) : src.doc.contents;
  return isNode(node) ? node.toJS(src.doc) : (node ?? undefined);
}
