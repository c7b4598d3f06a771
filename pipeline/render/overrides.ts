// render: templates/audiences/ and styles/audiences/ → a warning for every override that would
// never be used (a misspelt partial, a kind that does not exist, a folder for no audience), with
// the nearest real name; an override is otherwise ignored without a word. No Handlebars needed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { didYouMean } from '../core/suggest.ts';

const entries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).sort() : []);
const templateNames = (dir: string): string[] => entries(dir).filter((n) => n.endsWith('.hbs')).map((n) => n.slice(0, -4));
const isDir = (p: string) => statSync(p).isDirectory();

/** Names a partial override may take (the shared partials and layouts) and the document kinds (one template each). */
export function overridable(templatesDir: string): { partials: string[]; kinds: string[] } {
  return {
    partials: [...templateNames(path.join(templatesDir, 'partials')), ...templateNames(path.join(templatesDir, 'layouts'))],
    kinds: templateNames(templatesDir),
  };
}

const at = (file: string) => ({ file: displayPath(file), line: 1, column: 1 });
const warn = (file: string, message: string, hint: string) => diagnostic(at(file), 'W_UNKNOWN_OVERRIDE', message, hint, 'warning');

/**
 * Every override file under templates/audiences/ and styles/audiences/ that no render would use.
 * `shipped` folders are brief's own, whose overrides serve the sample's audiences: a corpus of one's
 * own that has none of them is not told about each.
 */
export function unknownOverrides(templatesDir: string, stylesDir: string, audiences: readonly string[], shipped = { templates: false, styles: false }): Diagnostic[] {
  const { partials, kinds } = overridable(templatesDir);
  const out: Diagnostic[] = [];
  const root = path.join(templatesDir, 'audiences');
  for (const id of entries(root)) {
    const dir = path.join(root, id);
    if (!isDir(dir)) {
      out.push(warn(dir, `${displayPath(dir)} is not used: overrides live in a folder per audience`, `move it to templates/audiences/<audience>/${id}`));
      continue;
    }
    if (!audiences.includes(id)) {
      if (shipped.templates) continue;
      out.push(warn(dir, `templates/audiences/${id}/ is for audience "${id}", which does not exist, so none of it is used`,
        didYouMean(id, audiences, `name the folder after an audience in audiences.yaml: ${audiences.join(', ')}`)));
      continue;
    }
    for (const name of entries(dir)) {
      const file = path.join(dir, name);
      if (name === 'kinds' && isDir(file)) {
        for (const k of entries(file)) {
          const kind = k.replace(/\.hbs$/, '');
          if (k.endsWith('.hbs') && kinds.includes(kind)) continue;
          out.push(warn(path.join(file, k), `audience "${id}" overrides the template of kind "${kind}", which does not exist, so it is never used`,
            didYouMean(kind, kinds, `a document kind's template is kinds/<kind>.hbs; the kinds are: ${kinds.join(', ')}`)));
        }
      } else if (!name.endsWith('.hbs') || isDir(file)) {
        out.push(warn(file, `${displayPath(file)} is never used: an audience's overrides are <partial>.hbs files and kinds/<kind>.hbs`,
          didYouMean(name, partials.map((p) => `${p}.hbs`), 'rename it, or remove it')));
      } else if (!partials.includes(name.slice(0, -4))) {
        out.push(warn(file, `audience "${id}" overrides "${name.slice(0, -4)}", which is no shared partial or layout, so it is never used`,
          didYouMean(name.slice(0, -4), partials, `an override takes the name of a file in templates/partials/ or templates/layouts/: ${partials.join(', ')}`)));
      }
    }
  }
  const styles = path.join(stylesDir, 'audiences');
  for (const name of entries(styles)) {
    const id = name.replace(/\.css$/, '');
    if (name.endsWith('.css') && (audiences.includes(id) || shipped.styles)) continue;
    out.push(warn(path.join(styles, name), `styles/audiences/${name} is for audience "${id}", which does not exist, so it is never loaded`,
      didYouMean(id, audiences, `name it <audience>.css after an audience in audiences.yaml: ${audiences.join(', ')}`)));
  }
  return out;
}
