// render: a fresh Handlebars environment per run and audience: helpers, partials, layouts, and the
// audience's overrides from audiences/<id>/, each name resolved through the layers (the corpus's
// templates over brief's built-ins; config/layers.ts).
import Handlebars from 'handlebars';
import { filesIn, type Layers } from '../config/layers.ts';
import { diagnostic, InputError } from '../core/diagnostics.ts';
import { isolateBidi } from '../core/bidi.ts';
import { displayPath } from '../core/paths.ts';
import { diskSource, type FileSource, readTextFrom } from '../core/world.ts';
import { plural } from '../core/plural.ts';
import { smartQuotes } from '../core/quotes.ts';
import { formatEdtf } from './dates.ts';
import { TemplateCache } from './template-cache.ts';
import { templateFile } from './template-files.ts';

export interface TemplateSet {
  /**
   * Renders the template of one document kind with a view model. `used` names each template
   * the render called (`kind:<kind>`, then partial and layout names) with the file it came from.
   */
  render(kind: string, view: object): { html: string; used: Record<string, string> };
  /** Compiles the template of each kind now (layouts, partials and overrides are compiled on creation). */
  compile(kinds: readonly string[]): void;
}

type Compiled = Handlebars.TemplateDelegate;

/**
 * Every `{{value}}` passes through Handlebars' escapeExpression, which a template reads from the
 * library's shared Utils when it is made: Handlebars has no per-instance hook, so it is wrapped
 * here, once. A string is isolated (core/bidi.ts) before it is escaped, so no corpus text can
 * turn the text printed around it right to left.
 */
const ISOLATING = Symbol.for('brief.isolating-escape');
type Escape = typeof Handlebars.Utils.escapeExpression & { [ISOLATING]?: true };
if (!(Handlebars.Utils.escapeExpression as Escape)[ISOLATING]) {
  const escapeExpression = Handlebars.Utils.escapeExpression;
  const isolating: Escape = (value) => escapeExpression(typeof value === 'string' ? isolateBidi(value) : value);
  isolating[ISOLATING] = true;
  Handlebars.Utils.escapeExpression = isolating;
}

/** Handlebars reports template errors as "Parse error on line N:" or "- N:M" at the end. */
function templateError(file: string, err: Error): InputError {
  const e = err as Error & { lineNumber?: number; column?: number };
  // Parse errors say "Parse error on line N"; strict-mode lookups end in "- LINE:COLUMN".
  const m = /- (\d+):(\d+)\s*$/.exec(e.message) ?? /line (\d+)/.exec(e.message);
  const line = e.lineNumber ?? (m ? Number(m[1]) : 1);
  const column = (e.column ?? (m?.[2] ? Number(m[2]) : 0)) + 1;
  const first = (e.message.split('\n')[0] ?? e.message)
    .replace(/ - \d+:\d+\s*$/, '')
    .replace(/ in \[object Object\]/, '');
  return new InputError([
    diagnostic(
      { file: displayPath(file), line, column },
      'E_TEMPLATE',
      `template error: ${first}`,
      'check the {{…}} tags: every block opened with {{#x}} needs {{/x}}, and names must match the view model (README.md, "Templates")',
    ),
  ]);
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('edtfDate', (value: unknown) => formatEdtf(typeof value === 'string' ? value : undefined));
  hb.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  registerPlural(hb);
  hb.registerHelper('cssString', cssString(hb));
}

/**
 * `{{cssString title}}`: a CSS string literal on one line, for the running header's `content:` (JSON's
 * "\n" would print as "n"), its quotes typographic in the document's language as its text's are.
 */
export function cssString(hb: typeof Handlebars) {
  return (value: unknown, options: { data?: { root?: { lang?: string } } }) =>
    new hb.SafeString(
      JSON.stringify(smartQuotes(String(value ?? '').replace(/\s+/g, ' '), options.data?.root?.lang)).replace(
        /</g,
        '\\3C ',
      ),
    );
}

/**
 * `{{plural n "source"}}` is "1 source" or "2 sources"; `{{plural n "entry" "entries"}}` for an
 * irregular plural (Handlebars passes its options object last).
 */
export function registerPlural(hb: typeof Handlebars): void {
  hb.registerHelper('plural', (n: unknown, singular: unknown, ...rest: unknown[]) => {
    const many = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    // A placeholder count ("00" pages, before the pack's page numbers are known) is printed as given.
    const said = plural(Number(n), String(singular), many);
    return typeof n === 'string' ? `${n}${said.slice(said.indexOf(' '))}` : said;
  });
}

/** Every partial or layout name an audience's render can call, from every layer. */
export function partialNames(layers: Layers, audience: string): string[] {
  const names = layers.flatMap((l) => [
    ...filesIn(l, 'layouts', '.hbs'),
    ...filesIn(l, 'partials', '.hbs'),
    ...(l.audiences ? filesIn(l, `audiences/${audience}`, '.hbs') : []),
  ]);
  return [...new Set(names.map((n) => n.slice(0, -4)))].sort();
}

/**
 * `files`: where template files are read from: the run's world, or by default the layers' folders
 * as inputs-fs.ts reads them (a link out of them, a pipe or a device is refused, located).
 * `cache`: compiled templates by source (template-cache.ts), shared by a run's environments and,
 * in `brief watch`, kept from one rebuild to the next.
 */
export function createTemplates(
  layers: Layers,
  audience: string,
  files: FileSource = diskSource(layers.map((l) => l.dir)),
  cache: TemplateCache = new TemplateCache(),
): TemplateSet {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const compile = (file: string): Compiled => {
    const read = readTextFrom(files, file);
    if ('problem' in read) throw new InputError([read.problem]);
    try {
      // Compiled now (or taken from the cache), so a syntax error is reported now and with its file.
      const template = cache.bind(hb, read.text);
      return (ctx, opts) => {
        try {
          return template(ctx, opts);
        } catch (err) {
          // A partial inside this template already said where it failed.
          if (err instanceof InputError) throw err;
          throw templateError(file, err as Error);
        }
      };
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw templateError(file, err as Error);
    }
  };
  let used: Record<string, string> = {};
  for (const name of partialNames(layers, audience)) {
    const file = templateFile(layers, audience, name);
    const template = compile(file);
    // Record each partial a render really calls: a document depends on those files only.
    hb.registerPartial(name, ((ctx: unknown, opts: unknown) => {
      used[name] = file;
      return template(ctx, opts as never);
    }) as Compiled);
  }
  const kinds = new Map<string, Compiled>();
  const kindTemplate = (kind: string): Compiled => {
    let template = kinds.get(kind);
    if (!template) {
      template = compile(templateFile(layers, audience, `kind:${kind}`));
      kinds.set(kind, template);
    }
    return template;
  };
  return {
    compile(list) {
      for (const kind of list) kindTemplate(kind);
    },
    render(kind, view) {
      const file = templateFile(layers, audience, `kind:${kind}`);
      const template = kindTemplate(kind);
      used = { [`kind:${kind}`]: file };
      const html = template(view);
      return { html, used };
    },
  };
}
