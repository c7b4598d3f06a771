// run: the world of one run, through which every input is read: the corpus under the data folder,
// the source texts, the evidence lock, the templates and styles of every layer, the fonts, brief's
// own version, lockfile and code, and the browser's identity. Each file is read once and hashed
// once (its size and time in front of sha256: a file whose stamp is as the last run left it is not
// read to be hashed), and recorded with the stages that asked for it. What a run depends on is then
// read off that record: the snapshot a build stops at when nothing changed, the hashes documents
// and packs are fingerprinted by, a service job's corpus id, an edition's inputs. The corpus's files
// come from the disk (World.of) or from any FileSource (World.over: a corpus held in memory, which
// the unit tests check without a disk); brief's own files are always read from the disk.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledFonts } from '../config/fonts.ts';
import { layerDirs, presentationOf } from '../config/layers.ts';
import { PROJECT_ROOT, type RunOptions } from '../config/options.ts';
import { type InputListing, inputRoots, readInputSync } from '../core/inputs-fs.ts';
import { diskSource, type FileSource, type InputRead, statOnDisk } from '../core/world.ts';
import type { FileStamp, InputSnapshot } from './state.ts';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A file as the world recorded it: its stamp and the stages that asked for it. */
type RecordedFile = InputSnapshot['files'][string];

/** Stages that read brief's own files (its code, its packages, its fonts), which lie outside the corpus's folders. */
const OWN = new Set(['tool', 'fonts']);

/** What every output of a run depends on besides the corpus. */
export interface RunInputs {
  /** Package version, lockfile and the tool's own code. */
  readonly tool: string;
  /** The bundled font files. */
  readonly fonts: string;
  /** The browser binary (path, size, time); "none" when no browser was found, "endpoint" for one reached over the network. */
  readonly browser: string;
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

/** Every file under `dir`, recursively (absolute paths, sorted); none when it does not exist. */
function ownFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** What a folder lists, as one hash: a file added, removed or renamed changes it. */
const namesHash = (listing: InputListing): string =>
  sha256([...listing.files, ...listing.problems.map((d) => path.resolve(d.file))].sort().join('\n'));

export class World {
  /** Bytes read this run (or why a file is no input): each file is read once. */
  private readonly reads = new Map<string, InputRead>();
  /** Stamps known this run. */
  private readonly stamps = new Map<string, FileStamp>();
  /** File → the stages that asked for it. */
  private readonly asked = new Map<string, Set<string>>();
  /** Folder → the names listed in it; path → whether it was there: what was looked for counts too. */
  private readonly listings = new Map<string, string>();
  private readonly probes = new Map<string, boolean>();
  /** Where the corpus's files are read from: the disk inside `roots`, unless another source is given. */
  private readonly files: FileSource;

  constructor(
    readonly roots: readonly string[],
    /** The stamps the last run recorded: an unchanged size and time reuse its hash. */
    private readonly previous: Readonly<Record<string, FileStamp>> = {},
    files?: FileSource,
  ) {
    this.files = files ?? diskSource(roots);
  }

  static of(options: RunOptions, previous?: InputSnapshot): World {
    return new World(runRoots(options), previous?.files ?? {});
  }

  /**
   * A world whose corpus, texts, lock, templates and styles come from `files` (core/world.ts's
   * memoryWorld: a corpus held in memory) instead of the disk. A source with no file times (memory)
   * has every file hashed from its bytes; brief's own code and fonts are still read from the disk.
   */
  static over(files: FileSource, options: RunOptions, previous?: InputSnapshot): World {
    return new World(runRoots(options), previous?.files ?? {}, files);
  }

  private ask(file: string, stage: string): void {
    const stages = this.asked.get(file) ?? new Set<string>();
    stages.add(stage);
    this.asked.set(file, stages);
  }

  private readBytes(file: string, own: boolean): InputRead {
    const known = this.reads.get(file);
    if (known) return known;
    let read: InputRead;
    if (own) {
      try {
        read = { bytes: readFileSync(file) };
      } catch {
        read = readInputSync(file, []);
      }
    } else read = this.files.read(file);
    this.reads.set(file, read);
    return read;
  }

  /** The file's size, and its time where its source keeps one (the disk); undefined when no file is there. */
  private statOf(file: string, own: boolean): { size: number; mtimeMs?: number } | undefined {
    if (own) return statOnDisk(file);
    if (this.files.stat) return this.files.stat(file);
    const checked = this.files.inspect(file);
    return checked.problem ? undefined : { size: checked.size };
  }

  /** The file's sha256, through the stamp cache; "absent" when it is no input (missing, a link out, a pipe). */
  private stampOf(file: string, own: boolean): string {
    const known = this.stamps.get(file);
    if (known) return known.sha256;
    const s = this.statOf(file, own);
    if (!s) return 'absent';
    const before = this.previous[file];
    let sha: string;
    if (before && s.mtimeMs !== undefined && before.size === s.size && before.mtimeMs === s.mtimeMs)
      sha = before.sha256;
    else {
      const read = this.readBytes(file, own);
      if (!('bytes' in read)) return 'absent';
      sha = sha256(read.bytes);
    }
    // A file with no time (memory) records 0: never taken for unchanged by its time alone.
    this.stamps.set(file, { size: s.size, mtimeMs: s.mtimeMs ?? 0, sha256: sha });
    return sha;
  }

  /** The content hash of an input file, recorded as asked for by `stage`; "absent" when it is none. */
  hash(file: string, stage: string): string {
    const abs = path.resolve(file);
    const sha = this.stampOf(abs, OWN.has(stage));
    if (sha === 'absent') this.probes.set(abs, false);
    else this.ask(abs, stage);
    return sha;
  }

  /** The inputs as `stage` reads them: every read and every look recorded under its name. */
  source(stage: string): FileSource {
    return {
      list: (dir) => {
        const listing = this.files.list(dir);
        this.listings.set(path.resolve(dir), namesHash(listing));
        return listing;
      },
      exists: (file) => {
        const there = this.files.exists(file);
        this.probes.set(path.resolve(file), there);
        return there;
      },
      inspect: (file, options) => this.files.inspect(file, options),
      read: (file, options) => {
        const abs = path.resolve(file);
        // Bounds and the place a refusal is said at differ between callers: checked on each read.
        const checked = this.files.inspect(abs, options);
        if (checked.problem) return checked;
        const read = this.readBytes(abs, false);
        if ('bytes' in read) {
          this.stampOf(abs, false);
          this.ask(abs, stage);
        }
        return read;
      },
    };
  }

  /** Hashes every file of the data, templates and styles folders (each folder's listing recorded too). */
  stampAll(options: RunOptions): void {
    const all = this.source('build');
    for (const dir of [path.resolve(options.dataDir), ...layerDirs(presentationOf(options)).map((l) => l.dir)])
      for (const file of all.list(dir).files) this.hash(file, 'build');
  }

  /** brief itself: its version, its locked packages and its own code. A new release redoes everything. */
  tool(): string {
    const h = createHash('sha256');
    for (const file of ['package.json', 'package-lock.json']) {
      const abs = path.join(PROJECT_ROOT, file);
      if (existsSync(abs)) h.update(this.hash(abs, 'tool'));
    }
    for (const file of ownFilesUnder(path.join(PROJECT_ROOT, 'pipeline')))
      h.update(file.slice(PROJECT_ROOT.length)).update(this.hash(file, 'tool'));
    return h.digest('hex');
  }

  /** The bundled font files, by name and content. */
  fonts(): string {
    return sha256(
      bundledFonts()
        .flatMap((f) => f.files.map((file) => `${path.basename(file.path)}:${this.hash(file.path, 'fonts')}`))
        .join('\n'),
    );
  }

  /** What every output of a run depends on besides the corpus: the tool, the fonts, the browser. */
  async runInputs(options: RunOptions): Promise<RunInputs> {
    // A browser reached over the network cannot be looked at without connecting: its address stands for it.
    if (options.browser.endpoint) return { tool: this.tool(), fonts: this.fonts(), browser: 'endpoint' };
    // Imported here: commands that read the corpus but print nothing (quote, lock) do not load the printer.
    const { browserIdentity, findBrowser } = await import('../print/browser.ts');
    const choice = await findBrowser(options.browser).catch(() => undefined);
    return { tool: this.tool(), fonts: this.fonts(), browser: choice ? browserIdentity(choice) : 'none' };
  }

  /** Every file recorded, with its stamp and who asked; the folders listed and the paths looked for. */
  record(): Pick<InputSnapshot, 'files' | 'listings' | 'probes'> {
    const files: Record<string, RecordedFile> = {};
    for (const [file, stages] of [...this.asked].sort(([a], [b]) => a.localeCompare(b))) {
      const stamp = this.stamps.get(file);
      if (stamp) files[file] = { ...stamp, stages: [...stages].sort() };
    }
    return {
      files,
      listings: Object.fromEntries([...this.listings].sort()),
      probes: Object.fromEntries([...this.probes].sort()),
    };
  }

  /** The files `stages` asked for, by path, with their hashes (every stage when none is named). */
  hashes(stages?: readonly string[]): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.record().files)
        .filter(([, r]) => !stages || r.stages.some((s) => stages.includes(s)))
        .map(([file, r]) => [file, r.sha256]),
    );
  }

  /**
   * True when every file, folder and path the last run recorded is as it was then. Texts are always
   * hashed again (a text edited while the last build read it must not pass for unchanged).
   */
  unchangedSince(snapshot: InputSnapshot): boolean {
    for (const [file, before] of Object.entries(snapshot.files)) {
      const own = before.stages.some((st) => OWN.has(st));
      const s = this.statOf(file, own);
      if (!s || s.size !== before.size) return false;
      if (s.mtimeMs === before.mtimeMs && !before.stages.includes('anchor')) continue;
      const read = this.readBytes(file, own);
      if (!('bytes' in read) || sha256(read.bytes) !== before.sha256) return false;
    }
    for (const [file, was] of Object.entries(snapshot.probes)) if (this.files.exists(file) !== was) return false;
    for (const [dir, names] of Object.entries(snapshot.listings)) if (this.listingHash(dir) !== names) return false;
    return true;
  }

  /** The hash of what `dir` lists, as recorded by `list`. */
  listingHash(dir: string): string {
    return namesHash(this.files.list(dir));
  }
}
