// run: the inputs of a run as files on disk, without parsing them. A build snapshots them; the
// next build compares (size and time first, content hash when they differ) and, when nothing
// changed and every output is in place, stops there: no parsing, no browser, no rendering.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { bundledFonts } from '../config/fonts.ts';
import { layerDirs, presentationOf } from '../config/layers.ts';
import { PROJECT_ROOT, type RunOptions } from '../config/options.ts';
import { inputRoots, inspectInput, listInputs, readInputSync } from '../core/inputs-fs.ts';
import { browserIdentity, findBrowser } from '../print/browser.ts';
import type { RunInputs } from './fingerprint.ts';
import type { BuildState, FileStamp, InputSnapshot } from './state.ts';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Every file under `dir`, recursively (absolute paths); none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.join(e.parentPath ?? (e as { path: string }).path, e.name))
    .sort();
}

/** brief itself: its version, its locked packages and its own code. A new release redoes everything. */
export function toolHash(): string {
  const h = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) {
    const abs = path.join(PROJECT_ROOT, file);
    if (existsSync(abs)) h.update(readFileSync(abs));
  }
  for (const file of filesUnder(path.join(PROJECT_ROOT, 'pipeline')))
    h.update(file.slice(PROJECT_ROOT.length)).update(readFileSync(file));
  return h.digest('hex');
}

/** The bundled font files, by name and size (their content is pinned by the lockfile too). */
export function fontsHash(): string {
  return sha256(
    bundledFonts()
      .flatMap((f) => f.files.map((file) => `${path.basename(file.path)}:${statSync(file.path).size}`))
      .join('\n'),
  );
}

/** What every output of a run depends on besides the corpus: the tool, the fonts, the browser. */
export async function runInputs(options: RunOptions): Promise<RunInputs> {
  // A browser reached over the network cannot be looked at without connecting: its address stands for it.
  if (options.browser.endpoint) return { tool: toolHash(), fonts: fontsHash(), browser: 'endpoint' };
  const choice = await findBrowser(options.browser).catch(() => undefined);
  return { tool: toolHash(), fonts: fontsHash(), browser: choice ? browserIdentity(choice) : 'none' };
}

/** The options that shape outputs; a build under other options never takes the shortcut. */
export function optionsKey(options: RunOptions, print: boolean): string {
  return JSON.stringify({
    data: path.resolve(options.dataDir),
    out: path.resolve(options.outDir),
    texts: options.textDirs.map((d) => path.resolve(d)),
    layers: layerDirs(presentationOf(options)).map((l) => `${l.label}:${l.dir}`),
    audiences: options.audiences,
    reports: options.reports,
    allowUnverified: options.allowUnverified,
    defaultAudiences: options.defaultAudiences?.ids ?? null,
    date: options.editionDateGiven ? options.editionDate : null,
    print,
  });
}

/**
 * The folders a run may read inputs from: the data folder, each templates and styles layer, each
 * folder named for texts. A link anywhere else is no input (load and anchor say so, located).
 */
export function runRoots(
  options: Pick<
    RunOptions,
    'dataDir' | 'templatesDir' | 'stylesDir' | 'corpusTemplatesDir' | 'corpusStylesDir' | 'textDirs'
  >,
): string[] {
  return inputRoots([
    path.resolve(options.dataDir),
    ...layerDirs(presentationOf(options)).map((l) => l.dir),
    ...options.textDirs,
  ]);
}

/** Every input file of the run; links out of its folders, pipes and devices are left out (load reports them). */
function inputFiles(options: RunOptions, roots: readonly string[]): string[] {
  return [path.resolve(options.dataDir), ...layerDirs(presentationOf(options)).map((l) => l.dir)].flatMap(
    (d) => listInputs(d, roots).files,
  );
}

/** The file's sha256, or undefined when it is no input (gone, or swapped for a pipe since it was listed). */
function hashInput(file: string, roots: readonly string[]): string | undefined {
  const read = readInputSync(file, roots);
  return 'bytes' in read ? sha256(read.bytes) : undefined;
}

/** Stamps every input file, reusing the previous hash where size and time are unchanged. */
export function stampFiles(options: RunOptions, previous: InputSnapshot | undefined): Record<string, FileStamp> {
  const stamps: Record<string, FileStamp> = {};
  const roots = runRoots(options);
  for (const file of inputFiles(options, roots)) {
    let s;
    try {
      s = statSync(file);
    } catch {
      continue; // a dangling link: load reports it
    }
    const before = previous?.files[file];
    const sha =
      before && before.size === s.size && before.mtimeMs === s.mtimeMs ? before.sha256 : hashInput(file, roots);
    if (sha === undefined) continue;
    stamps[file] = { size: s.size, mtimeMs: s.mtimeMs, sha256: sha };
  }
  return stamps;
}

/** Where a source text is found: data/sources/text first, then each --texts folder. */
function resolveText(options: RunOptions, name: string): string | undefined {
  const dirs = [path.join(path.resolve(options.dataDir), 'sources', 'text'), ...options.textDirs];
  const roots = runRoots(options);
  return dirs.map((d) => path.resolve(d, name)).find((p) => existsSync(p) && !inspectInput(p, roots).problem);
}

/**
 * True when the last build read exactly these inputs and its outputs are all in place: nothing
 * to do. Texts are always re-hashed (they are few, and a text edited while the last build read
 * it must not pass for unchanged).
 */
export function unchangedSince(
  state: BuildState,
  options: RunOptions,
  current: { key: string; tool: string; fonts: string; browser: string },
  outputsPresent: (names: readonly string[]) => boolean,
): boolean {
  const snap = state.snapshot;
  if (
    !snap ||
    snap.key !== current.key ||
    snap.tool !== current.tool ||
    snap.fonts !== current.fonts ||
    snap.browser !== current.browser
  )
    return false;
  const roots = runRoots(options);
  const files = inputFiles(options, roots);
  if (files.length !== Object.keys(snap.files).length) return false;
  for (const file of files) {
    const before = snap.files[file];
    if (!before) return false;
    let s;
    try {
      s = statSync(file);
    } catch {
      return false;
    }
    if (s.size !== before.size) return false;
    if (s.mtimeMs !== before.mtimeMs && hashInput(file, roots) !== before.sha256) return false;
  }
  for (const [name, was] of Object.entries(snap.texts)) {
    const now = resolveText(options, name);
    if ((now ?? null) !== (was?.path ?? null)) return false;
    if (now && hashInput(now, roots) !== was!.sha256) return false;
  }
  return outputsPresent(snap.documents);
}
