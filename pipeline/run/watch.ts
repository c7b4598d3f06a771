// run: watchLoop (`brief watch`, `brief serve`'s preview): build, then rebuild what each saved change affects. A burst of saves is one
// rebuild; one browser stays open between rebuilds; a located error is printed and watching goes
// on; Ctrl-C or SIGTERM closes the watcher and the browser and exits 0. The loop itself
// (watchLoop) also drives `brief serve`'s live preview, which is told of every rebuild.
import path from 'node:path';
import { layerDirs, presentationOf } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import { InputError, RenderError } from '../core/diagnostics.ts';
import { printDiagnostics, type Io } from '../core/output.ts';
import { displayPath } from '../core/paths.ts';
import type { BrowserSession } from '../print/session.ts';
import { buildDocuments, reportBuild, type BuildResult } from './build.ts';
import { plural } from '../core/plural.ts';
import { Warm } from './warm.ts';

/** Saves within this many milliseconds of each other make one rebuild. */
const DEBOUNCE_MS = 50;

/** What one rebuild came to: the documents, or the error that stopped it (the outputs are as they were). */
export type Rebuilt =
  | { readonly result: BuildResult; readonly error?: undefined }
  | { readonly result?: undefined; readonly error: InputError | RenderError };

/** Builds, then rebuilds on every burst of saves, until `stopped` resolves; each outcome goes to `onRebuilt`. */
export async function watchLoop(
  options: RunOptions,
  session: BrowserSession,
  io: Io,
  stopped: Promise<void>,
  onRebuilt: (r: Rebuilt) => void = () => undefined,
): Promise<void> {
  const out = path.resolve(options.outDir);
  // Compiled templates, the chart renderer and the template check's findings outlive each rebuild, as the browser does.
  const warm = new Warm();
  const rebuild = async (cause: string) => {
    const started = Date.now();
    try {
      const result = await buildDocuments(options, { session, progress: io.progress, notify: io.info, warm });
      io.progress('');
      printDiagnostics(io, result.warnings);
      if (result.documents.every((d) => d.status === 'kept') && result.removed.length === 0)
        io.info(`${cause}: nothing to redo (${Date.now() - started} ms)`);
      else reportBuild(io, result, Date.now() - started);
      onRebuilt({ result });
    } catch (err) {
      io.progress('');
      if (err instanceof InputError) {
        printDiagnostics(io, [...err.diagnostics, ...err.warnings]);
        io.err(`${plural(err.diagnostics.length, 'problem')}; the outputs are as they were. Watching for a fix…`);
      } else if (err instanceof RenderError) {
        io.err(`brief: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}`);
        await session.reset(); // a browser that died is started afresh next time
      } else {
        // The file system said no mid-watch (a file replaced by a folder, a permission taken away):
        // said plainly, and watching goes on; anything else is our bug and stops the watch.
        const fs = fileSystemError(err);
        if (!fs) throw err;
        io.err(`brief: ${fs.message}\n  hint: ${fs.hint}`);
        onRebuilt({ error: fs });
        return;
      }
      onRebuilt({ error: err });
    }
  };

  await rebuild('start');
  const { watch } = await import('chokidar');
  // The corpus's templates and styles are watched where they would be even before they exist: the first override counts.
  const corpusLayers = [options.corpusTemplatesDir, options.corpusStylesDir].filter(
    (d): d is string => d !== undefined,
  );
  const watched = [
    ...new Set(
      [
        options.dataDir,
        ...layerDirs(presentationOf(options)).map((l) => l.dir),
        ...corpusLayers,
        ...options.textDirs,
      ].map((d) => path.resolve(d)),
    ),
  ];
  const watcher = watch(watched, {
    ignoreInitial: true,
    ignored: (file: string) => file === out || file.startsWith(`${out}${path.sep}`),
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  io.info(`watching ${watched.map((d) => displayPath(d)).join(', ')} (Ctrl-C to stop)`);

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending: string[] = [];
  const run = async () => {
    if (running) return;
    const changed = pending;
    pending = [];
    const cause = changed.length === 1 ? `${displayPath(changed[0]!)} changed` : `${changed.length} files changed`;
    running = rebuild(cause);
    await running;
    running = undefined;
    if (pending.length) timer = setTimeout(() => void run(), DEBOUNCE_MS);
  };
  watcher.on('all', (_event, file) => {
    pending.push(file);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  await stopped;
  clearTimeout(timer);
  await watcher.close();
  await running;
}

/** A file-system refusal (an errno error naming a path) as a RenderError in plain words; undefined for anything else. */
export function fileSystemError(err: unknown): RenderError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || !/^E[A-Z]+$/.test(e.code) || !e.path) return undefined;
  const reasons: Record<string, string> = {
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'has a file where a folder should be',
    EACCES: 'may not be read (permission denied)',
    EPERM: 'may not be read (permission denied)',
    ENOENT: 'is gone',
    ELOOP: 'is a loop of links',
  };
  return new RenderError(
    `${displayPath(e.path) || e.path} ${reasons[e.code] ?? `cannot be read (${e.code})`}; the outputs are as they were. Watching for a fix…`,
    'put the file back as it was (or fix its permissions), and save again',
    { cause: err },
  );
}
