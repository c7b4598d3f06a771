#!/usr/bin/env node
// Compiles pipeline/ (TypeScript) to dist/ (JavaScript) with esbuild, so that `brief` starts without
// transpiling anything. `npm ci` runs it ("prepare"); bin/brief.js runs it again when the sources
// have changed since (see sourceStamp), so dist/ never holds stale code that gets run.
//
//   node scripts/compile.mjs             compile now
//   node scripts/compile.mjs --if-stale  compile only when dist/ does not match pipeline/
//
// One bundle split into chunks: an entry for the CLI and one per command module, and every
// `await import()` of a command or a stage stays a separate chunk, loaded only when called.
// npm packages stay external (imported from node_modules at run time); templates and styles are
// read from the project folder at run time, never bundled. Source maps sit beside each file
// (NODE_OPTIONS=--enable-source-maps shows pipeline/*.ts lines in stack traces; off by default,
// as it slows a build's start by reading every package's maps).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.join(ROOT, 'pipeline');
export const DIST = path.join(ROOT, 'dist');

const ESBUILD = path.join(ROOT, 'node_modules', 'esbuild', 'package.json');

/** Every file whose change calls for a new compile: pipeline/**\/*.ts and this script. */
function sourceFiles() {
  const files = readdirSync(SOURCES, { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(SOURCES, f));
  return [...files.sort(), fileURLToPath(import.meta.url)];
}

const stampOf = (files) => {
  const hash = createHash('sha256');
  for (const file of files) {
    const s = statSync(file);
    hash.update(`${path.relative(ROOT, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
};

/**
 * What the sources look like now: a hash of every file's path, size and modification time (~70
 * stat calls, a millisecond or two), then one of esbuild's package.json (rewritten by every
 * `npm ci`), or "none" where the development dependencies were pruned. Any saved, added, removed
 * or renamed file changes it. Undefined when there are no sources to compare with, as in the
 * published package (dist/ is then taken as it is).
 */
export function sourceStamp() {
  // The published package ships dist/ and no TypeScript (pipeline/ holds only the specimen corpus).
  if (!existsSync(path.join(SOURCES, 'cli.ts'))) return undefined;
  return `${stampOf(sourceFiles())}:${existsSync(ESBUILD) ? stampOf([ESBUILD]) : 'none'}`;
}

const stampIn = (dir) => {
  try {
    return readFileSync(path.join(dir, '.stamp'), 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * True when dist/ was compiled from the sources as they are now. Where esbuild is gone (the
 * development dependencies pruned, as in a container image), the sources alone decide: dist/
 * compiled from them still runs, and nothing could compile it again anyway.
 */
export function isFresh(stamp = sourceStamp()) {
  if (!existsSync(path.join(DIST, 'cli.js'))) return false;
  if (stamp === undefined) return true;
  const was = stampIn(DIST);
  if (was === stamp) return true;
  const [sources, compiler] = stamp.split(':');
  return compiler === 'none' && was?.split(':')[0] === sources;
}

/**
 * The CLI and the command modules its table (commands/index.ts) loads lazily (its `import('…')`
 * calls), so each command has a named file in dist/commands/. (esbuild would split
 * them off anyway, like every other `await import()`, the stages' included.)
 */
function entryPoints() {
  const cli = path.join(SOURCES, 'cli.ts');
  const table = path.join(SOURCES, 'commands', 'index.ts');
  const commands = [...readFileSync(table, 'utf8').matchAll(/import\('(\.{1,2}\/(?:run\/)?[\w-]+\.ts)'\)/g)].map((m) =>
    path.resolve(path.dirname(table), m[1]),
  );
  return [cli, ...new Set(commands)];
}

/**
 * CommonJS packages the compiled code loads with require() rather than import: Node scans a CommonJS
 * module imported from ESM, and every file it re-exports, for its export names (cjs-module-lexer).
 * pdf-lib re-exports some hundred files: importing it took 0.1 s more than requiring it, in every
 * command that prints or reads a PDF.
 */
const REQUIRED = ['pdf-lib'];

/**
 * An esbuild plugin: `import { a } from 'pkg'` of a package in `names` becomes a small module that
 * requires it and exports its names (read from the package now, as installed). The package stays
 * external and is the same module object either way.
 */
function requiredPackages(names) {
  // Read in a process of its own: the package is not loaded into this one (bin/brief.js compiles
  // in the process that then runs the command, and `brief --help` loads no PDF code).
  const namesOf = (pkg) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(pkg)}))))`],
        {
          cwd: ROOT,
        },
      ).toString(),
    );
  return {
    name: 'required-packages',
    setup(build) {
      const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
      build.onResolve({ filter }, (args) =>
        args.namespace === 'required' ? undefined : { path: args.path, namespace: 'required' },
      );
      build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => {
        const keys = namesOf(args.path).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
        return {
          contents: [
            "import { createRequire } from 'node:module';",
            `const lib = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
            'export default lib;',
            `export const { ${keys.join(', ')} } = lib;`,
          ].join('\n'),
          loader: 'js',
          resolveDir: ROOT,
        };
      });
    },
  };
}

/**
 * `carry`: keep the replaced dist/'s chunks (carryChunks), as bin/brief.js does when it compiles
 * on demand beside running processes; `npm ci`, `npm pack` and a compile by hand make a clean dist/.
 *
 * Compiles into a new folder beside dist/ and then puts it in dist/'s place, so a run never sees
 * half a dist/. The stamp is taken before compiling: a file saved meanwhile makes dist/ stale.
 */
export async function compile({ quiet = false, carry = false } = {}) {
  const stamp = sourceStamp();
  const { build } = await import('esbuild');
  const tmp = `${DIST}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: entryPoints(),
      outbase: SOURCES,
      outdir: tmp,
      entryNames: '[dir]/[name]',
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      plugins: [requiredPackages(REQUIRED)],
      sourcemap: 'linked',
      logLevel: quiet ? 'silent' : 'warning',
    });
    if (stamp !== undefined) writeFileSync(path.join(tmp, '.stamp'), stamp);
    if (carry) carryChunks(tmp);
    // Another run may have compiled the same sources meanwhile: keep its dist/ (a process may be
    // loading chunks from it) rather than swapping in an identical one.
    if (stamp !== undefined && isFresh(stamp)) return;
    swapIn(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The chunks a compile took over from the one before it, listed in its dist/chunks/ (not carried again). */
const CARRIED = '.carried';

/**
 * Copies into the new dist/ the chunks of the one it replaces that it does not have itself. A
 * `brief` still running from the old dist/ (a serve, a watch, a worker) loads stages lazily, by
 * the chunk's name, and chunk names are their contents' hashes: it finds the very code it started
 * with, instead of failing on a file that is gone the next time it needs a stage. One generation
 * is kept (chunks the old dist/ had itself carried are not carried again), so they do not pile up.
 */
function carryChunks(tmp) {
  const from = path.join(DIST, 'chunks');
  const to = path.join(tmp, 'chunks');
  if (!existsSync(from) || !existsSync(to)) return;
  let carriedBefore = new Set();
  try {
    carriedBefore = new Set(readFileSync(path.join(from, CARRIED), 'utf8').split('\n').filter(Boolean));
  } catch {
    // none carried before
  }
  const own = new Set(readdirSync(to));
  const carried = [];
  for (const name of readdirSync(from)) {
    if (name === CARRIED || own.has(name) || carriedBefore.has(name) || !name.endsWith('.js')) continue;
    try {
      copyFileSync(path.join(from, name), path.join(to, name));
      carried.push(name);
    } catch {
      // the old dist/ is being replaced by another run: nothing to carry
    }
  }
  writeFileSync(path.join(to, CARRIED), carried.map((n) => `${n}\n`).join(''));
}

/** Renames tmp to dist/, moving an existing dist/ out of the way first. */
function swapIn(tmp) {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(tmp, DIST);
      break;
    } catch (error) {
      if (!['ENOTEMPTY', 'EEXIST', 'EPERM'].includes(error.code) || attempt === 5) throw error;
      const old = `${DIST}.old-${process.pid}-${attempt}`;
      try {
        renameSync(DIST, old);
      } catch (e) {
        if (e.code !== 'ENOENT') throw e; // another run moved it: try again
      }
      rmSync(old, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && isFresh()) process.exit(0);
  const started = performance.now();
  await compile();
  console.error(`brief: compiled pipeline/ to dist/ in ${Math.round(performance.now() - started)} ms`);
}
