// edition: the files an edition is built from and holds: its inputs (the corpus, each layer of
// templates and styles, the texts), read only as the build may read them, stored in the archive or
// only hashed; and the entries of the files it holds.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry } from '../archive/manifest.ts';
import { sha256, storeBytes } from '../archive/store.ts';
import { allFiles, layerDirs, presentationOf } from '../config/layers.ts';
import type { RunOptions } from '../config/options.ts';
import { InputError } from '../core/diagnostics.ts';
import type { World } from '../run/world.ts';

export async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * An input's bytes, read only as the build may read it (core/inputs-fs.ts): a link out of the run's
 * folders (to /proc/self/environ, say), a pipe or a device is never archived. Check reports such a
 * file first; one that appears since is refused here, located.
 */
function inputBytes(file: string, world: World): Buffer {
  const read = world.source('edition').read(file);
  if ('problem' in read) throw new InputError([read.problem]);
  return read.bytes;
}

export async function entry(file: string, as: string): Promise<FileEntry> {
  const bytes = await readFile(file);
  return { path: as, sha256: sha256(bytes), size: bytes.byteLength };
}

/** Every input an edition is built from, as the snapshot names it: the corpus, each layer of templates and styles, the texts. */
export function inputFiles(
  options: RunOptions,
  texts: readonly string[],
  world: World,
): { file: string; as: string }[] {
  const files: { file: string; as: string }[] = [];
  const data = path.resolve(options.dataDir);
  for (const file of world.source('edition').list(data).files)
    files.push({ file, as: `data/${path.relative(data, file).split(path.sep).join('/')}` });
  // Each layer as the run saw it: the built-ins under templates/ and styles/, the corpus's own under
  // corpus-templates/ and corpus-styles/ (rebuild.ts lays them out again). A layer whose audiences/
  // folder does not count leaves it out: those files were no input.
  const p = presentationOf(options);
  const labels = layerDirs(p);
  for (const layer of [...p.templates, ...p.styles]) {
    const label = labels.find((l) => l.dir === layer.dir)!.label;
    for (const rel of allFiles(layer).filter((r) => layer.audiences || !r.startsWith('audiences/')))
      files.push({ file: path.join(layer.dir, ...rel.split('/')), as: `${label}/${rel}` });
  }
  // Texts found outside the data folder (--texts) are kept too, so the edition can be rebuilt as it was verified.
  for (const file of texts.filter((t) => !path.resolve(t).startsWith(data + path.sep)))
    files.push({ file, as: `texts/${path.basename(file)}` });
  return files;
}

/** Stores every input in the archive's store; returns them as the manifest lists them. */
export async function snapshot(
  archive: string,
  files: readonly { file: string; as: string }[],
  world: World,
): Promise<FileEntry[]> {
  const inputs: FileEntry[] = [];
  for (const { file, as } of files) {
    const bytes = inputBytes(file, world);
    inputs.push({ path: as, sha256: await storeBytes(archive, bytes), size: bytes.byteLength });
  }
  return inputs;
}

/** The inputs' hashes, without storing them: what "nothing changed since the last edition" is judged by. */
export function inputHashes(files: readonly { file: string; as: string }[], world: World): string {
  // Read first (a file that is no input stops the edition, located), then hashed once, by the world.
  const entries = files.map(({ file, as }) => {
    inputBytes(file, world);
    return `${as} ${world.hash(file, 'edition')}`;
  });
  return entries.sort().join('\n');
}
