// commands: `brief templates` lists every template, partial and stylesheet a document can use and,
// for each audience, where it resolves from (brief's built-ins or the corpus's own folder);
// `brief templates copy NAME [--audience ID]` copies a built-in into the corpus to start an override.
import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { filesIn, LayerName, presentationOf, resolveIn, type Layers } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { makeDirs } from '../core/dirs.ts';
import { displayPath } from '../core/paths.ts';
import { didYouMean } from '../core/suggest.ts';
import { partialNames } from '../render/environment.ts';
import { PACK_TEMPLATES, stylesheetFiles, templateFile } from '../render/template-files.ts';
import type { CommandContext } from '../run/command.ts';

const What = {
  kind: 'document kind',
  partial: 'partial',
  layout: 'layout',
  pack: 'pack template',
  style: 'stylesheet',
} as const;
type What = keyof typeof What;

interface Entry {
  readonly name: string;
  readonly what: What;
  /** Audience id → the file it resolves to, and from which layer ('' when the audience has none). */
  readonly resolved: Readonly<Record<string, { readonly from: string; readonly file: string }>>;
}

/** The audiences of the corpus, read without a full check: the listing must work on a corpus that does not check yet. */
async function corpusAudiences(options: RunOptions): Promise<string[]> {
  const file = path.join(options.dataDir, 'audiences.yaml');
  if (!existsSync(file)) return [];
  const { parseYaml } = await import('../core/yaml-positions.ts');
  const parsed = parseYaml(displayPath(file), await readFile(file, 'utf8')).value?.doc.toJS() as unknown;
  return Array.isArray(parsed)
    ? parsed.map((a) => (a as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string')
    : [];
}

function listing(templates: Layers, styles: Layers, audiences: readonly string[]): Entry[] {
  const builtin = templates.at(-1)!;
  const names = (folder: string) => filesIn(builtin, folder, '.hbs').map((f) => f.slice(0, -4));
  const layouts = new Set(names('layouts'));
  const where = (layers: Layers, file: string) => {
    const layer = layers.find((l) => file.startsWith(l.dir + path.sep));
    // brief's folder serving as the sample's own: its audiences/ are the corpus's.
    const own = layer?.audiences && path.relative(layer.dir, file).startsWith(`audiences${path.sep}`);
    return { from: own ? LayerName.corpus : (layer?.name ?? LayerName.builtin), file };
  };
  const per = (f: (audience: string) => string, layers: Layers) =>
    Object.fromEntries(audiences.map((a) => [a, where(layers, f(a))]));
  const entries: Entry[] = [
    ...names('').map(
      (k): Entry => ({
        name: k,
        what: 'kind',
        resolved: per((a) => templateFile(templates, a, `kind:${k}`), templates),
      }),
    ),
    ...[...new Set(audiences.flatMap((a) => partialNames(templates, a)))].map(
      (n): Entry => ({
        name: n,
        what: layouts.has(n) ? 'layout' : 'partial',
        resolved: per((a) => templateFile(templates, a, n), templates),
      }),
    ),
    ...PACK_TEMPLATES.map(
      (n): Entry => ({
        name: n,
        what: 'pack',
        resolved: per(() => resolveIn(templates, `pack/${n}.hbs`)?.file ?? '', templates),
      }),
    ),
  ];
  const sheets = new Map<string, Record<string, { from: string; file: string }>>([
    ['base.css', {}],
    ['print.css', {}],
  ]);
  for (const a of audiences) {
    for (const file of stylesheetFiles(styles, a)) {
      const own = path.basename(path.dirname(file)) === 'audiences';
      const name = own ? 'audiences/<audience>.css' : path.basename(file);
      const row = sheets.get(name) ?? {};
      row[a] = where(styles, file);
      sheets.set(name, row);
    }
  }
  if (!sheets.has('audiences/<audience>.css')) sheets.set('audiences/<audience>.css', {});
  return [...entries, ...[...sheets].map(([name, resolved]): Entry => ({ name, what: 'style', resolved }))];
}

/** Where a copy of the built-in NAME goes in the corpus, and the built-in file it starts from. */
function copyTarget(options: RunOptions, name: string, audience: string | undefined): { from: string; to: string } {
  const p = presentationOf(options);
  const builtin = { templates: p.templates.at(-1)!, styles: p.styles.at(-1)! };
  const corpus = {
    templates: path.resolve(options.corpusTemplatesDir ?? 'templates'),
    styles: path.resolve(options.corpusStylesDir ?? 'styles'),
  };
  const names = (folder: string) => filesIn(builtin.templates, folder, '.hbs').map((f) => f.slice(0, -4));
  const bare = name.replace(/\.(hbs|css)$/, '');
  const aud = (...rest: string[]) => path.join(corpus.templates, 'audiences', audience!, ...rest);
  if (names('').includes(bare))
    return {
      from: path.join(builtin.templates.dir, `${bare}.hbs`),
      to: audience ? aud('kinds', `${bare}.hbs`) : path.join(corpus.templates, `${bare}.hbs`),
    };
  for (const folder of ['partials', 'layouts']) {
    if (names(folder).includes(bare))
      return {
        from: path.join(builtin.templates.dir, folder, `${bare}.hbs`),
        to: audience ? aud(`${bare}.hbs`) : path.join(corpus.templates, folder, `${bare}.hbs`),
      };
  }
  if ((PACK_TEMPLATES as readonly string[]).includes(bare)) {
    if (audience)
      throw new UsageError(`the pack's templates are the same for every audience; copy ${bare} without --audience`);
    return {
      from: path.join(builtin.templates.dir, 'pack', `${bare}.hbs`),
      to: path.join(corpus.templates, 'pack', `${bare}.hbs`),
    };
  }
  if (['base', 'print'].includes(bare)) {
    if (audience)
      throw new UsageError(
        `${bare}.css is every audience's; an audience's own stylesheet is styles/audiences/<audience>.css (brief templates copy audience.css --audience ${audience} starts one)`,
      );
    return { from: path.join(builtin.styles.dir, `${bare}.css`), to: path.join(corpus.styles, `${bare}.css`) };
  }
  if (bare === 'audience') {
    if (!audience) throw new UsageError('an audience stylesheet is for one audience: add --audience ID');
    return { from: '', to: path.join(corpus.styles, 'audiences', `${audience}.css`) };
  }
  const all = [
    ...names(''),
    ...names('partials'),
    ...names('layouts'),
    ...PACK_TEMPLATES,
    'base.css',
    'print.css',
    'audience.css',
  ];
  throw new UsageError(
    `"${name}" is no built-in template or stylesheet. ${didYouMean(bare, all, 'brief templates lists them')}`,
  );
}

async function copy(ctx: CommandContext, name: string | undefined): Promise<ExitCode> {
  const { options, io } = ctx;
  if (!name)
    throw new UsageError(
      'brief templates copy needs the NAME of a built-in template or stylesheet (brief templates lists them)',
    );
  if (options.audiences.length > 1) throw new UsageError('brief templates copy takes one --audience');
  const audience = options.audiences[0];
  if (audience !== undefined) {
    const known = await corpusAudiences(options);
    if (!known.includes(audience))
      throw new UsageError(
        `there is no audience "${audience}" in ${displayPath(path.join(options.dataDir, 'audiences.yaml'))}. ${didYouMean(audience, known, `The audiences are: ${known.join(', ')}`)}`,
      );
  }
  const { from, to } = copyTarget(options, name, audience);
  if (existsSync(to))
    throw new UsageError(
      `${displayPath(to)} already exists; edit it, or remove it first to start again from the built-in`,
    );
  await makeDirs(path.dirname(to));
  if (from) await copyFile(from, to);
  else
    await writeFile(
      to,
      `/* ${audience}'s own styles, loaded after brief's (base.css, print.css) and the corpus's extra stylesheets. */\n`,
    );
  if (io.json) io.out({ ok: true, from: from || null, to });
  else
    io.info(
      `${from ? `copied ${displayPath(from)}` : 'started'} → ${displayPath(to)}: edit it; brief check renders it for every audience, and brief templates shows where each name now resolves from`,
    );
  return ExitCode.ok;
}

export async function main(ctx: CommandContext): Promise<ExitCode> {
  const { options, args, io } = ctx;
  if (args[0] === 'copy') {
    if (args.length > 2) throw new UsageError(`brief templates copy takes one NAME, not ${args.length - 1}`);
    return copy(ctx, args[1]);
  }
  if (args.length)
    throw new UsageError(
      `unknown argument "${args[0]}": brief templates lists, brief templates copy NAME copies. ${didYouMean(args[0]!, ['copy'], '')}`.trim(),
    );
  const p = presentationOf(options);
  const all = await corpusAudiences(options);
  for (const a of options.audiences)
    if (!all.includes(a))
      throw new UsageError(
        `there is no audience "${a}". ${didYouMean(a, all, `The audiences are: ${all.join(', ')}`)}`,
      );
  const audiences = options.audiences.length ? [...options.audiences] : all;
  if (audiences.length === 0)
    throw new UsageError(
      `no audiences in ${displayPath(path.join(options.dataDir, 'audiences.yaml'))}: every template is resolved for an audience`,
    );
  const entries = listing(p.templates, p.styles, audiences);
  if (io.json) {
    io.out({
      layers: {
        templates: p.templates.map((l) => ({ name: l.name, dir: l.dir })),
        styles: p.styles.map((l) => ({ name: l.name, dir: l.dir })),
      },
      audiences,
      entries,
    });
    return ExitCode.ok;
  }
  const layerLine = (kind: string, layers: Layers) =>
    `${kind}: ${layers.map((l) => `${l.name} ${displayPath(l.dir)}`).join(', laid over ')}`;
  const cell = (r: { from: string; file: string } | undefined) =>
    !r?.from ? '—' : r.from === LayerName.builtin ? 'built-in' : `corpus ${displayPath(r.file)}`;
  const rows = entries.map((e) => [e.name, What[e.what], ...audiences.map((a) => cell(e.resolved[a]))]);
  const head = ['name', 'what', ...audiences];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `${[
      layerLine('templates', p.templates),
      layerLine('styles', p.styles),
      '',
      line(head),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
      '',
      'brief templates copy NAME [--audience ID] copies a built-in into the corpus, to start an override.',
    ].join('\n')}\n`,
  );
  return ExitCode.ok;
}
