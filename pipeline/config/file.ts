// config: brief.config.yaml, the project's own defaults, between built-in defaults and flags.
import { existsSync, readFileSync, statSync } from 'node:fs';
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
  out: path_
    .optional()
    .describe('Where outputs go (default: out), relative to this file; everything in it is made again by brief build.'),
  texts: z
    .array(path_)
    .default([])
    .describe('Folders to look for source texts in, after data/sources/text (texts you may not share).'),
  templates: path_
    .optional()
    .describe(
      "The corpus's own templates, laid over brief's file by file: only what you change (default: templates/ beside the data folder).",
    ),
  styles: path_
    .optional()
    .describe(
      "The corpus's own stylesheets, laid over brief's file by file (default: styles/ beside the data folder).",
    ),
  archive: path_
    .optional()
    .describe(
      'Where dated editions are archived (default: editions/ beside the data folder; keep it out of the disposable out/ folder).',
    ),
  audiences: z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens'))
    .min(1, 'must name at least one audience')
    .optional()
    .describe("The audiences a report goes to when it names none (a report's own list wins; without either, all)."),
  signing: z
    .strictObject({
      key: path_.describe(
        'The PKCS#12 file (.p12, .pfx) holding the certificate and key editions are signed with, relative to this file; never inside the data folder.',
      ),
      password_env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
        .optional()
        .describe("The environment variable holding the key's password (default: BRIEF_SIGNING_PASSWORD)."),
      tsa: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe('An RFC 3161 timestamp authority (http or https URL): signatures are then PAdES B-T, else B-B.'),
    })
    .optional()
    .describe('Sign edition PDFs and packs (PAdES) with this key (BRIEF_SIGNING_KEY overrides it).'),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

/** The default audiences of brief.config.yaml, with where each is written (an unknown one is an error there). */
export interface DefaultAudiences {
  readonly ids: readonly string[];
  readonly at: readonly SourcePos[];
}

/** The file's values, paths made absolute. */
export type ConfigValues = Omit<ConfigFile, 'audiences' | 'signing'> & {
  readonly audiences?: DefaultAudiences;
  /** `signing:`, its key made absolute, with where the key is written. */
  readonly signing?: ConfigFile['signing'] & { readonly at: SourcePos };
};

/**
 * Reads the config file if there is one. Relative paths in it are relative to the file's
 * folder, so a project behaves the same from wherever it is run.
 */
export function readConfigFile(file: string, required: boolean): ConfigValues | undefined {
  if (!existsSync(file)) {
    if (!required) return undefined;
    throw new InputError([
      {
        file: displayPath(file),
        line: 1,
        column: 1,
        severity: 'error',
        code: 'E_NO_CONFIG',
        message: `the config file ${displayPath(file)} does not exist`,
        hint: 'check the path given to --config',
      },
    ]);
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
    ...missingFolder(
      src,
      'templates',
      abs(c.templates),
      'create it (it holds only the templates you change: brief templates copy NAME starts one), or remove templates: to use templates/ beside the data folder',
    ),
    ...missingFolder(
      src,
      'styles',
      abs(c.styles),
      'create it (it holds only the stylesheets you change or add), or remove styles: to use styles/ beside the data folder',
    ),
  ];
  if (problems.length) throw new InputError(problems);
  return {
    data: abs(c.data),
    out: abs(c.out),
    texts: c.texts.map((t) => path.resolve(dir, t)),
    templates: abs(c.templates),
    styles: abs(c.styles),
    archive: abs(c.archive),
    audiences,
    ...(c.signing ? { signing: { ...c.signing, key: abs(c.signing.key)!, at: locate(src, ['signing', 'key']) } } : {}),
  };
}

/**
 * A templates or styles folder the config names is laid over brief's own (config/layers.ts), so it
 * may hold as little as one file; but it must exist, or an override meant for it would be ignored.
 */
function missingFolder(
  src: Parameters<typeof locate>[0],
  key: 'templates' | 'styles',
  dir: string | undefined,
  hint: string,
): Diagnostic[] {
  if (dir === undefined) return [];
  const at = locate(src, [key]);
  if (!existsSync(dir))
    return [diagnostic(at, 'E_NO_FOLDER', `the ${key} folder ${displayPath(dir)} does not exist`, hint)];
  if (!statSync(dir).isDirectory())
    return [diagnostic(at, 'E_NO_FOLDER', `the ${key} folder ${displayPath(dir)} is a file`, hint)];
  return [];
}
