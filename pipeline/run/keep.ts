// run: whether a document is kept or redone, and a kept document as a build returns it.
import path from 'node:path';
import { layerDirs, presentationOf } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import { changedParts, contentFingerprint, type Parts } from './fingerprint.ts';
import type { DocumentRecord } from './state.ts';

export interface BuiltDocument {
  readonly report: string;
  readonly title: string;
  readonly kind: string;
  readonly audience: string;
  readonly html: string;
  readonly pdf: string | null;
  readonly pages: number | null;
  readonly editionDate: string;
  /** `built`: made by this run; `kept`: unchanged since an earlier run. */
  readonly status: 'built' | 'kept';
  /** Why it was built (empty when kept). */
  readonly reasons: readonly string[];
  /** Of everything it depends on (see fingerprint.ts). */
  readonly fingerprint: string;
  /** Of its content alone, leaving out the edition and flags it was made under. */
  readonly content: string;
  /** Its HTML and marking as this run rendered them; absent when kept (its HTML is then only on disk). */
  readonly rendering?: { readonly html: string; readonly marking: string };
}

/** Whether a document's outputs are on disk as its record says (its HTML, and its PDF when printing). */
export const inPlace = (
  r: DocumentRecord | undefined,
  present: (rel: string, size: number) => boolean,
  print: boolean,
): boolean =>
  r !== undefined &&
  present(r.html.path, r.html.size) &&
  (!print || (r.pdf !== null && present(r.pdf.path, r.pdf.size)));

export const fromRecord = (
  r: DocumentRecord,
  outDir: string,
  reasons: string[] = [],
  rendering?: BuiltDocument['rendering'],
): BuiltDocument => ({
  report: r.report,
  title: r.title ?? r.report,
  kind: r.kind,
  audience: r.audience,
  editionDate: r.editionDate,
  status: reasons.length ? 'built' : 'kept',
  reasons,
  fingerprint: r.fingerprint,
  // Computed when asked (an edition's manifest): a build with nothing to do hashed every document's
  // parts for nothing (7 ms of its profile).
  get content() {
    return contentFingerprint(r.parts);
  },
  html: path.join(path.resolve(outDir), r.html.path),
  pdf: r.pdf ? path.join(path.resolve(outDir), r.pdf.path) : null,
  pages: r.pdf?.pages ?? null,
  ...(rendering ? { rendering } : {}),
});

/** Why a document must be redone, or [] to keep it. */
export function reasonsToRedo(
  record: DocumentRecord | undefined,
  parts: Parts,
  options: RunOptions,
  print: boolean,
  present: (rel: string, size: number) => boolean,
  /** Why the last state was discarded (another version of brief wrote it), said in place of "new document". */
  discarded?: string,
): string[] {
  if (!record) return [discarded ?? 'new document'];
  if (options.force) return ['--force'];
  const changed = changedParts(record.parts, parts);
  if (changed.length) return changed;
  if (options.editionDateGiven && record.editionDate !== options.editionDate)
    return [`edition date ${record.editionDate} → ${options.editionDate}`];
  if (!present(record.html.path, record.html.size)) return [`${record.html.path} is missing or was changed`];
  if (print && !record.pdf) return ['no PDF yet (the last build made HTML only)'];
  if (record.pdf && !present(record.pdf.path, record.pdf.size)) return [`${record.pdf.path} is missing or was changed`];
  return [];
}

/** The options that shape outputs; a build under other options never takes the shortcut. */
export function optionsKey(options: RunOptions, print: boolean): string {
  return JSON.stringify({
    data: path.resolve(options.dataDir),
    out: path.resolve(options.outDir),
    texts: options.textDirs.map((d) => path.resolve(d)),
    layers: layerDirs(presentationOf(options)).map((l) => `${l.label}:${l.dir}`),
    audiences: options.audiences,
    reports: options.reports,
    allowUnverified: options.allowUnverified,
    defaultAudiences: options.defaultAudiences?.ids ?? null,
    date: options.editionDateGiven ? options.editionDate : null,
    print,
  });
}
