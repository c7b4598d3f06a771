// run: a document's fingerprint: one hash per thing it depends on, keyed so a change can be
// named ("claim x/y changed"), with the files each part comes from.
//
// The parts are read off the Selection, which lists exactly what enters a document: the report,
// each claim cited or tabled and the state of its quote's verification, each source shown,
// events, questions, the chart specs and the rows they draw (derived datasets included, after
// the audience's distribution filter), the actors and perspectives named, the audience entry;
// then the templates the last render used, the stylesheets, the fonts, the tool and the browser.
// Positions (`at`, line numbers) are left out: moving a claim within its file changes nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { placeOf, type Layers, type Presentation } from '../config/layers.ts';
import type { ClaimAnchor } from '../anchor/index.ts';
import type { Model } from '../model/index.ts';
import type { Selection } from '../select/index.ts';

/** One thing a document depends on: its hash and the files it is read from (absolute paths). */
interface Part {
  readonly hash: string;
  readonly files: readonly string[];
}

/** Key → part. Keys are `kind:id`, e.g. `claim:roubanis-2024/two-states-one-military`. */
export type Parts = Record<string, Part>;

/** What every document of a run shares, computed once. */
export interface RunInputs {
  /** Package version, lockfile and the tool's own code. */
  readonly tool: string;
  /** The bundled font files. */
  readonly fonts: string;
  /** The browser binary (path, size, time); "none" when no browser was found. */
  readonly browser: string;
}

const POSITION_KEYS = new Set([
  'at',
  'quoteAt',
  'locatorAt',
  'excludeAt',
  'textAt',
  'citations',
  'bodyLine',
  'judgmentsAt',
  'budgetAt',
  'proseAt',
  'omitAt',
]);

/** JSON with sorted keys and no positions, so equal content gives an equal hash. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    if (POSITION_KEYS.has(key)) return undefined;
    if (v instanceof Map) return Object.fromEntries([...v].sort(([a], [b]) => String(a).localeCompare(String(b))));
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      );
    }
    return v;
  });
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
export const hashOf = (value: unknown): string => sha256(canonical(value));

/**
 * hashOf, remembered for each object it is asked of: the model's claims, sources, events and
 * audiences are shared by every document of a build (and by no stage changed), and were hashed
 * again for each of the twelve documents of the sample, and again for each document made.
 */
export function hashMemo(): (value: unknown) => string {
  const seen = new WeakMap<object, string>();
  return (value) => {
    if (value === null || typeof value !== 'object') return hashOf(value);
    let hash = seen.get(value);
    if (hash === undefined) {
      hash = hashOf(value);
      seen.set(value, hash);
    }
    return hash;
  };
}

const abs = (file: string) => path.resolve(file);

/**
 * What a verification contributes to a document: its status, the text it was checked against, and
 * the locator computed from where the quote stands (a note prints it when the claim writes none).
 */
function evidenceOf(anchor: ClaimAnchor | undefined): unknown {
  if (!anchor) return { status: 'no-text' };
  const { status, score, elided, textSha256, via, locator } = anchor;
  return { status, score, elided, textSha256, via, locator };
}

/** The parts read off a document's selection (everything but templates and run-wide inputs). */
export function selectionParts(
  selection: Selection,
  model: Model,
  anchors: ReadonlyMap<string, ClaimAnchor>,
  lockFile: string,
  hash: (value: unknown) => string = hashOf,
): Parts {
  const parts: Parts = {};
  const add = (key: string, value: unknown, files: readonly string[]) => {
    parts[key] = { hash: hash(value), files: [...new Set(files.map(abs))].sort() };
  };
  const data = (file: string) => path.join(model.dataDir, file);
  const { report, audience } = selection;
  // Which other audiences get the report does not change this audience's document.
  add(`report:${report.id}`, { ...report, audiences: undefined, audiencesFrom: undefined }, [report.at.file]);
  add(`audience:${audience.id}`, audience, [data('audiences.yaml')]);

  const claims = new Map(selection.footnotes.map((f) => [f.claim.id, f.claim]));
  for (const cell of selection.stances) for (const c of cell.claims) claims.set(c.id, c);
  // A dataset row that names its evidence cites that claim too.
  for (const chart of selection.charts) {
    const columns = Object.entries(model.datasets.get(chart.dataset)?.meta.columns ?? {})
      .filter(([, c]) => c.type === 'claim')
      .map(([name]) => name);
    for (const row of selection.chartData.get(chart.dataset) ?? []) {
      for (const id of columns.flatMap((col) => String(row[col] ?? '').split(/\s+/))) {
        const claim = model.claims.get(id);
        if (claim) claims.set(id, claim);
      }
    }
  }
  for (const claim of claims.values()) {
    // Without notes a document shows no quote, locator or statement: only the claim's source and stances reach it.
    add(`claim:${claim.id}`, audience.notes ? claim : { id: claim.id, source: claim.source, stances: claim.stances }, [
      claim.at.file,
    ]);
    const source = model.sources.get(claim.source);
    const anchor = anchors.get(claim.id);
    // The verification comes from the text when it is there, from the lock otherwise.
    const via = anchor?.via === 'lock' ? [lockFile] : [];
    add(`evidence:${claim.id}`, evidenceOf(anchor), [claim.at.file, ...via, ...(source ? [source.at.file] : [])]);
  }
  const sources = new Map([...selection.cited, ...selection.sources].map((s) => [s.id, s]));
  for (const s of sources.values()) add(`source:${s.id}`, s, [s.at.file]);
  for (const e of selection.events) add(`event:${e.id}`, e, [e.at.file]);
  for (const q of selection.questions) add(`question:${q.id}`, q, [data('questions.yaml')]);

  const actors = new Set(selection.events.flatMap((e) => e.actors));
  for (const id of actors) add(`actor:${id}`, selection.actorNames.get(id) ?? null, [data('actors.yaml')]);
  const perspectives = new Set(selection.sources.flatMap((s) => (s.perspective ? [s.perspective] : [])));
  for (const id of perspectives)
    add(`perspective:${id}`, selection.perspectiveNames.get(id) ?? null, [data('perspectives.yaml')]);

  for (const chart of selection.charts) {
    add(`chart:${chart.id}`, chart, [chart.at.file]);
    const dataset = model.datasets.get(chart.dataset);
    add(
      `data:${chart.dataset}`,
      { meta: dataset?.meta, rows: selection.chartData.get(chart.dataset) ?? [] },
      datasetFiles(chart.dataset, model),
    );
  }
  return parts;
}

/** The files a dataset is read from; a derived dataset comes from the corpus files it summarises. */
function datasetFiles(id: string, model: Model): string[] {
  const claimFiles = [...model.claims.values()].map((c) => c.at.file);
  const sourceFiles = [...model.sources.values()].map((s) => s.at.file);
  if (id === 'corpus-claims') return [...claimFiles, ...sourceFiles];
  if (id === 'corpus-stances') return [...claimFiles, ...sourceFiles, path.join(model.dataDir, 'questions.yaml')];
  if (id === 'corpus-events') return model.events.map((e) => e.at.file);
  const base = path.join(model.dataDir, 'datasets', id);
  return ['.csv', '.json', '.yaml', '.yml'].map((ext) => base + ext).filter((f) => existsSync(f));
}

/**
 * Templates (name → file the last render used) and stylesheets, hashed as they are now, each with
 * the layer it came from and its path there: a corpus override of a partial, and a changed built-in
 * after an upgrade, both redo exactly the documents that use that name. Where the folders are does
 * not count: an edition rebuilt from its snapshot elsewhere is the same.
 */
export function presentationParts(
  presentation: Presentation,
  templates: Readonly<Record<string, string>>,
  stylesheets: readonly string[],
  fileHash: (file: string) => string,
): Parts {
  const parts: Parts = {};
  const where = (layers: Layers, file: string) => {
    const place = placeOf(layers, file);
    return place ? `${place.layer.name}:${place.rel}` : path.basename(file);
  };
  for (const [name, file] of Object.entries(templates))
    parts[`template:${name}`] = { hash: `${where(presentation.templates, file)}|${fileHash(file)}`, files: [file] };
  for (const file of stylesheets) {
    const place = placeOf(presentation.styles, file);
    parts[`style:${place?.rel ?? path.basename(file)}`] = {
      hash: `${place?.layer.name ?? ''}|${fileHash(file)}`,
      files: [file],
    };
  }
  return parts;
}

export function runParts(
  inputs: RunInputs,
  flags: { allowUnverified: boolean; editionId?: string | undefined },
  selection: Selection,
): Parts {
  // --allow-unverified changes a document only when it cites an unverified quote.
  const unverified = selection.footnotes.some((f) => f.unverified);
  return {
    tool: { hash: inputs.tool, files: [] },
    fonts: { hash: inputs.fonts, files: [] },
    browser: { hash: inputs.browser, files: [] },
    flags: {
      hash: hashOf({ allowUnverified: unverified && flags.allowUnverified, edition: flags.editionId ?? null }),
      files: [],
    },
  };
}

/** Of the content alone: what the document says and looks like, not which edition or flags it was made under. */
export const contentFingerprint = (parts: Readonly<Record<string, string>>): string =>
  hashOf(Object.fromEntries(Object.entries(parts).filter(([k]) => k !== 'flags')));

export const fingerprintOf = (parts: Parts): string =>
  hashOf(Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.hash])));

const WORDS: Record<string, string> = {
  report: 'report',
  audience: 'audience',
  claim: 'claim',
  evidence: 'verification of claim',
  source: 'source',
  event: 'event',
  question: 'question',
  actor: 'actor',
  perspective: 'perspective',
  chart: 'chart',
  data: 'dataset',
  template: 'template',
  style: 'stylesheet',
  tool: 'brief itself (version, packages or code)',
  fonts: 'the bundled fonts',
  browser: 'the browser',
  flags: '--allow-unverified',
};

function describe(key: string): string {
  const i = key.indexOf(':');
  if (i < 0) return WORDS[key] ?? key;
  return `${WORDS[key.slice(0, i)] ?? key.slice(0, i)} ${key.slice(i + 1)}`;
}

/** Why a document must be redone, in words a user can act on; empty when nothing it depends on changed. */
export function changedParts(before: Readonly<Record<string, string>>, after: Parts, limit = 4): string[] {
  const reasons: string[] = [];
  for (const [key, part] of Object.entries(after)) {
    if (!(key in before))
      reasons.push(key.startsWith('template:') ? `${describe(key)} now used` : `${describe(key)} added`);
    else if (before[key] !== part.hash) reasons.push(`${describe(key)} changed`);
  }
  for (const key of Object.keys(before)) if (!(key in after)) reasons.push(`${describe(key)} no longer used`);
  return reasons.length > limit ? [...reasons.slice(0, limit), `and ${reasons.length - limit} more`] : reasons;
}
