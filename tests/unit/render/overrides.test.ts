// render + check: an audience's override that would never be used is a warning with the nearest
// real name; a broken override fails `brief check`, before any build.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayPath } from '../../../pipeline/core/paths.ts';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { MINI } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/** The project's templates and styles copied, with `files` added (paths under the copy). */
async function project(files: Record<string, string>): Promise<{ root: string; check: () => ReturnType<typeof checkCorpus> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'brief-overrides-'));
  roots.push(root);
  await cp('templates', path.join(root, 'templates'), { recursive: true });
  await cp('styles', path.join(root, 'styles'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const options = optionsFor(MINI, '/nonexistent', { templatesDir: path.join(root, 'templates'), stylesDir: path.join(root, 'styles') });
  return { root, check: () => checkCorpus(options) };
}

describe('audience overrides', () => {
  it('the shipped templates and styles have no override that goes unused', async () => {
    const { check } = await project({});
    const r = await check();
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
    const found = r.warnings.filter((w) => w.code === 'W_UNKNOWN_OVERRIDE').map((w) => ({ file: w.file, line: w.line, column: w.column, hint: w.hint }));
    const at = (file: string) => displayPath(path.join(root, file));
    expect(found).toEqual(expect.arrayContaining([
      { file: at('templates/audiences/executive/judgment.hbs'), line: 1, column: 1, hint: 'did you mean "judgments"?' },
      { file: at('templates/audiences/executive/kinds/policy-breif.hbs'), line: 1, column: 1, hint: 'did you mean "policy-brief"?' },
      { file: at('templates/audiences/analysts'), line: 1, column: 1, hint: 'did you mean "analyst"?' },
      { file: at('styles/audiences/executiv.css'), line: 1, column: 1, hint: 'did you mean "executive"?' },
    ]));
    expect(found).toHaveLength(4);
    expect(r.warnings.find((w) => w.file.endsWith('judgment.hbs'))!.message).toContain('audience "executive" overrides "judgment", which is no shared partial or layout');
  });

  it('fails check on a broken override, located in it, before any build', async () => {
    const { root, check } = await project({ 'templates/audiences/analyst/notes.hbs': '<ol>\n{{#each footnotes}}<li>{{quote}}</li>\n</ol>\n' });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'E_TEMPLATE', file: displayPath(path.join(root, 'templates/audiences/analyst/notes.hbs')) });
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('fails check on a broken kind template of one audience', async () => {
    const { root, check } = await project({ 'templates/audiences/executive/kinds/chronology.hbs': '{{#> document}}\n{{#if events}}\n{{/document}}\n' });
    const r = await check();
    expect(r.errors.map((e) => [e.code, e.file])).toEqual([['E_TEMPLATE', displayPath(path.join(root, 'templates/audiences/executive/kinds/chronology.hbs'))]]);
  });
});
