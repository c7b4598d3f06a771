// Test support: a corpus held in memory (core/world.ts's memoryWorld) and checked through the run's
// world (World.over): load, validate, model, anchor with the texts and the lock, and the template
// check, with no disk to write to and no orchestrator. brief's own templates and styles are in the
// same memory, at their real paths: a check compiles them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledFonts } from '../../pipeline/config/fonts.ts';
import { presentationOf } from '../../pipeline/config/layers.ts';
import type { RunOptions } from '../../pipeline/config/options.ts';
import { displayPath } from '../../pipeline/core/paths.ts';
import { type FileSource, memoryWorld } from '../../pipeline/core/world.ts';
import { createHtmlRenderer, type RenderedHtml } from '../../pipeline/render/index.ts';
import { type CheckResult, checkCorpus } from '../../pipeline/run/check.ts';
import type { LockRead } from '../../pipeline/run/lock-file.ts';
import type { InputSnapshot } from '../../pipeline/run/state.ts';
import { World } from '../../pipeline/run/world.ts';
import { type Selection, selectReport } from '../../pipeline/select/index.ts';
import { MINI } from './corpus.ts';
import { optionsFor } from './options.ts';

/** The sample corpus (the project's data/), whose audiences' own templates are in brief's folders. */
export const SAMPLE = path.resolve('data');

/** A snapshot as a build leaves it: the world's record, and the rest empty. */
export const snapshotOf = (world: World): InputSnapshot => ({
  ...world.record(),
  key: '',
  tool: '',
  fonts: '',
  browser: '',
  documents: [],
  warnings: [],
});

/** Where a corpus in memory seems to be. */
const MEMORY_DATA = '/memory/data';

/** The text of every file under a folder on the disk, by path relative to it; read once per worker. */
const read = new Map<string, ReadonlyMap<string, string>>();
function filesUnder(dir: string): ReadonlyMap<string, string> {
  let files = read.get(dir);
  if (!files) {
    const texts = new Map<string, string>();
    for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (e.isFile()) {
        const file = path.join(e.parentPath, e.name);
        texts.set(path.relative(dir, file), readFileSync(file, 'utf8'));
      }
    files = texts;
    read.set(dir, files);
  }
  return files;
}

export interface MemoryCorpus {
  /** The corpus's files and brief's templates and styles, as a FileSource. */
  readonly files: FileSource;
  /** The data folder the corpus seems to be in. */
  readonly data: string;
  /** Run options for it (no texts folder besides its own; a fixed edition date). */
  readonly options: RunOptions;
  /** A file's path as diagnostics show it. */
  rel(file: string): string;
  /** The text of a file as diagnostics name it (bad bytes replaced), or undefined when it is not there. */
  text(file: string): string | undefined;
  /** A fresh world over the corpus: what a run would read, recorded. */
  world(): World;
  /** `brief check` on it; `templates: false` skips the template check. */
  check(opts?: { templates?: boolean; lockRead?: LockRead; options?: Partial<RunOptions> }): Promise<CheckResult>;
  /** A report's selection for an audience, from a check of this corpus (verified quotes only). */
  select(checked: CheckResult, report: string, audience: string): Selection;
  /** Its HTML, with brief's templates and styles read from this memory; no chart drawn. */
  render(selection: Selection): RenderedHtml;
}

/**
 * A corpus in memory: the mini corpus (or `from`, a folder on the disk such as the sample's `data/`,
 * whose audiences' own templates are in brief's folders, or `null` for none) with
 * `changes` laid over it (a file's text, or null to delete it); `extra` are files at other paths
 * (relative to the data folder's parent, or absolute): a texts folder, or one of brief's own
 * templates changed (its real path: the same files are listed, the changed one is read).
 */
export function memoryCorpus(
  changes: Record<string, string | Uint8Array | null> = {},
  {
    from = MINI,
    extra = {},
    options = {},
    data = MEMORY_DATA,
  }: {
    from?: string | null;
    extra?: Record<string, string>;
    options?: Partial<RunOptions>;
    /** The folder the corpus seems to be in (absolute). */
    data?: string;
  } = {},
): MemoryCorpus {
  const all = new Map<string, string | Uint8Array>();
  for (const dir of ['templates', 'styles'])
    for (const [rel, text] of filesUnder(path.resolve(dir))) all.set(path.resolve(dir, rel), text);
  if (from) for (const [rel, text] of filesUnder(from)) all.set(path.join(data, rel), text);
  for (const [rel, text] of Object.entries(changes)) {
    if (text === null) all.delete(path.join(data, rel));
    else all.set(path.join(data, rel), text);
  }
  for (const [rel, text] of Object.entries(extra)) all.set(path.resolve(path.dirname(data), rel), text);
  const files = memoryWorld(all, data);
  const runOptions = optionsFor(data, path.join(path.dirname(data), 'out'), { textDirs: [], ...options });
  const corpus: MemoryCorpus = {
    files,
    data,
    options: runOptions,
    rel: (file) => displayPath(path.join(data, file)),
    text: (file) => {
      const read = files.read(path.resolve(file));
      return 'bytes' in read ? new TextDecoder('utf-8').decode(read.bytes) : undefined;
    },
    world: () => World.over(files, runOptions),
    check: ({ templates = true, lockRead, options: more = {} } = {}) => {
      const o = { ...runOptions, ...more };
      return checkCorpus(o, lockRead, { templates }, World.over(files, o));
    },
    select: (checked, report, audience) =>
      selectReport(
        checked.model!,
        checked.anchoring!,
        checked.model!.reports.find((r) => r.id === report)!,
        checked.model!.audiences.get(audience)!,
        { allowUnverified: false },
      ),
    render: (selection) =>
      createHtmlRenderer({
        presentation: presentationOf(runOptions),
        fonts: bundledFonts(),
        editionDate: runOptions.editionDate,
        files: World.over(files, runOptions).source('render'),
      }).renderHtml(selection, []),
  };
  return corpus;
}
