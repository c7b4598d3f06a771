// run: the files that let an editor check a corpus as it is typed: the JSON Schemas of its files
// in .brief/schemas/ (a copy of brief's own, made by validate/json-schema.ts) and VS Code settings
// that map them to the corpus's files. `brief init` writes them; `brief schemas` refreshes them.
//
// A copy inside the corpus, named by a relative path, rather than a path into brief's installed
// package: a committed .vscode/settings.json then works on every machine the corpus is cloned to,
// and an upgrade of brief changes nothing until `brief schemas` writes the new copy.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirs } from '../core/dirs.ts';
import { jsonSchemas, SCHEMA_KINDS, schemaText } from '../validate/json-schema.ts';

export const SCHEMA_DIR = '.brief/schemas';

/** The schema files, by path from the corpus folder. */
export function schemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(jsonSchemas()).map(([name, schema]) => [`${SCHEMA_DIR}/${name}`, schemaText(schema)]),
  );
}

/** VS Code's settings (Red Hat's YAML extension: schema path → globs, both from the workspace folder) and its recommendation. */
export function vscodeFiles(): Record<string, string> {
  const yamlSchemas = Object.fromEntries(
    SCHEMA_KINDS.filter((k) => k.files.length).map((k) => [`./${SCHEMA_DIR}/${k.name}`, [...k.files]]),
  );
  return {
    '.vscode/settings.json': `${JSON.stringify({ 'yaml.schemas': yamlSchemas }, null, 2)}\n`,
    '.vscode/extensions.json': `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`,
  };
}

export interface EditorFilesWritten {
  readonly written: readonly string[];
  /** Editor settings that were there already: left as they are (they may hold a team's own). */
  readonly kept: readonly string[];
}

/** Writes the schemas (always: they follow this version of brief) and the VS Code files where there are none. */
export async function writeEditorFiles(dir: string): Promise<EditorFilesWritten> {
  const written: string[] = [];
  const kept: string[] = [];
  const vscode = vscodeFiles();
  for (const [file, text] of Object.entries({ ...schemaFiles(), ...vscode })) {
    const abs = path.join(dir, file);
    if (file in vscode && existsSync(abs)) {
      kept.push(file);
      continue;
    }
    await makeDirs(path.dirname(abs));
    await writeFile(abs, text);
    written.push(file);
  }
  return { written, kept };
}
