// run: `check`'s look at the templates: every audience's templates compiled, then each document kind
// rendered once for each audience against a real view model — the specimen corpus brief ships
// (pipeline/render/specimen: one report of each kind, every part filled in), selected for the
// corpus's own audiences — so a misspelt field in an override (`{{blufx}}`) fails `check`, with the
// nearest field, not a later build; and every file of the corpus's layers that no render uses is named.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { RenderedChart } from '../chart/types.ts';
import { readFileSync } from 'node:fs';
import { layerDirs, LayerName, presentationOf, type Presentation } from '../config/layers.ts';
import { PROJECT_ROOT, type RunOptions } from '../config/options.ts';
import { diagnostic, hasErrors, InputError, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { didYouMean } from '../core/suggest.ts';
import { diskSource, type FileSource, readTextFrom } from '../core/world.ts';
import type { Model } from '../model/index.ts';
import type { Selection } from '../select/index.ts';
import type { ParseCache } from '../core/parse-cache.ts';
import type { Warm } from './warm.ts';

export const SPECIMEN_DIR = path.join(PROJECT_ROOT, 'pipeline', 'render', 'specimen');

/** The specimen's selections for these audiences, one per kind and audience; loaded once per process. */
let specimen:
  | Promise<
      | {
          model: Model;
          select: (audience: Model['audiences'] extends ReadonlyMap<string, infer A> ? A : never) => Selection[];
        }
      | undefined
    >
  | undefined;

function loadSpecimen() {
  specimen ??= (async () => {
    // The specimen is brief's own (its code's hash covers it), not an input of the corpus.
    const specimenFiles = diskSource([SPECIMEN_DIR]);
    const [{ loadCorpus }, { validateCorpus }, { buildModel }, { anchorClaims }, { readLock }, { selectReport }] =
      await Promise.all([
        import('../load/index.ts'),
        import('../validate/index.ts'),
        import('../model/index.ts'),
        import('../anchor/index.ts'),
        import('./lock-file.ts').then((m) => ({ readLock: m.readLockFile })),
        import('../select/index.ts'),
      ]);
    const validation = validateCorpus(await loadCorpus(specimenFiles, SPECIMEN_DIR));
    const { model, diagnostics } = buildModel(validation.corpus, { defaultAudiences: undefined });
    // The specimen is ours: a problem in it is brief's bug, and must not reach a user's check.
    if (hasErrors([...validation.diagnostics, ...diagnostics])) return undefined;
    const anchoring = await anchorClaims(model, [], (await readLock(SPECIMEN_DIR)).lock, specimenFiles);
    return {
      model,
      select: (audience) =>
        [...model.reports.values()].flatMap((report) => {
          try {
            return [selectReport(model, anchoring, report, audience, { allowUnverified: true })];
          } catch (err) {
            if (err instanceof InputError) return []; // an audience the specimen's report may not go to: compiled, not rendered
            throw err;
          }
        }),
    };
  })();
  return specimen;
}

/** Every key of the view model, at any depth: where a misspelt field's nearest name is looked for. */
function fieldNames(value: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6 || value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 3)) fieldNames(v, into, depth + 1);
    return into;
  }
  for (const [k, v] of Object.entries(value)) {
    into.add(k);
    fieldNames(v, into, depth + 1);
  }
  return into;
}

/** A strict-mode "x not defined" names the field; the hint names the nearest one the view model has. */
function withNearestField(d: Diagnostic, fields: ReadonlySet<string>): Diagnostic {
  const m = /"([^"]+)" not defined/.exec(d.message);
  if (!m) return d;
  return {
    ...d,
    message: `template error: the view model has no field "${m[1]}"`,
    hint: didYouMean(m[1]!, [...fields], 'see README.md, "Templates", for the fields a template sees'),
  };
}

/**
 * The view model behind a proxy that notes each field a template asks for and the model lacks.
 * Strict mode throws only for a plain `{{field}}`; a helper's argument (`{{#if blufx}}`,
 * `{{#each periodz}}`) is looked up quietly, and a misspelt one would silently print nothing.
 * The view model has every field (null when empty), so any lookup it cannot answer is a mistake.
 */
function noticingMisses(value: unknown, misses: Set<string>, seen = new WeakMap<object, object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known) return known;
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target)) misses.add(key);
      return noticingMisses(Reflect.get(target, key, receiver), misses, seen);
    },
  });
  seen.set(value, proxy);
  return proxy;
}

/**
 * Where a missing field is first named in the templates a render used, the corpus's files first;
 * read where the render read them (the run's world), so the line is the one that was compiled.
 */
function firstUse(
  name: string,
  files: readonly string[],
  source: FileSource | undefined,
): { file: string; line: number; column: number } | undefined {
  const word = new RegExp(`\\{\\{[^}]*?(?<![\\w.@-])${name.replace(/[^\w-]/g, '')}(?![\\w-])`);
  for (const file of files) {
    const read = source ? readTextFrom(source, file) : { text: readFileSync(file, 'utf8') };
    if (!('text' in read)) continue;
    const lines = read.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = word.exec(lines[i]!);
      if (m) return { file: displayPath(file), line: i + 1, column: m.index + m[0].length - name.length + 1 };
    }
  }
  return undefined;
}

/** A placeholder for each figure, so the figure partials run without drawing a chart. */
const placeholderCharts = (sel: Selection): RenderedChart[] =>
  sel.charts.map((c) => ({
    id: c.id,
    title: c.title,
    description: typeof c.spec.description === 'string' ? c.spec.description : undefined,
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
    width: 10,
    height: 10,
  }));

/**
 * Everything the template check's findings follow from, as one hash: every file of the template and
 * style layers (by content; a file that cannot be read, by its problem) and the audiences. The
 * specimen is brief's own, the same for the life of the process.
 */
function checkKey(presentation: Presentation, audiences: readonly unknown[], files: FileSource): string {
  const h = createHash('sha256').update(JSON.stringify(audiences));
  for (const { dir } of layerDirs(presentation)) {
    const listing = files.list(dir);
    h.update(`\0${dir}\0${JSON.stringify(listing.problems)}`);
    for (const file of listing.files) {
      const read = files.read(file);
      h.update(`\0${file}\0`).update('bytes' in read ? read.bytes : JSON.stringify(read.problem));
    }
  }
  return h.digest('base64');
}

/**
 * What the check itself is: brief's compiled code (the stamp bin/brief.js compiles dist/ by) or,
 * in a published package, its name and version. Read once per process.
 */
let toolStamp: string | undefined;
function toolOf(): string {
  toolStamp ??= (() => {
    try {
      return readFileSync(path.join(PROJECT_ROOT, 'dist', '.stamp'), 'utf8');
    } catch {
      const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
      return `brief@${pkg.version ?? '?'}`;
    }
  })();
  return toolStamp;
}

/**
 * The findings are found again only when a template, a stylesheet, an audience or brief itself
 * changed: kept in memory by `warm` (`brief watch`), and between runs in the check's cache on disk
 * (`cache`, out/.brief/check-cache.json), where compiling and rendering every template against the
 * specimen was a quarter of a check's CPU.
 */
export async function checkTemplates(
  options: RunOptions,
  model: Model,
  files: FileSource = diskSource(layerDirs(presentationOf(options)).map((l) => l.dir)),
  {
    presentation = presentationOf(options),
    warm,
    cache,
  }: { presentation?: Presentation; warm?: Warm; cache?: ParseCache } = {},
): Promise<readonly Diagnostic[]> {
  const audiences = [...model.audiences.values()];
  // A corpus without audiences renders nothing (a folder of sources and claims only): nothing to check against.
  if (audiences.length === 0) return [];
  const key = warm || cache ? `template-check:${checkKey(presentation, audiences, files)}:${toolOf()}` : undefined;
  if (key && warm?.templateCheck?.key === key) return warm.templateCheck.problems;
  // A cache is the user's file: an entry that is not a list of findings is found afresh.
  const stored = key ? cache?.get(key) : undefined;
  const usable = stored && Array.isArray(stored.value) ? stored : undefined;
  const problems = usable ? (usable.value as Diagnostic[]) : await findProblems(audiences, files, presentation, warm);
  if (key && warm) warm.templateCheck = { key, problems };
  if (key && cache && !usable) cache.set(key, problems);
  return problems;
}

async function findProblems(
  audiences: readonly (Model['audiences'] extends ReadonlyMap<string, infer A> ? A : never)[],
  files: FileSource,
  presentation: Presentation,
  warm: Warm | undefined,
): Promise<Diagnostic[]> {
  const [{ createTemplates }, { overridable, unknownOverrides }, { buildViewModel }, { createMarkdown }] =
    await Promise.all([
      import('../render/environment.ts'),
      import('../render/overrides.ts'),
      import('../render/view-model.ts'),
      import('../render/markdown.ts'),
    ]);
  const found = new Map<string, Diagnostic>();
  const keep = (d: Diagnostic) => found.set(`${d.file}:${d.line}:${d.column}:${d.code}`, d);
  const { kinds } = overridable(presentation.templates);
  const spec = await loadSpecimen();
  const corpusFile = (file: string) =>
    presentation.templates.some((l) => l.name === LayerName.corpus && file.startsWith(l.dir + path.sep));
  const markdown = createMarkdown();
  for (const audience of audiences) {
    let templates;
    try {
      templates = createTemplates(presentation.templates, audience.id, files, warm?.templates);
      templates.compile(kinds);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // A broken shared partial breaks every audience: say it once.
      err.diagnostics.forEach(keep);
      continue;
    }
    for (const selection of spec?.select(audience) ?? []) {
      const view = buildViewModel(selection, placeholderCharts(selection), markdown, '2026-01-01', '', null);
      const misses = new Set<string>();
      try {
        const { used } = templates.render(selection.report.kind, noticingMisses(view, misses) as object);
        const usedFiles = [...new Set(Object.values(used))].sort(
          (a, b) => Number(corpusFile(b)) - Number(corpusFile(a)),
        );
        for (const name of misses) {
          const at = firstUse(name, usedFiles, files);
          if (at)
            keep(
              withNearestField(
                diagnostic(at, 'E_TEMPLATE', `template error: "${name}" not defined`, ''),
                fieldNames(view),
              ),
            );
        }
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        const fields = fieldNames(view);
        err.diagnostics.map((d) => withNearestField(d, fields)).forEach(keep);
      }
    }
  }
  return [
    ...found.values(),
    ...unknownOverrides(
      presentation,
      audiences.map((a) => a.id),
    ),
  ];
}

/** For tests: the specimen's reports, one of each kind. */
export async function specimenKinds(): Promise<string[]> {
  const s = await loadSpecimen();
  return s ? [...new Set([...s.model.reports.values()].map((r) => r.kind))] : [];
}
