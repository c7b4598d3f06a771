// render + check: an audience's override that would never be used is a warning with the nearest
// real name; a broken override fails `brief check`, before any build.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayPath } from '../../../pipeline/core/paths.ts';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';
import { optionsFor } from '../../support/options.ts';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/**
 * A corpus's own templates and styles holding only `files`, laid over brief's built-ins. They are
 * written to the disk: the corpus's layer is resolved there (config/layers.ts), not through the world.
 */
async function project(
  files: Record<string, string>,
): Promise<{ root: string; check: () => ReturnType<typeof checkCorpus> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'brief-overrides-'));
  roots.push(root);
  await mkdir(path.join(root, 'templates'));
  await mkdir(path.join(root, 'styles'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const options = optionsFor(MINI, '/nonexistent', {
    corpusTemplatesDir: path.join(root, 'templates'),
    corpusStylesDir: path.join(root, 'styles'),
  });
  return { root, check: () => checkCorpus(options) };
}

describe('audience overrides', () => {
  it("the shipped templates and styles (the sample's layer) have no override that goes unused", async () => {
    const r = await memoryCorpus().check();
    expect(r.warnings.filter((w) => w.code === 'W_UNKNOWN_OVERRIDE')).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it('warns about an override that matches no partial, layout or kind, with a did-you-mean, at the file', async () => {
    const { root, check } = await project({
      'templates/audiences/executive/judgment.hbs': '<p>{{bluf}}</p>\n',
      'templates/audiences/executive/kinds/policy-breif.hbs': '{{#> document}}{{/document}}\n',
      'templates/audiences/analysts/notes.hbs': '\n',
      'styles/audiences/executiv.css': 'body { color: red; }\n',
    });
    const r = await check();
    expect(r.errors).toEqual([]);
    const found = r.warnings
      .filter((w) => w.code === 'W_UNKNOWN_OVERRIDE')
      .map((w) => ({ file: w.file, line: w.line, column: w.column, hint: w.hint }));
    const at = (file: string) => displayPath(path.join(root, file));
    expect(found).toEqual(
      expect.arrayContaining([
        {
          file: at('templates/audiences/executive/judgment.hbs'),
          line: 1,
          column: 1,
          hint: 'did you mean "judgments"?',
        },
        {
          file: at('templates/audiences/executive/kinds/policy-breif.hbs'),
          line: 1,
          column: 1,
          hint: 'did you mean "policy-brief"?',
        },
        { file: at('templates/audiences/analysts'), line: 1, column: 1, hint: 'did you mean "analyst"?' },
        { file: at('styles/audiences/executiv.css'), line: 1, column: 1, hint: 'did you mean "executive"?' },
      ]),
    );
    expect(found).toHaveLength(4);
    expect(r.warnings.find((w) => w.file.endsWith('judgment.hbs'))!.message).toContain(
      'audience "executive" overrides "judgment", which is no partial or layout',
    );
  });

  it('warns about a new partial no template calls and a stray file, but not a partial an override calls', async () => {
    const { root, check } = await project({
      'templates/partials/crest.hbs': '<p class="crest">{{title}}</p>\n',
      'templates/audiences/analyst/title-block.hbs': '{{> crest}}<h1>{{title}}</h1>\n',
      'templates/partials/sidebarr.hbs': '<aside></aside>\n',
      'templates/notes.txt': 'to do\n',
      'templates/policy-brief.hbs': '{{#> document}}{{> bluf}}{{/document}}\n',
      'styles/house.css': 'p { margin: 0; }\n',
    });
    const r = await check();
    expect(r.errors).toEqual([]);
    const found = r.warnings.filter((w) => w.code === 'W_UNKNOWN_OVERRIDE').map((w) => w.file);
    expect(found.sort()).toEqual([
      displayPath(path.join(root, 'templates/notes.txt')),
      displayPath(path.join(root, 'templates/partials/sidebarr.hbs')),
    ]);
    expect(r.warnings.find((w) => w.file.endsWith('sidebarr.hbs'))!.hint).toContain('{{> sidebarr}}');
  });

  it('renders every override at check against a real view model: a misspelt field is an error with the nearest field', async () => {
    const { root, check } = await project({
      'templates/audiences/executive/bluf.hbs': '<section class="bluf">\n  <p>{{{blufx}}}</p>\n</section>\n',
    });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'E_TEMPLATE',
      file: displayPath(path.join(root, 'templates/audiences/executive/bluf.hbs')),
      line: 2,
      hint: 'did you mean "bluf"?',
    });
    expect(r.errors[0]!.message).toContain('"blufx"');
  });

  it('renders a kind the corpus has no report of: an override of the chronology is checked all the same', async () => {
    const { root, check } = await project({
      'templates/partials/part-periods.hbs': '{{#each @root.periods}}<h3>{{labl}}</h3>{{/each}}\n',
    });
    const r = await check();
    expect(r.errors.map((e) => [e.code, e.file, e.hint])).toEqual([
      ['E_TEMPLATE', displayPath(path.join(root, 'templates/partials/part-periods.hbs')), 'did you mean "label"?'],
    ]);
  });

  it("catches a misspelt field strict mode lets through, in a helper's argument ({{#if blufx}}), at its line and column", async () => {
    const { root, check } = await project({
      'templates/audiences/analyst/bluf.hbs':
        '<section class="bluf">\n{{#if blufx}}<p>{{{bluf}}}</p>{{/if}}\n</section>\n',
    });
    const r = await check();
    expect(r.errors.map((e) => [e.code, e.file, e.line, e.column, e.hint])).toEqual([
      [
        'E_TEMPLATE',
        displayPath(path.join(root, 'templates/audiences/analyst/bluf.hbs')),
        2,
        7,
        'did you mean "bluf"?',
      ],
    ]);
  });

  it("finds no unknown field in brief's own templates, rendered for every audience of the specimen", async () => {
    const r = await memoryCorpus().check();
    expect(r.errors).toEqual([]);
  });

  it('fails check on a broken override, located in it, before any build', async () => {
    const { root, check } = await project({
      'templates/audiences/analyst/notes.hbs': '<ol>\n{{#each footnotes}}<li>{{quote}}</li>\n</ol>\n',
    });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      code: 'E_TEMPLATE',
      file: displayPath(path.join(root, 'templates/audiences/analyst/notes.hbs')),
    });
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('fails check on a broken kind template of one audience', async () => {
    const { root, check } = await project({
      'templates/audiences/executive/kinds/chronology.hbs': '{{#> document}}\n{{#if events}}\n{{/document}}\n',
    });
    const r = await check();
    expect(r.errors.map((e) => [e.code, e.file])).toEqual([
      ['E_TEMPLATE', displayPath(path.join(root, 'templates/audiences/executive/kinds/chronology.hbs'))],
    ]);
  });
});
