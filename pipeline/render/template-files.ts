// render: which file a template name or stylesheet resolves to for an audience, without loading
// Handlebars, through the layers (config/layers.ts: the corpus's folder over brief's built-ins):
// an audience's override first, then the partials, then the layouts; a document kind's template
// from the audience's kinds/ folder, else the kind's own. environment.ts registers templates in
// this order, and fingerprints use it to hash what a render used.
import path from 'node:path';
import { filesIn, type Layers, type Presentation, resolveIn } from '../config/layers.ts';
import { InputError } from '../core/diagnostics.ts';
import { diskSource, type FileSource, readTextFrom } from '../core/world.ts';

/** `kind:<kind>` names a document template; any other name a partial or layout. */
export function templateFile(layers: Layers, audience: string, name: string): string {
  const candidates = name.startsWith('kind:')
    ? [`audiences/${audience}/kinds/${name.slice(5)}.hbs`, `${name.slice(5)}.hbs`]
    : [`audiences/${audience}/${name}.hbs`, `partials/${name}.hbs`, `layouts/${name}.hbs`];
  for (const rel of candidates) {
    const found = resolveIn(layers, rel);
    if (found) return found.file;
  }
  // Not there at all: where the built-in would be (rendering then says it is missing).
  return path.join(layers.at(-1)!.dir, ...candidates.at(name.startsWith('kind:') ? -1 : 1)!.split('/'));
}

/** The base and print styles are replaced file by file; any other top-level stylesheet is an extra one, for every audience. */
const CORE_STYLES = ['base.css', 'print.css'];

/**
 * The stylesheets a document of this audience carries, in the order they are inlined: base, print,
 * the extra stylesheets of every layer (by name), the audience's own where a layer that serves
 * audiences has one. Only files that exist: one added later is a new input, and redoes the documents.
 */
export function stylesheetFiles(layers: Layers, audience: string): string[] {
  const extras = [...new Set(layers.flatMap((l) => filesIn(l, '', '.css')))]
    .filter((n) => !CORE_STYLES.includes(n))
    .sort();
  return [...CORE_STYLES, ...extras, `audiences/${audience}.css`].flatMap((rel) => resolveIn(layers, rel)?.file ?? []);
}

/** The pack's own templates (`pack`, `pack-cover`, `pack-contents`), from pack/ in the layers. */
export const PACK_TEMPLATES = ['pack', 'pack-cover', 'pack-contents'] as const;

export function packTemplateFile(layers: Layers, name: string): string {
  return resolveIn(layers, `pack/${name}.hbs`)?.file ?? path.join(layers.at(-1)!.dir, 'pack', `${name}.hbs`);
}

/**
 * Reads a template or stylesheet as text through `files` (the run's world), or through the layers'
 * folders as inputs-fs.ts allows; a file that is no input (a link out of them) is an InputError.
 */
export function layerReader(presentation: Presentation, files?: FileSource): (file: string) => string {
  const from = files ?? diskSource([...presentation.templates, ...presentation.styles].map((l) => l.dir));
  return (file) => {
    const text = readTextFrom(from, file);
    if ('problem' in text) throw new InputError([text.problem]);
    return text.text;
  };
}
