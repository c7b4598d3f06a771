// load: data folder → LoadedCorpus (files parsed for syntax, positions kept; no meaning yet). Every
// file comes from a FileSource (core/world.ts): the run's world, or a corpus held in memory.
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import type { ParseCache } from '../core/parse-cache.ts';
import { type FileSource, readTextFrom } from '../core/world.ts';
import type { YamlSource } from '../core/yaml-positions.ts';
import { scalarAt } from '../core/yaml-values.ts';
import { parseCsvTable, parseJsonTable, parseMarkdown, parseYaml, type Parsed } from './parse-files.ts';
import type { DatasetSource, LoadedCorpus, MarkdownSource, UnreadFiles } from './types.ts';

export type { LoadedCorpus } from './types.ts';

/** The files directly in `folder` of the data folder with one of `exts`, those refused included (they fail, located). */
function lister(absData: string, listed: readonly string[]) {
  return (folder: string, exts: readonly string[]): string[] =>
    listed
      .filter((f) => path.dirname(f) === path.join(absData, folder) && exts.includes(path.extname(f)))
      .filter((f) => !path.basename(f).startsWith('.'))
      .sort();
}

const YAML = ['.yaml', '.yml'];

const inFolder = (files: readonly string[], folder: string) =>
  files.filter((f) => f.startsWith(`${folder}${path.sep}`)).map((f) => path.basename(f).replace(/\.(ya?ml|md)$/, ''));

/** By kind, the files that could not be read or parsed (their ids are their names). */
function unreadFiles(failed: readonly string[]): UnreadFiles {
  return {
    claimFiles: inFolder(failed, 'claims'),
    reportFiles: inFolder(failed, 'reports'),
    eventFiles: inFolder(failed, 'events').length,
  };
}

/**
 * The corpus in `dataDir`, every file read through `files` (the run's world, or a corpus in memory);
 * YAML read before taken from `cache` (core/parse-cache.ts).
 */
export async function loadCorpus(
  files: FileSource,
  dataDir: string,
  cache?: ParseCache,
  /** 'packs': only audiences.yaml and packs/, for a pack whose build found the corpus unchanged (the rest left empty). */
  scope: 'all' | 'packs' = 'all',
): Promise<LoadedCorpus> {
  const diagnostics: Diagnostic[] = [];
  const absData = path.resolve(dataDir);
  if (!files.exists(absData)) {
    diagnostics.push(
      diagnostic(
        { file: displayPath(absData), line: 1, column: 1 },
        'E_NO_DATA_DIR',
        `the data folder ${displayPath(absData)} does not exist`,
        'run from the project folder, or name the corpus with --data DIR',
      ),
    );
  }
  // Every file of the data folder is an input (a build stamps it, an edition archives it): one that
  // is a link out of the corpus, a pipe or a device is an error wherever it sits, read or not.
  // Source texts a source names are the exception: anchoring reports theirs at the source's
  // `text:`, which says more (and an error here would stop check before anchoring).
  const textsDir = path.join(absData, 'sources', 'text');
  const listing = files.list(absData);
  const isText = (d: Diagnostic) => path.resolve(d.file).startsWith(textsDir + path.sep);
  diagnostics.push(...listing.problems.filter((d) => !isText(d)));
  const refused = new Set(listing.problems.map((d) => d.file));
  const list = lister(absData, [...listing.files, ...listing.problems.map((d) => path.resolve(d.file))]);

  /** Files that could not be read or parsed, by folder and name: what is named from them waits on their error. */
  const failed: string[] = [];
  function read<T>(abs: string, parse: (file: string, text: string) => Parsed<T>): T | undefined {
    if (refused.has(displayPath(abs))) {
      failed.push(path.relative(absData, abs));
      return undefined;
    }
    const read = readTextFrom(files, abs);
    const result = 'text' in read ? parse(displayPath(abs), read.text) : undefined;
    const problems = 'problem' in read ? [read.problem] : result!.diagnostics;
    diagnostics.push(...problems);
    if (problems.length) failed.push(path.relative(absData, abs));
    return result?.value;
  }
  const yamlFile = (abs: string) => read<YamlSource>(abs, (f, t) => parseYaml(f, t, 0, cache));
  function optionalYaml(name: string): YamlSource | undefined {
    const abs = path.join(absData, name);
    return files.exists(abs) ? yamlFile(abs) : undefined;
  }
  function all<T>(folder: string, exts: readonly string[], parse: (abs: string) => T | undefined): T[] {
    const out: T[] = [];
    for (const abs of list(folder, exts)) {
      const value = parse(abs);
      if (value !== undefined) out.push(value);
    }
    return out;
  }
  const markdown = (abs: string) => read<MarkdownSource>(abs, (f, t) => parseMarkdown(f, t, cache));

  if (scope === 'packs') {
    const none = { sources: [], claims: [], events: [], datasets: [], charts: [], reports: [] };
    return {
      ...none,
      dataDir: absData,
      actors: undefined,
      perspectives: undefined,
      questions: undefined,
      audiences: optionalYaml('audiences.yaml'),
      packs: all('packs', YAML, yamlFile),
      unread: unreadFiles(failed),
      diagnostics,
    };
  }

  const datasets: DatasetSource[] = [];
  // A data file without its sidecar would be silently unusable: say so.
  for (const abs of list('datasets', ['.csv', '.json'])) {
    const sidecar = abs.replace(/\.(csv|json)$/, '.yaml');
    if (!files.exists(sidecar) && !files.exists(sidecar.replace(/\.yaml$/, '.yml'))) {
      diagnostics.push(
        diagnostic(
          { file: displayPath(abs), line: 1, column: 1 },
          'E_NO_SIDECAR',
          `dataset ${path.basename(abs)} has no sidecar`,
          `describe it in ${path.basename(sidecar)}: title, units, evidence and the type of each column`,
        ),
      );
    }
  }
  for (const abs of list('datasets', YAML)) {
    const id = path.basename(abs).replace(/\.ya?ml$/, '');
    const sidecar = yamlFile(abs);
    if (!sidecar) continue;
    const csv = path.join(path.dirname(abs), `${id}.csv`);
    const json = path.join(path.dirname(abs), `${id}.json`);
    const table = files.exists(csv)
      ? read(csv, parseCsvTable)
      : files.exists(json)
        ? read(json, parseJsonTable)
        : undefined;
    datasets.push({ id, sidecar, table });
  }

  const sources = all('sources', ['.md'], markdown);
  const named = new Set(
    sources.map((md) => scalarAt(md.frontMatter, ['text'])).filter((t): t is string => typeof t === 'string'),
  );
  diagnostics.push(
    ...listing.problems.filter(
      (d) => isText(d) && !named.has(path.relative(textsDir, path.resolve(d.file)).split(path.sep).join('/')),
    ),
  );

  return {
    dataDir: absData,
    actors: optionalYaml('actors.yaml'),
    perspectives: optionalYaml('perspectives.yaml'),
    questions: optionalYaml('questions.yaml'),
    audiences: optionalYaml('audiences.yaml'),
    sources,
    claims: all('claims', YAML, yamlFile),
    events: all('events', YAML, yamlFile),
    datasets,
    charts: all('charts', ['.json'], yamlFile),
    reports: all('reports', ['.md'], markdown),
    packs: all('packs', YAML, yamlFile),
    unread: unreadFiles(failed),
    diagnostics,
  };
}
