// pack: which documents go into a pack, in which order, and what the pack says of itself (its
// cover, its documents as the pack prints them, its PDF metadata).
import { readFile } from 'node:fs/promises';
import { bundledFonts } from '../config/fonts.ts';
import type { Presentation } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import { diagnostic, InputError, UsageError } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import type { FileSource } from '../core/world.ts';
import type { Pack } from '../model/index.ts';
import type { PdfMeta } from '../print/pdf-metadata.ts';
import type { PackDocument, PackView } from '../render/pack.ts';
import type { BuiltDocument } from '../run/build.ts';
import type { Audience } from '../validate/index.ts';

/** The audience's own reports, without a pack file or --report: briefs, then comparisons, then chronologies. */
const KIND_ORDER = ['policy-brief', 'comparative-perspectives', 'chronology'];

export interface PackRequest {
  readonly audience: string;
  /** A pack defined in data/packs/<id>.yaml. */
  readonly pack: string | undefined;
  /** Reports in this order (instead of a pack file or the audience's own). */
  readonly reports: readonly string[];
}

export type PackDefinition = Pick<Pack, 'id' | 'title' | 'subtitle' | 'note' | 'audiences' | 'reports' | 'at'>;

/** What a pack needs of the corpus besides its documents: the pack files and the audience entry. */
export interface PackCorpus {
  readonly packs: ReadonlyMap<string, PackDefinition>;
  readonly audience: Audience;
}

/** The documents of the pack, in order, and what defines it (for its fingerprint). */
export function choose(
  model: PackCorpus,
  request: PackRequest,
  built: readonly BuiltDocument[],
): { documents: BuiltDocument[]; definition: unknown } {
  const byReport = new Map(built.map((d) => [d.report, d]));
  if (request.pack) {
    const pack = model.packs.get(request.pack);
    if (!pack)
      throw new UsageError(
        `--pack ${request.pack}: there is no such pack. ${didYouMean(request.pack, model.packs.keys(), `The packs are: ${[...model.packs.keys()].join(', ') || 'none (add data/packs/<id>.yaml)'}`)}`,
      );
    if (!pack.audiences.includes(request.audience)) {
      throw new UsageError(
        `pack "${pack.id}" is for ${pack.audiences.join(', ')}, not "${request.audience}". ${didYouMean(request.audience, pack.audiences, '')}`.trim(),
      );
    }
    const problems = pack.reports
      .filter((r) => !byReport.has(r))
      .map((r) =>
        diagnostic(
          pack.at,
          'E_PACK_AUDIENCE',
          `pack "${pack.id}" lists report "${r}", which is not made for audience "${request.audience}"`,
          `add "${request.audience}" to the report's audiences, or take the report out of the pack`,
        ),
      );
    if (problems.length) throw new InputError(problems);
    return { documents: pack.reports.map((r) => byReport.get(r)!), definition: pack };
  }
  if (request.reports.length)
    return { documents: request.reports.map((r) => byReport.get(r)!), definition: request.reports };
  const documents = [...built].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.report.localeCompare(b.report),
  );
  if (documents.length === 0)
    throw new UsageError(`no report is made for audience "${request.audience}": name it in a report's audiences`);
  return { documents, definition: null };
}

export interface ComposedPack {
  readonly renderer: ReturnType<typeof import('../render/pack.ts').createPackRenderer>;
  readonly view: PackView;
  readonly docs: readonly PackDocument[];
  readonly meta: PdfMeta;
}

/** The pack's cover and documents as it prints them, and its PDF metadata. */
export async function composePack(
  options: RunOptions,
  presentation: Presentation,
  audience: Audience,
  pack: PackDefinition | undefined,
  documents: readonly BuiltDocument[],
  files?: FileSource,
): Promise<ComposedPack> {
  const { createPackRenderer, markingOf } = await import('../render/pack.ts');
  const { KIND_LABEL } = await import('../render/view-model.ts');
  const { formatEdtf } = await import('../render/dates.ts');
  const renderer = createPackRenderer({ presentation, fonts: bundledFonts(), files });
  const docs = await Promise.all(
    documents.map(async (d) => {
      // A document this run rendered is printed as it was rendered; one kept from an earlier run is
      // read from out/, which no other run can change while the pack holds it.
      const html = d.rendering?.html ?? (await readFile(d.html, 'utf8'));
      return {
        title: d.title,
        marking: d.rendering?.marking ?? markingOf(html),
        kind: d.kind,
        kindLabel: KIND_LABEL[d.kind] ?? d.kind,
        date: formatEdtf(d.editionDate),
        html,
      };
    }),
  );
  const view = {
    title: pack?.title ?? `${audience.label} briefing pack`,
    subtitle: pack?.subtitle ?? null,
    note: pack?.note ?? null,
    // The pack is as restricted as its most restricted document.
    audience: { id: audience.id, label: audience.label },
    marking: docs.find((d) => /^internal\b/i.test(d.marking))?.marking ?? docs[0]?.marking ?? audience.marking,
    editionLabel: formatEdtf(options.editionDate),
    editionId: options.editionId ?? null,
  };
  const meta = {
    title: view.title,
    author: 'brief',
    subject: `${audience.label} briefing pack: ${docs.map((d) => d.title).join('; ')}`.slice(0, 300),
    keywords: [
      'briefing-pack',
      audience.id,
      ...documents.map((d) => d.report),
      ...(options.editionId ? [`edition:${options.editionId}`] : []),
    ],
    language: 'en',
    edition: options.editionId,
  };
  return { renderer, view, docs, meta };
}
