// render: template source → compiled template, once per source text. Handlebars' own compile() parses
// and generates the code of a template on its first use in each environment, and brief makes an
// environment per run and audience, and `check` another for each audience: the same partial was
// compiled up to seven times a build, and again on every `brief watch` rebuild. The compiled form
// (the template spec, before it is bound to an environment) depends only on the source and the
// options, so it is kept here by a hash of the source and bound to each environment as it is needed.
import { createHash } from 'node:crypto';
import type Handlebars from 'handlebars';

/** The one set of options every brief template is compiled with. */
const COMPILE_OPTIONS = { strict: true, noEscape: false, preventIndent: true, data: true } as const;

type Spec = Parameters<typeof Handlebars.template>[0];

/** What Handlebars' compile() does before it binds a template to its environment (compiler.js, compileInput). */
interface CompilerInternals {
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: new () => { compile(env: unknown, options: object, context: undefined, asObject: true): Spec };
}

/** Past this many distinct sources the oldest is dropped: an editing session must not grow without bound. */
const MAX_ENTRIES = 500;

export class TemplateCache {
  private readonly specs = new Map<string, Spec>();
  /** How many sources were compiled (for tests: a second build compiles none). */
  compiled = 0;

  /**
   * The template of `source`, bound to `hb` (its helpers and partials). Throws Handlebars' own
   * error for a template that does not parse, as compile() would on first use; nothing is kept then.
   */
  bind(hb: typeof Handlebars, source: string): Handlebars.TemplateDelegate {
    const key = createHash('sha256').update(source).digest('base64');
    let spec = this.specs.get(key);
    if (spec) {
      // Most recently used last: the oldest is the first dropped.
      this.specs.delete(key);
    } else {
      const { Compiler, JavaScriptCompiler } = hb as unknown as CompilerInternals;
      // Options are copied: the compilers write into them.
      const ast = hb.parse(source);
      const environment = new Compiler().compile(ast, { ...COMPILE_OPTIONS });
      spec = new JavaScriptCompiler().compile(environment, { ...COMPILE_OPTIONS }, undefined, true);
      this.compiled++;
      if (this.specs.size >= MAX_ENTRIES) this.specs.delete(this.specs.keys().next().value!);
    }
    this.specs.set(key, spec);
    return hb.template(spec);
  }
}
