// render: the corpus's templates and styles layers → a warning for every file in them that no render
// would use (a misspelt partial, a kind that does not exist, a folder for no audience, a stray file),
// with the nearest real name: an override is otherwise ignored without a word. No Handlebars needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allFiles, filesIn, LayerName, type Layer, type Layers, type Presentation } from '../config/layers.ts';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { didYouMean } from '../core/suggest.ts';

const names = (files: readonly string[]) => files.map((f) => f.replace(/\.(hbs|css)$/, ''));
const builtinOf = (layers: Layers): Layer => layers.at(-1)!;

/** What an override may be named after: brief's own templates (built-in layer). */
export function overridable(templates: Layers): { partials: string[]; kinds: string[]; pack: string[] } {
  const b = builtinOf(templates);
  return {
    partials: names([...filesIn(b, 'partials', '.hbs'), ...filesIn(b, 'layouts', '.hbs')]),
    kinds: names(filesIn(b, '', '.hbs')),
    pack: names(filesIn(b, 'pack', '.hbs')),
  };
}

/** Layers whose files are the corpus's: a corpus folder, or brief's own where it is the corpus's too (the sample). */
const corpusLayers = (layers: Layers) => layers.filter((l) => l.name === LayerName.corpus || l.audiences);

/** Partial names some template of any layer calls (`{{> name}}`, `{{#> name}}`): a new partial is used if called. */
function calledPartials(layers: Layers): Set<string> {
  const called = new Set<string>();
  for (const layer of layers) {
    for (const rel of allFiles(layer).filter((f) => f.endsWith('.hbs'))) {
      const text = readFileSync(path.join(layer.dir, rel), 'utf8');
      for (const m of text.matchAll(/\{\{~?#?>\s*([A-Za-z0-9_-]+)/g)) called.add(m[1]!);
    }
  }
  return called;
}

/**
 * Every file of the corpus's layers that no render would use. `audiences` are the corpus's; brief's
 * built-in layer is not judged (its files are what the others are named after).
 */
export function unknownOverrides(p: Presentation, audiences: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { partials, kinds, pack } = overridable(p.templates);
  const called = calledPartials(p.templates);
  for (const layer of corpusLayers(p.templates)) {
    const warn = (rel: string, message: string, hint: string) =>
      out.push(
        diagnostic(
          { file: displayPath(path.join(layer.dir, ...rel.split('/'))), line: 1, column: 1 },
          'W_UNKNOWN_OVERRIDE',
          message,
          hint,
          'warning',
        ),
      );
    const ownPartials = names([...filesIn(layer, 'partials', '.hbs'), ...filesIn(layer, 'layouts', '.hbs')]);
    const allPartials = [...new Set([...partials, ...ownPartials])];
    const unknownAudiences = new Set<string>();
    for (const rel of allFiles(layer)) {
      const parts = rel.split('/');
      const file = parts.at(-1)!;
      const name = file.replace(/\.hbs$/, '');
      if (parts.length === 1) {
        if (file.endsWith('.hbs') && kinds.includes(name)) continue;
        warn(
          rel,
          `${rel} is no document kind's template, so it is never used`,
          didYouMean(name, kinds, `a kind's template is <kind>.hbs: ${kinds.join(', ')}`),
        );
      } else if ((parts[0] === 'partials' || parts[0] === 'layouts') && parts.length === 2 && file.endsWith('.hbs')) {
        if (partials.includes(name) || called.has(name)) continue;
        warn(
          rel,
          `${rel} replaces no built-in ${parts[0] === 'partials' ? 'partial' : 'layout'} and no template calls it, so it is never used`,
          didYouMean(
            name,
            partials,
            `name it after a built-in one (brief templates lists them), or call it with {{> ${name}}} from a template you override`,
          ),
        );
      } else if (parts[0] === 'pack' && parts.length === 2 && file.endsWith('.hbs')) {
        if (pack.includes(name)) continue;
        warn(
          rel,
          `${rel} is none of the pack's templates, so it is never used`,
          didYouMean(name, pack, `the pack's templates are ${pack.map((t) => `pack/${t}.hbs`).join(', ')}`),
        );
      } else if (parts[0] === 'audiences' && parts.length >= 3 && layer.audiences) {
        const id = parts[1]!;
        if (!audiences.includes(id)) {
          if (!unknownAudiences.has(id)) {
            unknownAudiences.add(id);
            warn(
              `audiences/${id}`,
              `templates/audiences/${id}/ is for audience "${id}", which does not exist, so none of it is used`,
              didYouMean(id, audiences, `name the folder after an audience in audiences.yaml: ${audiences.join(', ')}`),
            );
          }
        } else if (parts.length === 3 && file.endsWith('.hbs')) {
          if (!allPartials.includes(name)) {
            warn(
              rel,
              `audience "${id}" overrides "${name}", which is no partial or layout, so it is never used`,
              didYouMean(
                name,
                allPartials,
                `an override takes the name of a partial or layout (brief templates lists them): ${allPartials.join(', ')}`,
              ),
            );
          }
        } else if (parts.length === 4 && parts[2] === 'kinds' && file.endsWith('.hbs')) {
          if (!kinds.includes(name)) {
            warn(
              rel,
              `audience "${id}" overrides the template of kind "${name}", which does not exist, so it is never used`,
              didYouMean(
                name,
                kinds,
                `a document kind's template is kinds/<kind>.hbs; the kinds are: ${kinds.join(', ')}`,
              ),
            );
          }
        } else {
          warn(
            rel,
            `${rel} is never used: an audience's overrides are <partial>.hbs files and kinds/<kind>.hbs`,
            didYouMean(
              file,
              allPartials.map((t) => `${t}.hbs`),
              'rename it, or remove it',
            ),
          );
        }
      } else {
        warn(
          rel,
          `${rel} is never used: a templates folder holds <kind>.hbs, partials/, layouts/, pack/ and audiences/<audience>/`,
          'move it, or remove it',
        );
      }
    }
  }
  for (const layer of corpusLayers(p.styles)) {
    const warn = (rel: string, message: string, hint: string) =>
      out.push(
        diagnostic(
          { file: displayPath(path.join(layer.dir, ...rel.split('/'))), line: 1, column: 1 },
          'W_UNKNOWN_OVERRIDE',
          message,
          hint,
          'warning',
        ),
      );
    for (const rel of allFiles(layer)) {
      const parts = rel.split('/');
      if (parts.length === 1 && rel.endsWith('.css')) continue; // base.css, print.css, or an extra stylesheet for every audience
      if (parts.length === 2 && parts[0] === 'audiences' && rel.endsWith('.css') && layer.audiences) {
        const id = parts[1]!.slice(0, -4);
        if (audiences.includes(id)) continue;
        warn(
          rel,
          `styles/${rel} is for audience "${id}", which does not exist, so it is never loaded`,
          didYouMean(
            id,
            audiences,
            `name it <audience>.css after an audience in audiences.yaml: ${audiences.join(', ')}`,
          ),
        );
        continue;
      }
      warn(
        rel,
        `styles/${rel} is never loaded: a styles folder holds base.css, print.css, extra stylesheets for every audience, and audiences/<audience>.css`,
        'move it, or remove it',
      );
    }
  }
  return out;
}
