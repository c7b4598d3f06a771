// config: brief.config.yaml, the project's own defaults, between built-in defaults and flags.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { diagnostic, InputError, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { aliasBomb, isAliasBomb, locate, parseYaml } from '../core/yaml-positions.ts';
import { issuesToDiagnostics } from '../core/zod-issues.ts';

export const CONFIG_FILE = 'brief.config.yaml';

const path_ = z.string().trim().min(1, 'must not be empty').meta({ pattern: String.raw`\S` });
// Every field has a description: editors show it (schemas/brief-config.schema.json).
export const ConfigFile = z.strictObject({
  data: path_.optional().describe('The corpus folder (default: data), relative to this file.'),
  out: path_.optional().describe('Where outputs go (default: out), relative to this file.'),
  texts: z.array(path_).default([]).describe('Folders to look for source texts in, after data/sources/text (texts you may not share).'),
  templates: path_.optional().describe('A templates folder to use instead of brief\'s own (copy brief\'s templates/ and edit the copy).'),
  styles: path_.optional().describe('A styles folder to use instead of brief\'s own (copy brief\'s styles/ and edit the copy).'),
  archive: path_.optional().describe('Where dated editions are archived (default: out/editions).'),
  audiences: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')).min(1, 'must name at least one audience').optional()
    .describe('The audiences a report goes to when it names none (a report\'s own list wins; without either, all).'),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

/** The default audiences of brief.config.yaml, with where each is written (an unknown one is an error there). */
export interface DefaultAudiences {
  readonly ids: readonly string[];
  readonly at: readonly SourcePos[];
}

/** The file's values, paths made absolute. */
export type ConfigValues = Omit<ConfigFile, 'audiences'> & { readonly audiences?: DefaultAudiences };

/**
 * Reads the config file if there is one. Relative paths in it are relative to the file's
 * folder, so a project behaves the same from wherever it is run.
 */
export function readConfigFile(file: string, required: boolean): ConfigValues | undefined {
  if (!existsSync(file)) {
    if (!required) return undefined;
    throw new InputError([{ file: displayPath(file), line: 1, column: 1, severity: 'error', code: 'E_NO_CONFIG', message: `the config file ${displayPath(file)} does not exist`, hint: 'check the path given to --config' }]);
  }
  const parsed = parseYaml(displayPath(file), readFileSync(file, 'utf8'));
  if (!parsed.value) throw new InputError(parsed.diagnostics);
  const src = parsed.value;
  let json: unknown;
  try {
    json = src.doc.toJS() ?? {};
  } catch (err) {
    if (!isAliasBomb(err)) throw err;
    throw new InputError([aliasBomb(locate(src, []))]);
  }
  const result = ConfigFile.safeParse(json);
  if (!result.success) throw new InputError(issuesToDiagnostics(src, ConfigFile, result.error, [], json));
  const dir = path.dirname(path.resolve(file));
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  const c = result.data;
  const audiences = c.audiences && { ids: c.audiences, at: c.audiences.map((_, i) => locate(src, ['audiences', i])) };
  const problems = [
    ...missingFiles(src, 'templates', abs(c.templates), ['policy-brief.hbs', 'comparative-perspectives.hbs', 'chronology.hbs', 'layouts/document.hbs'], 'copy the project\'s templates/ folder there and edit the copy'),
    ...missingFiles(src, 'styles', abs(c.styles), ['base.css', 'print.css'], 'copy the project\'s styles/ folder there and edit the copy; an audience\'s own stylesheet goes in audiences/<id>.css'),
  ];
  if (problems.length) throw new InputError(problems);
  return { data: abs(c.data), out: abs(c.out), texts: c.texts.map((t) => path.resolve(dir, t)), templates: abs(c.templates), styles: abs(c.styles), archive: abs(c.archive), audiences };
}

/**
 * A templates or styles folder replaces the project's own, so it must hold what every document
 * needs: without it a document would be unstyled, or fail deep inside the render.
 */
function missingFiles(src: Parameters<typeof locate>[0], key: 'templates' | 'styles', dir: string | undefined, needed: readonly string[], hint: string): Diagnostic[] {
  if (dir === undefined) return [];
  const at = locate(src, [key]);
  if (!existsSync(dir)) return [diagnostic(at, 'E_NO_FOLDER', `the ${key} folder ${displayPath(dir)} does not exist`, hint)];
  const missing = needed.filter((f) => !existsSync(path.join(dir, f)));
  return missing.length ? [diagnostic(at, 'E_NO_FOLDER', `the ${key} folder ${displayPath(dir)} has no ${missing.join(', ')}`, hint)] : [];
}
