// pack: makePack (`brief pack`, the service, editions): one PDF for one audience: a cover, a contents page, then the documents in order.
//
// 1. build the audience's documents (build.ts: unchanged ones are kept, not redone); out/ stays
//    locked until the pack is written, so no other run changes them in between
// 2. choose them: a pack file's reports, --report's, or the audience's (briefs, comparative, chronology)
// 3. fingerprint the pack (its definition, its documents' fingerprints, its templates, the date); keep it if unchanged
// 4. compose it from its documents as the build made them; print it with placeholders, fill in the
//    pages its bookmarks show, print again and check the bookmarks (pack-print.ts)
// 5. write out/packs/<name>.pdf (and .html) all or nothing
import { presentationOf } from '../config/layers.ts';
import { PACK_TEMPLATES, packTemplateFile, stylesheetFiles } from '../render/template-files.ts';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RunOptions } from '../config/options.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { Model } from '../model/index.ts';
import type { BrowserSession } from '../print/session.ts';
import { buildThen, type BuildResult, type BuiltDocument } from '../run/build.ts';
import { choose, composePack, type PackCorpus, type PackRequest } from './compose.ts';
import { hashOf } from '../run/fingerprint.ts';
import { readState } from '../run/state.ts';
import { World } from '../run/world.ts';
import { expectedPages, printPack } from './pack-print.ts';
import { readPackState, writePackState, type PackRecord } from './pack-state.ts';
import { Staging } from '../run/staging.ts';

export type { PackRequest } from './compose.ts';

export interface PackResult {
  readonly name: string;
  readonly pdf: string;
  readonly html: string;
  readonly pages: number;
  readonly editionDate: string;
  readonly status: 'built' | 'kept';
  readonly reasons: readonly string[];
  readonly documents: readonly BuiltDocument[];
  readonly warnings: readonly Diagnostic[];
}

const oneLine = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The longest pack name (a file name with .pdf after it, within every file system's 255 bytes). */
const MAX_PACK_NAME = 150;

/**
 * The output's name: the pack's id and audience, or the audience (and the reports asked for). A
 * pack of many reports is named by the first and a hash of all (ENAMETOOLONG otherwise).
 */
export const packName = (r: PackRequest): string => {
  const name = r.pack
    ? `${r.pack}.${r.audience}`
    : r.reports.length
      ? `${r.audience}.${r.reports.join('+')}`
      : r.audience;
  if (name.length <= MAX_PACK_NAME) return name;
  return `${r.audience}.${r.reports[0]}+${r.reports.length - 1}-more-${hashOf(r.reports).slice(0, 12)}`;
};

/**
 * When the build took its shortcut (no input file changed since a build that checked them all), the
 * pack files and the audiences are loaded and validated again (load → validate → model), and
 * nothing else: the whole corpus, read for them before, was 3.2 s of a 5.8 s pack's CPU in its
 * profile (its claims' YAML, every chart against Vega-Lite's schema).
 */
async function packCorpus(options: RunOptions, model: Model | undefined, audienceId: string): Promise<PackCorpus> {
  if (!model) {
    const [{ loadCorpus }, { validateCorpus }, { buildModel }] = await Promise.all([
      import('../load/index.ts'),
      import('../validate/index.ts'),
      import('../model/index.ts'),
    ]);
    const loaded = await loadCorpus(World.of(options).source('pack'), options.dataDir, undefined, 'packs');
    model = buildModel(validateCorpus(loaded).corpus, { defaultAudiences: options.defaultAudiences }).model;
  }
  return { packs: model.packs, audience: model.audiences.get(audienceId)! };
}

/** `signal`: aborted when the pack is given up (a service job past its time limit): it stops and writes nothing more. */
export async function makePack(
  options: RunOptions,
  request: PackRequest,
  session: BrowserSession,
  progress: (m: string) => void = () => undefined,
  notify: (m: string) => void = () => undefined,
  signal?: AbortSignal,
): Promise<PackResult> {
  // 1. the documents, reused where unchanged; the pack is made under the build's out/ lock, so no
  // other run changes them between this build and the print
  return buildThen(
    { ...options, audiences: [request.audience], reports: request.reports, htmlOnly: false },
    { session, progress, notify, signal },
    (built) => packBuilt(options, request, session, built, progress, signal),
  );
}

/** Everything after the build, with out/ still locked. */
async function packBuilt(
  options: RunOptions,
  request: PackRequest,
  session: BrowserSession,
  built: BuildResult,
  progress: (m: string) => void,
  signal: AbortSignal | undefined,
): Promise<PackResult> {
  signal?.throwIfAborted();
  const name = packName(request);
  const out = path.resolve(options.outDir);
  const state = await readPackState(out);
  const record = state[name];
  const pdfRel = `packs/${name}.pdf`;

  // Nothing changed since the last build of these documents, and the pack was made from them: keep it.
  const present =
    record !== undefined &&
    existsSync(path.join(out, pdfRel)) &&
    statSync(path.join(out, pdfRel)).size === record.pdf.size;
  const sameDocs = (r: PackRecord) =>
    r.documents.length > 0 &&
    r.documents.every((d) =>
      built.documents.some((b) => `${b.report}.${b.audience}` === d.name && b.fingerprint === d.fingerprint),
    ) &&
    // A pack of the audience's documents (no pack file, no --report) holds every one of them: a
    // document the pack was not made with (a report added since) means it is made again.
    (request.pack !== undefined ||
      request.reports.length > 0 ||
      built.documents
        .filter((b) => b.audience === request.audience)
        .every((b) => r.documents.some((d) => d.name === `${b.report}.${b.audience}`)));
  const dateOk = (r: PackRecord) => !options.editionDateGiven || r.editionDate === options.editionDate;
  if (!built.model && present && sameDocs(record) && dateOk(record) && !options.force) return kept(record, out, built);

  // 2. which documents, in which order
  const corpus = await packCorpus(options, built.model, request.audience);
  const { documents, definition } = choose(corpus, request, built.documents);
  const audience = corpus.audience;

  // 3. the pack's fingerprint
  const world = World.of(options, (await readState(out)).state.snapshot);
  const inputs = await world.runInputs(options);
  const presentation = presentationOf(options);
  const fileHash = (file: string) => world.hash(file, 'pack');
  const templates = PACK_TEMPLATES.map((t) => fileHash(packTemplateFile(presentation.templates, t)));
  const parts = {
    // Only what the pack prints of its audience: the entry read raw (when the build took its
    // shortcut) and the validated one (with defaults filled in) must hash the same.
    definition: hashOf({
      name,
      definition,
      audience: { id: audience.id, label: oneLine(audience.label), marking: oneLine(audience.marking) },
      edition: options.editionId ?? null,
    }),
    documents: hashOf(documents.map((d) => [d.report, d.fingerprint, d.editionDate])),
    presentation: hashOf({
      templates,
      styles: stylesheetFiles(presentation.styles, audience.id).map((f) => fileHash(f)),
    }),
    tool: hashOf(inputs),
  };
  const fingerprint = hashOf(parts);
  const reasons = !record
    ? ['new pack']
    : options.force
      ? ['--force']
      : Object.entries(parts)
          .filter(([k, v]) => record.parts[k] !== v)
          .map(([k]) => `its ${k} changed`);
  if (record && present && reasons.length === 0 && dateOk(record)) return kept(record, out, built);
  if (reasons.length === 0)
    reasons.push(
      present ? `edition date ${record!.editionDate} → ${options.editionDate}` : `${pdfRel} is missing or was changed`,
    );

  // 4. compose and print; the browser starts meanwhile, in its own process
  session.get().catch(() => undefined);
  const pack = request.pack ? corpus.packs.get(request.pack) : undefined;
  const { renderer, view, docs, meta } = await composePack(
    options,
    presentation,
    audience,
    pack,
    documents,
    world.source('pack'),
  );
  signal?.throwIfAborted();
  const staging = await Staging.open(out, signal);
  try {
    progress(`print pack ${name}`);
    const expected = await expectedPages(
      documents.map((d) => d.pdf),
      existsSync(path.join(out, pdfRel)) ? path.join(out, pdfRel) : undefined,
    );
    const { bytes, pages, html } = await printPack(
      renderer,
      view,
      docs,
      (await session.get()).browser,
      staging,
      `packs/${name}.html`,
      meta,
      options.editionDate,
      expected,
    );
    await staging.write(pdfRel, bytes);
    const next: PackRecord = {
      name,
      fingerprint,
      parts,
      editionDate: options.editionDate,
      documents: documents.map((d) => ({ name: `${d.report}.${d.audience}`, fingerprint: d.fingerprint })),
      pdf: { path: pdfRel, size: bytes.byteLength, pages },
      html: { path: `packs/${name}.html`, size: Buffer.byteLength(html) },
    };
    await writePackState(staging, { ...state, [name]: next });
    await staging.commit();
    return {
      name,
      pdf: path.join(out, pdfRel),
      html: path.join(out, next.html.path),
      pages,
      editionDate: options.editionDate,
      status: 'built',
      reasons,
      documents,
      warnings: built.warnings,
    };
  } finally {
    await staging.discard();
  }
}

function kept(
  record: PackRecord,
  out: string,
  built: { documents: readonly BuiltDocument[]; warnings: readonly Diagnostic[] },
): PackResult {
  const documents = record.documents.map((d) => built.documents.find((b) => `${b.report}.${b.audience}` === d.name)!);
  return {
    name: record.name,
    pdf: path.join(out, record.pdf.path),
    html: path.join(out, record.html.path),
    pages: record.pdf.pages,
    editionDate: record.editionDate,
    status: 'kept',
    reasons: [],
    documents,
    warnings: built.warnings,
  };
}
