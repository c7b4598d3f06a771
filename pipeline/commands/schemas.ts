// commands: `brief schemas [DIR]`: writes (or refreshes, after an upgrade of brief) the JSON Schemas of
// a corpus's files in DIR/.brief/schemas/, and VS Code settings that use them where there are none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import type { CommandContext } from '../run/command.ts';
import { SCHEMA_DIR, writeEditorFiles } from '../run/editor-files.ts';

export async function main({ args, io }: CommandContext): Promise<ExitCode> {
  if (args.length > 1) throw new UsageError(`brief schemas takes one folder, not ${args.length}: ${args.join(' ')}`);
  const dir = path.resolve(args[0] ?? '.');
  if (!existsSync(dir))
    throw new UsageError(
      `${displayPath(dir)} does not exist; name the corpus folder (the one holding brief.config.yaml)`,
    );
  const { written, kept } = await writeEditorFiles(dir);
  const where = displayPath(path.join(dir, SCHEMA_DIR)) || SCHEMA_DIR;
  io.info(
    `wrote ${written.filter((f) => f.startsWith(SCHEMA_DIR)).length} JSON Schemas to ${where}${written.some((f) => f.startsWith('.vscode/')) ? ', and VS Code settings that use them' : ''}`,
  );
  if (kept.length)
    io.info(
      `kept ${kept.join(' and ')} as ${kept.length > 1 ? 'they are' : 'it is'}; brief's README ("Editors that know the corpus") shows the "yaml.schemas" setting that uses the schemas`,
    );
  return ExitCode.ok;
}
