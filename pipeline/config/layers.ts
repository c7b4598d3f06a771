// config: templates and styles as layers — the corpus's own folder laid over brief's built-ins,
// file by file, at the same relative paths (as Quarto lays template partials over its own). A
// name resolves to the first layer that has the file; the corpus holds only what it changes.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { listInputs } from '../core/inputs-fs.ts';

export const LayerName = { corpus: 'corpus', builtin: 'built-in' } as const;
export type LayerName = (typeof LayerName)[keyof typeof LayerName];

export interface Layer {
  readonly name: LayerName;
  readonly dir: string;
  /**
   * Whether `audiences/` in this layer counts. Audience overrides belong to a corpus (its audiences
   * are its own): brief's built-in folder serves them only where it is also the corpus's folder, as
   * for the sample corpus at the root of brief's repository.
   */
  readonly audiences: boolean;
}

/** Highest first: the corpus's folder (when there is one), then brief's built-ins. */
export type Layers = readonly Layer[];

export interface Presentation {
  readonly templates: Layers;
  readonly styles: Layers;
}

/** Where the layers come from in a run's options. */
export interface LayerDirs {
  readonly templatesDir: string;
  readonly stylesDir: string;
  readonly corpusTemplatesDir?: string | undefined;
  readonly corpusStylesDir?: string | undefined;
}

function layersOf(builtin: string, corpus: string | undefined): Layers {
  const b = path.resolve(builtin);
  const c = corpus === undefined ? undefined : path.resolve(corpus);
  if (c === b) return [{ name: LayerName.builtin, dir: b, audiences: true }];
  return [
    ...(c !== undefined && existsSync(c) ? [{ name: LayerName.corpus, dir: c, audiences: true }] : []),
    { name: LayerName.builtin, dir: b, audiences: false },
  ];
}

export function presentationOf(dirs: LayerDirs): Presentation {
  return {
    templates: layersOf(dirs.templatesDir, dirs.corpusTemplatesDir),
    styles: layersOf(dirs.stylesDir, dirs.corpusStylesDir),
  };
}

export interface Resolved {
  readonly file: string;
  readonly layer: Layer;
  /** The path inside its layer, with forward slashes (`partials/bluf.hbs`). */
  readonly rel: string;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The first layer's file at `rel` (forward slashes); undefined when no layer has it. */
export function resolveIn(layers: Layers, rel: string): Resolved | undefined {
  const inAudiences = rel.startsWith('audiences/');
  for (const layer of layers) {
    if (inAudiences && !layer.audiences) continue;
    const file = path.join(layer.dir, ...rel.split('/'));
    if (isFile(file)) return { file, layer, rel };
  }
  return undefined;
}

/** The layer a file belongs to, and its path inside it (for fingerprints and listings). */
export function placeOf(layers: Layers, file: string): Resolved | undefined {
  const abs = path.resolve(file);
  for (const layer of layers) {
    const rel = path.relative(layer.dir, abs);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { file: abs, layer, rel: rel.split(path.sep).join('/') };
  }
  return undefined;
}

/** The files of one folder of a layer (`partials`, `layouts`, `` for the top), by name; hidden files left out. */
export function filesIn(layer: Layer, folder: string, ext: string): string[] {
  const dir = path.join(layer.dir, ...folder.split('/').filter(Boolean));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && n.endsWith(ext) && isFile(path.join(dir, n)))
    .sort();
}

/**
 * Every file under a layer's folder, relative, with forward slashes (listings, warnings, stamps and
 * snapshots); hidden files left out, and what is no input (a link out of the layer, a pipe, a device).
 */
export function allFiles(layer: Layer): string[] {
  return listInputs(layer.dir, [layer.dir], (rel) => rel.split('/').some((part) => part.startsWith('.'))).files.map(
    (file) => path.relative(layer.dir, file).split(path.sep).join('/'),
  );
}

/** Every folder a run reads templates and styles from (for input stamps, watching and snapshots). */
export function layerDirs(p: Presentation): { label: string; dir: string }[] {
  const seen = new Set<string>();
  const out: { label: string; dir: string }[] = [];
  for (const [kind, layers] of [
    ['templates', p.templates],
    ['styles', p.styles],
  ] as const) {
    for (const layer of layers) {
      if (seen.has(layer.dir)) continue;
      seen.add(layer.dir);
      out.push({ label: layer.name === LayerName.corpus ? `corpus-${kind}` : kind, dir: layer.dir });
    }
  }
  return out;
}
