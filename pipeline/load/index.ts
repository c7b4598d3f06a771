// load: data folder → LoadedCorpus (files parsed for syntax, positions kept; no meaning yet).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'zx';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { inputRoots, listInputs } from '../core/inputs-fs.ts';
import { readUtf8 } from '../core/read-text.ts';
import type { YamlSource } from '../core/yaml-positions.ts';
import { parseCsvTable, parseJsonTable, parseMarkdown, parseYaml, type Parsed } from './parse-files.ts';
import type { DatasetSource, LoadedCorpus, MarkdownSource, UnreadFiles } from './types.ts';

export type { LoadedCorpus } from './types.ts';

async function list(dataDir: string, pattern: string): Promise<string[]> {
  const files = await glob(pattern, { cwd: dataDir, absolute: true, onlyFiles: true });
  return files.sort();
}

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
 * `also`: folders besides the data folder that a link in it may lead to (the folders named for texts,
 * the templates and styles layers); a link anywhere else is E_LINK_OUTSIDE.
 */
export async function loadCorpus(dataDir: string, also: readonly string[] = []): Promise<LoadedCorpus> {
  const diagnostics: Diagnostic[] = [];
  const absData = path.resolve(dataDir);
  if (!existsSync(absData)) {
    diagnostics.push(
      diagnostic(
        { file: displayPath(absData), line: 1, column: 1 },
        'E_NO_DATA_DIR',
        `the data folder ${displayPath(absData)} does not exist`,
        'run from the project folder, or name the corpus with --data DIR',
      ),
    );
  }
  const roots = inputRoots([absData, ...also]);
  // Every file of the data folder is an input (a build stamps it, an edition archives it): one that
  // is a link out of the corpus, a pipe or a device is an error wherever it sits, read or not.
  // Source texts a source names are the exception: anchoring reports theirs at the source's
  // `text:`, which says more (and an error here would stop check before anchoring).
  const textsDir = path.join(absData, 'sources', 'text');
  const listing = listInputs(absData, roots);
  const isText = (d: Diagnostic) => path.resolve(d.file).startsWith(textsDir + path.sep);
  diagnostics.push(...listing.problems.filter((d) => !isText(d)));
  const refused = new Set(listing.problems.map((d) => d.file));

  /** Files that could not be read or parsed, by folder and name: what is named from them waits on their error. */
  const failed: string[] = [];
  async function read<T>(abs: string, parse: (file: string, text: string) => Parsed<T>): Promise<T | undefined> {
    if (refused.has(displayPath(abs))) {
      failed.push(path.relative(absData, abs));
      return undefined;
    }
    const read = await readUtf8(abs, false, roots);
    const result = 'text' in read ? parse(displayPath(abs), read.text) : undefined;
    const problems = 'problem' in read ? [read.problem] : result!.diagnostics;
    diagnostics.push(...problems);
    if (problems.length) failed.push(path.relative(absData, abs));
    return result?.value;
  }
  const yamlFile = (abs: string) => read<YamlSource>(abs, (f, t) => parseYaml(f, t));
  async function optionalYaml(name: string): Promise<YamlSource | undefined> {
    const abs = path.join(absData, name);
    return existsSync(abs) ? yamlFile(abs) : undefined;
  }
  async function all<T>(pattern: string, parse: (abs: string) => Promise<T | undefined>): Promise<T[]> {
    const out: T[] = [];
    for (const abs of await list(absData, pattern)) {
      const value = await parse(abs);
      if (value !== undefined) out.push(value);
    }
    return out;
  }
  const markdown = (abs: string) => read<MarkdownSource>(abs, parseMarkdown);

  const datasets: DatasetSource[] = [];
  // A data file without its sidecar would be silently unusable: say so.
  for (const abs of await list(absData, 'datasets/*.{csv,json}')) {
    const sidecar = abs.replace(/\.(csv|json)$/, '.yaml');
    if (!existsSync(sidecar) && !existsSync(sidecar.replace(/\.yaml$/, '.yml'))) {
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
  for (const abs of await list(absData, 'datasets/*.{yaml,yml}')) {
    const id = path.basename(abs).replace(/\.ya?ml$/, '');
    const sidecar = await yamlFile(abs);
    if (!sidecar) continue;
    const csv = path.join(path.dirname(abs), `${id}.csv`);
    const json = path.join(path.dirname(abs), `${id}.json`);
    const table = existsSync(csv)
      ? await read(csv, parseCsvTable)
      : existsSync(json)
        ? await read(json, parseJsonTable)
        : undefined;
    datasets.push({ id, sidecar, table });
  }

  const sources = await all('sources/*.md', markdown);
  const named = new Set(
    sources.map((md) => md.frontMatter.doc.get('text')).filter((t): t is string => typeof t === 'string'),
  );
  diagnostics.push(
    ...listing.problems.filter(
      (d) => isText(d) && !named.has(path.relative(textsDir, path.resolve(d.file)).split(path.sep).join('/')),
    ),
  );

  return {
    dataDir: absData,
    actors: await optionalYaml('actors.yaml'),
    perspectives: await optionalYaml('perspectives.yaml'),
    questions: await optionalYaml('questions.yaml'),
    audiences: await optionalYaml('audiences.yaml'),
    sources,
    claims: await all('claims/*.{yaml,yml}', yamlFile),
    events: await all('events/*.{yaml,yml}', yamlFile),
    datasets,
    charts: await all('charts/*.json', yamlFile),
    reports: await all('reports/*.md', markdown),
    packs: await all('packs/*.{yaml,yml}', yamlFile),
    unread: unreadFiles(failed),
    diagnostics,
  };
}
