// service: what a pack job is made from, named by hashes that mean the same on every machine: the
// corpus fingerprint (every file of the data, templates and styles folders and the source texts,
// by path relative to its folder, and content), the tool's (brief's version, packages, code and
// fonts, as this process started with them), and a job's id (both, with the request). A worker
// checks the corpus it sees and the brief it runs against the job's before making it.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { layerDirs, presentationOf } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import type { CorpusIds, PackRequestBody } from '../serve/index.ts';
import { hashOf } from '../run/fingerprint.ts';
import { fontsHash, runRoots, toolHash } from '../run/inputs.ts';
import { listInputs, readInput } from '../core/inputs-fs.ts';

interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/**
 * The corpus as this process sees it. Files whose size and time are unchanged are not read again,
 * so asking on every request costs a directory listing, not a read of the corpus.
 */
export class CorpusFingerprint {
  private readonly stamps = new Map<string, Stamp>();
  /** brief as this process runs it: hashed once, at the start (the code it runs does not change after). */
  readonly tool: string;
  constructor(
    private readonly options: Pick<
      RunOptions,
      'dataDir' | 'templatesDir' | 'stylesDir' | 'corpusTemplatesDir' | 'corpusStylesDir' | 'textDirs'
    >,
  ) {
    this.tool = hashOf({ tool: toolHash(), fonts: fontsHash() });
  }

  async current(): Promise<string> {
    const roots: [string, string][] = [
      ['data', this.options.dataDir],
      ...layerDirs(presentationOf(this.options)).map((l): [string, string] => [l.label, l.dir]),
      ...this.options.textDirs.map((d, i): [string, string] => [`texts${i}`, d]),
    ];
    const files: [string, string][] = [];
    // Only what a build may read: links out of these folders, pipes and devices are left out (the build reports them).
    const inside = runRoots(this.options);
    for (const [label, dir] of roots) {
      const root = path.resolve(dir);
      for (const file of listInputs(root, inside).files) {
        const sha = await this.hash(file, inside);
        if (sha) files.push([`${label}/${path.relative(root, file).split(path.sep).join('/')}`, sha]);
      }
    }
    return hashOf(files);
  }

  private async hash(file: string, roots: readonly string[]): Promise<string | undefined> {
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) return undefined; // a dangling link: the build reports it
    const before = this.stamps.get(file);
    if (before && before.size === s.size && before.mtimeMs === s.mtimeMs) return before.sha256;
    const read = await readInput(file, roots);
    if (!('bytes' in read)) return undefined;
    const sha256 = createHash('sha256').update(read.bytes).digest('hex');
    this.stamps.set(file, { size: s.size, mtimeMs: s.mtimeMs, sha256 });
    return sha256;
  }
}

/** A pack job's id: 32 hex digits of the corpus and tool fingerprints and the request. */
export const packJobId = (corpus: string, tool: string, r: PackRequestBody, allowUnverified: boolean): string =>
  hashOf({ corpus, tool, audience: r.audience, reports: r.reports, pack: r.pack, date: r.date, allowUnverified }).slice(
    0,
    32,
  );

/**
 * The ids a request may name, read from the file names and audiences.yaml without checking the
 * corpus (a broken corpus fails the job, with its located errors, not the request).
 */
export async function corpusIds(
  dataDir: string,
): Promise<CorpusIds & { labels: ReadonlyMap<string, string>; packTitles: ReadonlyMap<string, string> }> {
  const { parse } = await import('yaml');
  const data = path.resolve(dataDir);
  const yaml = async (file: string): Promise<unknown> => {
    const read = await readInput(file, [data]);
    if (!('bytes' in read)) throw new Error(read.problem.message); // the job's build reports it, located
    return parse(read.bytes.toString('utf8'), { maxAliasCount: 100 }) as unknown;
  };
  const list = async (dir: string, ext: RegExp) =>
    (await readdir(path.join(data, dir)).catch(() => [] as string[])).filter((f) => ext.test(f)).sort();
  const entries = await yaml(path.join(data, 'audiences.yaml')).catch(() => []);
  const audiences = (Array.isArray(entries) ? entries : []).filter(
    (a): a is { id: string; label?: unknown } => typeof a?.id === 'string',
  );
  const packs = new Map<string, string[]>();
  const packTitles = new Map<string, string>();
  for (const f of await list('packs', /\.ya?ml$/)) {
    const def = (await yaml(path.join(data, 'packs', f)).catch(() => undefined)) as
      | { audiences?: unknown; title?: unknown }
      | undefined;
    const id = f.replace(/\.ya?ml$/, '');
    packs.set(id, Array.isArray(def?.audiences) ? def.audiences.map(String) : []);
    packTitles.set(id, typeof def?.title === 'string' ? def.title : id);
  }
  return {
    audiences: audiences.map((a) => a.id),
    labels: new Map(audiences.map((a) => [a.id, typeof a.label === 'string' ? a.label : a.id])),
    reports: (await list('reports', /\.md$/)).map((f) => f.replace(/\.md$/, '')),
    packs,
    packTitles,
  };
}
