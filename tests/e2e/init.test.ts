// `brief init`: a corpus of one's own, outside this repository, that checks clean and builds at once.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';

const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

describe('brief init', () => {
  it('scaffolds a corpus that checks clean and builds a PDF, from its own folder', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-init-'));
    temps.push(root);
    const made = await brief(['init', 'desk'], {}, root);
    expect(made.code, made.stderr).toBe(0);
    const dir = path.join(root, 'desk');
    for (const f of [
      'brief.config.yaml',
      'data/audiences.yaml',
      'data/claims/example-note-2026.yaml',
      'data/reports/first-brief.md',
      'data/anchors.lock',
    ])
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    expect(made.stderr).toMatch(/next: cd desk && brief build/);
    // Editors that know the corpus: the schemas beside it, named by relative paths any clone can use.
    const settings = JSON.parse(await readFile(path.join(dir, '.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string[]>;
    };
    expect(settings['yaml.schemas']['./.brief/schemas/claims.schema.json']).toEqual(['data/claims/*.yaml']);
    for (const schema of Object.keys(settings['yaml.schemas']))
      expect(existsSync(path.join(dir, schema)), schema).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(root);
    expect(JSON.parse(await readFile(path.join(dir, '.vscode/extensions.json'), 'utf8'))).toEqual({
      recommendations: ['redhat.vscode-yaml'],
    });

    const check = await brief(['check'], {}, dir);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/^ok: 2 claims in 1 source \(2 exact\), 0 warnings$/m);
    const build = await brief(['build', '--date', '2026-02-02'], {}, dir);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(
      /rebuilt first-brief\.team: new document {2}→ out\/pdf\/first-brief\.team\.pdf \(\d pages?\)/,
    );
    expect((await readFile(path.join(dir, 'out/pdf/first-brief.team.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('overwrites nothing: a folder that holds a corpus is refused, exit 2', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-init-'));
    temps.push(root);
    expect((await brief(['init'], {}, root)).code).toBe(0);
    const before = await readFile(path.join(root, 'data/reports/first-brief.md'), 'utf8');
    const again = await brief(['init', '.'], {}, root);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /this folder already holds a data\/ folder; brief init writes only into a new or empty folder, and overwrites nothing/,
    );
    expect(await readFile(path.join(root, 'data/reports/first-brief.md'), 'utf8')).toBe(before);
  });
});

describe('brief schemas', () => {
  it('refreshes the schemas of a corpus after an upgrade, and keeps the editor settings a team has', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-schemas-'));
    temps.push(root);
    expect((await brief(['init'], {}, root)).code).toBe(0);
    const claims = path.join(root, '.brief/schemas/claims.schema.json');
    const current = await readFile(claims, 'utf8');
    await writeFile(claims, '{"title": "from an older brief"}\n');
    await writeFile(path.join(root, '.vscode/settings.json'), '{"editor.tabSize": 2}\n');
    const refreshed = await brief(['schemas'], {}, root);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stderr).toMatch(/wrote 11 JSON Schemas to \.brief\/schemas/);
    expect(refreshed.stderr).toMatch(/kept \.vscode\/settings\.json and \.vscode\/extensions\.json as they are/);
    expect(await readFile(claims, 'utf8')).toBe(current);
    expect(await readFile(path.join(root, '.vscode/settings.json'), 'utf8')).toBe('{"editor.tabSize": 2}\n');
  });
});

describe('the package', () => {
  it('is named so that it does not clash on npm, and ships what runs anywhere: the compiled CLI, the specimen corpus, templates and styles, and no TypeScript', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { name: string; bin: Record<string, string> };
    expect(pkg.name).toBe('brief-desk');
    expect(pkg.bin).toEqual({ brief: 'bin/brief.js' });
    const { execFileSync } = await import('node:child_process');
    const listed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as { files: { path: string }[] }[];
    const files = listed[0]!.files.map((f) => f.path);
    for (const f of [
      'bin/brief.js',
      'scripts/compile.mjs',
      'schemas/claims.schema.json',
      'schemas/report.schema.json',
      'dist/cli.js',
      'pipeline/render/specimen/audiences.yaml',
      'templates/policy-brief.hbs',
      'templates/layouts/document.hbs',
      'styles/base.css',
      'README.md',
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => /^(tests|data|out|node_modules)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });
});
