// Starting brief: the executable runs the CLI compiled to dist/, `--help` loads none of the heavy
// packages, and an edited source is compiled again before it runs, never stale.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = path.resolve('.');
const RECORDER = path.join(ROOT, 'tests/support/record-imports.mjs');
/** What `brief --help` must not load: each costs tens to hundreds of milliseconds. */
const HEAVY = [
  'puppeteer',
  'puppeteer-core',
  'vega',
  'vega-lite',
  'ajv',
  'pdf-lib',
  'fontkit',
  'zod',
  'yaml',
  'handlebars',
];

const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

// The same compile `npm ci` runs; a no-op when dist/ matches pipeline/.
beforeAll(async () => {
  await exec(process.execPath, [path.join(ROOT, 'scripts/compile.mjs'), '--if-stale']);
});

/** Runs `node <root>/bin/brief.js args` and returns its output and every module it loaded. */
async function start(args: string[], root = ROOT): Promise<{ stdout: string; stderr: string; loaded: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'brief-start-'));
  temps.push(dir);
  const record = path.join(dir, 'loaded.txt');
  const { stdout, stderr } = await exec(
    process.execPath,
    ['--import', pathToFileURL(RECORDER).href, path.join(root, 'bin/brief.js'), ...args],
    {
      env: { ...process.env, BRIEF_RECORD_IMPORTS: record },
    },
  );
  const loaded = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
  return { stdout, stderr, loaded };
}

const packagesIn = (loaded: string[], names: readonly string[]) => [
  ...new Set(loaded.flatMap((m) => names.filter((name) => m.includes(`/node_modules/${name}/`)))),
];

describe('brief starts', () => {
  it('--help runs the compiled CLI and loads none of the heavy packages', async () => {
    const { stdout, loaded } = await start(['--help']);
    expect(stdout).toContain('Usage: brief <command> [options]');
    expect(loaded).toContain(pathToFileURL(path.join(ROOT, 'dist/cli.js')).href);
    expect(packagesIn(loaded, ['tsx'])).toEqual([]);
    expect(packagesIn(loaded, HEAVY)).toEqual([]);
  });

  it('a build with nothing to do loads no browser, chart, template or PDF library', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'brief-noop-'));
    temps.push(dir);
    const args = [
      'build',
      '--html',
      '--data',
      path.join(ROOT, 'pipeline/render/specimen'),
      '--out',
      path.join(dir, 'out'),
      '--date',
      '2024-01-15',
    ];
    await start(args);
    const { stderr, loaded } = await start(args);
    expect(stderr).toContain('kept 4 documents');
    expect(
      packagesIn(loaded, [
        'puppeteer',
        'puppeteer-core',
        'vega',
        'vega-lite',
        'ajv',
        'pdf-lib',
        'fontkit',
        'handlebars',
        'zod',
        'yaml',
      ]),
    ).toEqual([]);
  });

  it('brief editions loads no printing, charting, template or corpus-validation code (it had pdf-lib and puppeteer through makePack)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'brief-editions-'));
    temps.push(dir);
    const { stderr, loaded } = await start([
      'editions',
      '--data',
      path.join(ROOT, 'pipeline/render/specimen'),
      '--out',
      path.join(dir, 'out'),
      '--archive',
      path.join(dir, 'editions'),
    ]);
    expect(stderr).toContain('no editions in');
    expect(
      packagesIn(loaded, [
        'puppeteer',
        'puppeteer-core',
        'vega',
        'vega-lite',
        'ajv',
        'pdf-lib',
        'fontkit',
        'handlebars',
        'markdown-it',
      ]),
    ).toEqual([]);
    expect(loaded.filter((m) => /\/dist\/chunks\/(?:validate|chart|render|print)-/.test(m))).toEqual([]);
  });

  it('--version prints the version in package.json', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await start(['--version']);
    expect(stdout).toBe(`${version}\n`);
  });

  it('build --help prints the options of build, and loads nothing heavy either', async () => {
    const { stdout, loaded } = await start(['build', '--help']);
    expect(stdout).toContain('Usage: brief build [options]');
    for (const flag of [
      '--audience',
      '--report',
      '--date',
      '--allow-unverified',
      '--force',
      '--html',
      '--data',
      '--out',
      '--json',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(packagesIn(loaded, HEAVY)).toEqual([]);
  });
});

describe('brief never runs stale code', () => {
  /** A copy of the tool (sources, executable, compile script) using this project's node_modules. */
  async function copyOfTool(): Promise<string> {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-tool-'));
    temps.push(root);
    for (const part of ['bin', 'scripts', 'pipeline', 'package.json'])
      await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
    await symlink(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    return root;
  }

  it('compiles when dist/ is missing, and again when a source changed', async () => {
    const root = await copyOfTool();
    const first = await start(['--help'], root);
    expect(first.stdout).toContain('Usage: brief <command> [options]');
    expect(first.loaded).toContain(pathToFileURL(path.join(root, 'dist/cli.js')).href);

    const cli = path.join(root, 'pipeline/cli.ts');
    await writeFile(
      cli,
      (await readFile(cli, 'utf8')).replace(
        "'Usage: brief <command> [options]'",
        "'Usage: brief <command> [options] (edited)'",
      ),
    );
    const second = await start(['--help'], root);
    expect(second.stdout).toContain('Usage: brief <command> [options] (edited)');
    expect(packagesIn(second.loaded, ['tsx'])).toEqual([]);
  });

  it('keeps the chunks of the dist/ it replaces, for a brief still running from it, one compile long', async () => {
    const root = await copyOfTool();
    const chunks = () => readdir(path.join(root, 'dist', 'chunks'));
    /** Edits the suggest module (a chunk of its own name) so that its chunk gets a new hash. */
    const edit = async (n: number) => {
      const file = path.join(root, 'pipeline/core/suggest.ts');
      await writeFile(file, `${await readFile(file, 'utf8')}\nexport const edited${n} = ${n};\n`);
    };
    await start(['--version'], root);
    const first = (await chunks()).filter((c) => c.endsWith('.js'));
    await edit(1);
    await start(['--version'], root);
    const second = await chunks();
    // A process started before the edit finds every chunk it could still import.
    expect(first.filter((c) => !second.includes(c))).toEqual([]);
    const carried = (await readFile(path.join(root, 'dist/chunks/.carried'), 'utf8')).split('\n').filter(Boolean);
    expect(carried.length).toBeGreaterThan(0);
    await edit(2);
    await start(['--version'], root);
    // One generation only: what the second compile carried is gone after the third.
    const third = await chunks();
    expect(carried.filter((c) => third.includes(c))).toEqual([]);
  });

  it('runs dist/ as compiled where the development packages were pruned, and says so plainly once a source changed', async () => {
    const root = await copyOfTool();
    await start(['--help'], root); // compiled with esbuild at hand
    // As `npm prune --omit=dev` leaves it: every package but the compiler and tsx.
    await rm(path.join(root, 'node_modules'));
    await mkdir(path.join(root, 'node_modules'));
    for (const name of await readdir(path.join(ROOT, 'node_modules')))
      if (!['esbuild', '@esbuild', 'tsx', '.bin'].includes(name))
        await symlink(path.join(ROOT, 'node_modules', name), path.join(root, 'node_modules', name), 'dir');
    const pruned = await start(['--version'], root);
    expect(pruned.stderr).toBe('');
    expect(packagesIn(pruned.loaded, ['esbuild', 'tsx'])).toEqual([]);

    const cli = path.join(root, 'pipeline/cli.ts');
    await writeFile(cli, `${await readFile(cli, 'utf8')}\n`);
    const failed = await start(['--version'], root).catch((e: { stderr: string; code: number }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain('tsx is not installed either; run `npm ci`');
  });

  it('runs the sources through tsx when it cannot compile', async () => {
    const root = await copyOfTool();
    await writeFile(path.join(root, 'dist'), 'a file where the dist/ folder should be\n');
    const { stdout, stderr, loaded } = await start(['--help'], root);
    expect(stderr).toContain('running the TypeScript sources through tsx');
    expect(stdout).toContain('Usage: brief <command> [options]');
    expect(packagesIn(loaded, ['tsx'])).toEqual(['tsx']);
    expect(packagesIn(loaded, HEAVY)).toEqual([]);
  });

  it('the published package runs its compiled JavaScript and needs no compiler', async () => {
    const { stdout } = await exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files: string[] = JSON.parse(stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/cli.js');
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).not.toContain('esbuild');
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');

    // Exactly the files npm would publish, beside the installed packages: it runs without compiling.
    const root = await mkdtemp(path.join(tmpdir(), 'brief-published-'));
    temps.push(root);
    await Promise.all(
      files.map((f) => cp(path.join(ROOT, f), path.join(root, f), { recursive: true, dereference: true })),
    );
    await symlink(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    const { stdout: version, stderr, loaded } = await start(['--version'], root);
    expect(version.trim()).toBe(manifest.version);
    expect(stderr).toBe('');
    expect(packagesIn(loaded, ['esbuild', 'tsx'])).toEqual([]);
  });
});
