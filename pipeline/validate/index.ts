// validate: LoadedCorpus → ValidatedCorpus (typed, schema-checked) plus every diagnostic at once.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { locate } from '../core/yaml-positions.ts';
import { scalarAt } from '../core/yaml-values.ts';
import type { LoadedCorpus } from '../load/types.ts';
import {
  ActorsFile,
  AudiencesFile,
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
import { DocKind, SourceKind } from './vocabulary.ts';
import type { Located, ValidDataset, ValidReport, ValidSource, ValidatedCorpus } from './types.ts';
import { glyphCoverage } from '../config/coverage.ts';
import { bundledFonts } from '../config/fonts.ts';
import { printedTexts, unprintedCharacters } from './glyphs.ts';
import { baseName, checker as makeChecker } from './check.ts';
import { checkClaimFiles } from './claim-files.ts';
import { checkCharts } from './chart-specs.ts';
import type { CheckCache } from './cache.ts';

export type * from './types.ts';
export * from './schemas.ts';
export * from './vocabulary.ts';
export type { DateBounds } from '../core/edtf.ts';

export interface Validation {
  readonly corpus: ValidatedCorpus;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Every file checked on its own against its schema (what a file passed before is taken from
 * `cache`, by its text: cache.ts), then what reads across files.
 */
export function validateCorpus(loaded: LoadedCorpus, cache?: CheckCache): Validation {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  // Every character that will be printed must be in a bundled font, or the PDF depends on the machine.
  diagnostics.push(...unprintedCharacters(printedTexts(loaded), glyphCoverage(bundledFonts())));

  const checker = makeChecker(diagnostics, cache);
  const { check, checkList } = checker;

  const sources: ValidSource[] = [];
  for (const md of loaded.sources) {
    const meta = check(md.frontMatter, SourceFrontMatter);
    if (meta) sources.push({ ...meta, note: md.body.trim() });
    if (meta?.value.captured_from) {
      const warning = captureMissing(meta);
      if (warning) diagnostics.push(warning);
    }
  }

  const { claimFiles, unparsedClaims } = checkClaimFiles(loaded.claims, checker, diagnostics);

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

  const charts = checkCharts(loaded.charts, checker, diagnostics, cache);

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
        const kind = scalarAt(md.frontMatter, ['kind']);
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
      const id = scalarAt(md.frontMatter, ['id']);
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
