// service: what a pack job is made from, named by hashes that mean the same on every machine: the
// corpus fingerprint (every file of the data, templates and styles folders and the source texts,
// by path relative to its folder, and content), the tool's (brief's version, packages, code and
// fonts, as this process started with them), and a job's id (both, with the request). A worker
// checks the corpus it sees and the brief it runs against the job's before making it.
import path from 'node:path';
import { layerDirs, presentationOf } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import type { CorpusIds, PackRequestBody } from '../serve/index.ts';
import { hashOf } from '../run/fingerprint.ts';
import type { FileStamp } from '../run/state.ts';
import { runRoots, World } from '../run/world.ts';
import { diskSource } from '../core/world.ts';

/**
 * The corpus as this process sees it, read through a world (run/world.ts) made for each question:
 * files whose size and time are as the last one saw them are not read again, so asking on every
 * request costs a directory listing, not a read of the corpus.
 */
export class CorpusFingerprint {
  private last: Readonly<Record<string, FileStamp>> = {};
  /** brief as this process runs it: hashed once, at the start (the code it runs does not change after). */
  readonly tool: string;
  constructor(
    private readonly options: Pick<
      RunOptions,
      'dataDir' | 'templatesDir' | 'stylesDir' | 'corpusTemplatesDir' | 'corpusStylesDir' | 'textDirs'
    >,
  ) {
    const world = new World([]);
    this.tool = hashOf({ tool: world.tool(), fonts: world.fonts() });
  }

  async current(): Promise<string> {
    const roots: [string, string][] = [
      ['data', this.options.dataDir],
      ...layerDirs(presentationOf(this.options)).map((l): [string, string] => [l.label, l.dir]),
      ...this.options.textDirs.map((d, i): [string, string] => [`texts${i}`, d]),
    ];
    // Only what a build may read: links out of these folders, pipes and devices are left out (the build reports them).
    const world = new World(runRoots(this.options), this.last);
    const corpus = world.source('service');
    const files: [string, string][] = [];
    for (const [label, dir] of roots) {
      const root = path.resolve(dir);
      for (const file of corpus.list(root).files) {
        const sha = world.hash(file, 'service');
        if (sha !== 'absent') files.push([`${label}/${path.relative(root, file).split(path.sep).join('/')}`, sha]);
      }
    }
    this.last = world.record().files;
    return hashOf(files);
  }
}

/** A pack job's id: 32 hex digits of the corpus and tool fingerprints and the request. */
export const packJobId = (corpus: string, tool: string, r: PackRequestBody, allowUnverified: boolean): string =>
  hashOf({ corpus, tool, audience: r.audience, reports: r.reports, pack: r.pack, date: r.date, allowUnverified }).slice(
    0,
    32,
  );

/**
 * The ids a request may name, read (by load/ids.ts) from the file names, audiences.yaml and the pack
 * files without checking the corpus (a broken corpus fails the job, with its located errors, not the request).
 */
export async function corpusIds(
  dataDir: string,
): Promise<CorpusIds & { labels: ReadonlyMap<string, string>; packTitles: ReadonlyMap<string, string> }> {
  const { loadIds } = await import('../load/ids.ts');
  const ids = loadIds(diskSource([path.resolve(dataDir)]), dataDir);
  return {
    audiences: [...ids.audiences.keys()],
    labels: ids.audiences,
    reports: ids.reports,
    packs: new Map([...ids.packs].map(([id, p]) => [id, [...p.audiences]])),
    packTitles: new Map([...ids.packs].map(([id, p]) => [id, p.title])),
  };
}
