// render: which file a template name resolves to for an audience, without loading Handlebars:
// an audience's override first, then the shared partials, then the layouts; a document kind's
// template from the audience's kinds/ folder, else the shared one. environment.ts registers
// templates in this order, and fingerprints use it to hash what a render used.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** `kind:<kind>` names a document template; any other name a partial or layout. */
export function templateFile(templatesDir: string, audience: string, name: string): string {
  const overrides = path.join(templatesDir, 'audiences', audience);
  if (name.startsWith('kind:')) {
    const kind = name.slice(5);
    const own = path.join(overrides, 'kinds', `${kind}.hbs`);
    return existsSync(own) ? own : path.join(templatesDir, `${kind}.hbs`);
  }
  const candidates = [path.join(overrides, `${name}.hbs`), path.join(templatesDir, 'partials', `${name}.hbs`), path.join(templatesDir, 'layouts', `${name}.hbs`)];
  return candidates.find((f) => existsSync(f)) ?? candidates[1]!;
}

/** The stylesheets a document of this audience carries, in the order they are inlined. */
export function stylesheetFiles(stylesDir: string, audience: string): string[] {
  return [path.join(stylesDir, 'base.css'), path.join(stylesDir, 'print.css'), path.join(stylesDir, 'audiences', `${audience}.css`)];
}
