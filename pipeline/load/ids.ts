// load: the ids a request may name, read from the file names, audiences.yaml and the pack files
// without checking the corpus (a broken corpus fails the job, with its located errors, not the
// request). Parsed here, by load's own YAML reader: a file that does not parse names nothing.
import path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { parseYaml } from '../core/yaml-positions.ts';
import { type FileSource, readTextFrom } from '../core/world.ts';

export interface CorpusIdList {
  /** Audience id → its label (the id when it has none). */
  readonly audiences: ReadonlyMap<string, string>;
  readonly reports: readonly string[];
  /** Pack id → its title (the id when it has none) and the audiences it is for. */
  readonly packs: ReadonlyMap<string, { readonly title: string; readonly audiences: readonly string[] }>;
}

const YAML = /\.ya?ml$/;

function yamlOf(files: FileSource, file: string) {
  const read = readTextFrom(files, file);
  if ('problem' in read) return undefined;
  return parseYaml(file, read.text).value?.doc.contents;
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);

export function loadIds(files: FileSource, dataDir: string): CorpusIdList {
  const data = path.resolve(dataDir);
  const names = (dir: string, ext: RegExp) =>
    files
      .list(path.join(data, dir))
      .files.filter((f) => path.dirname(f) === path.join(data, dir) && ext.test(f))
      .map((f) => path.basename(f))
      .sort();
  const audiences = new Map<string, string>();
  const entries = files.exists(path.join(data, 'audiences.yaml'))
    ? yamlOf(files, path.join(data, 'audiences.yaml'))
    : undefined;
  if (isSeq(entries))
    for (const item of entries.items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      if (typeof id === 'string') audiences.set(id, text(item.get('label'), id));
    }
  const packs = new Map<string, { title: string; audiences: string[] }>();
  for (const f of names('packs', YAML)) {
    const id = f.replace(YAML, '');
    const def = yamlOf(files, path.join(data, 'packs', f));
    const listed = isMap(def) ? def.get('audiences') : undefined;
    packs.set(id, {
      title: text(isMap(def) ? def.get('title') : undefined, id),
      audiences: isSeq(listed) ? listed.items.flatMap((a) => (isScalar(a) ? [String(a.value)] : [])) : [],
    });
  }
  return { audiences, reports: names('reports', /\.md$/).map((f) => f.replace(/\.md$/, '')), packs };
}
