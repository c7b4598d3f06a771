// commands: `brief init [DIR]`: a corpus folder of one's own that builds at once (init-files.ts), with
// its evidence lock written, so a team's corpus lives in its own repository, not in this tool's.
import { existsSync, statSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import type { CommandContext } from '../run/command.ts';
import { INIT_FILES } from '../run/init-files.ts';
import { writeEditorFiles } from '../run/editor-files.ts';
import { makeDirs } from '../core/dirs.ts';

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  if (args.length > 1) throw new UsageError(`brief init takes one folder, not ${args.length}: ${args.join(' ')}`);
  const dir = path.resolve(args[0] ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(
      `${displayPath(dir) || dir} is a file, not a folder; brief init makes a corpus in a folder: name a new or empty one (brief init my-corpus)`,
    );
  }
  // Never over anything: a folder that already holds a corpus, a config or any of these files is left alone.
  const clash = Object.keys(INIT_FILES).filter((f) => existsSync(path.join(dir, f)));
  if (existsSync(path.join(dir, 'data')) || clash.length) {
    throw new UsageError(
      `${displayPath(dir) || 'this folder'} already holds ${existsSync(path.join(dir, 'data')) ? 'a data/ folder' : clash.join(', ')}; brief init writes only into a new or empty folder, and overwrites nothing`,
    );
  }
  if (existsSync(dir) && (await readdir(dir)).filter((f) => !f.startsWith('.')).length) {
    io.info(`${displayPath(dir) || 'this folder'} is not empty; adding the corpus beside what is there`);
  }
  for (const [file, text] of Object.entries(INIT_FILES)) {
    await makeDirs(path.dirname(path.join(dir, file)));
    await writeFile(path.join(dir, file), text);
  }
  // Editors that know the corpus: its schemas and VS Code settings (editor-files.ts).
  await writeEditorFiles(dir);
  io.info(
    `created a corpus in ${displayPath(dir) || 'this folder'}: a config, a source with its text, 2 claims, an audience and a policy brief`,
  );
  // The lock is written from the example's own text, so `brief check` passes from the start.
  const [{ lockCorpus }, { reportLock }] = await Promise.all([import('../run/lock.ts'), import('./lock-report.ts')]);
  const outcome = await lockCorpus({
    ...options,
    dataDir: path.join(dir, 'data'),
    outDir: path.join(dir, 'out'),
    textDirs: [],
  });
  const code = reportLock({ ...io, json: false, out: () => undefined }, outcome);
  if (code !== ExitCode.ok) return code;
  io.info(
    `next: ${displayPath(dir) ? `cd ${displayPath(dir)} && ` : ''}brief build   (then open out/pdf/first-brief.team.pdf)`,
  );
  return ExitCode.ok;
}
