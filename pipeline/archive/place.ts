// archive: where a corpus's editions are archived, and editions left in the old place. Light on
// purpose: `brief editions`, `diff` and `verify` need it, and none of them prints anything.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunOptions } from '../config/options.ts';
import { UsageError } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { HEAD } from './verify.ts';

/** Where editions are archived: `archive:` in the config (or --archive), else editions/ beside the data folder, never in the disposable out/. */
export const archiveDir = (options: Pick<RunOptions, 'archiveDir' | 'dataDir'>): string =>
  path.resolve(options.archiveDir ?? path.join(path.dirname(path.resolve(options.dataDir)), 'editions'));

/**
 * Editions made before the archive moved out of out/ (where `rm -rf out` would take them): found
 * there and not yet moved, they are named with the one command that moves them. Manifests chain by
 * hash and hold paths relative to the archive, so a moved archive verifies as it did.
 */
export function assertNotInOldPlace(
  options: Pick<RunOptions, 'archiveDir' | 'dataDir' | 'outDir'>,
  archive = archiveDir(options),
): void {
  const old = path.resolve(options.outDir, 'editions');
  if (old === archive || !existsSync(path.join(old, HEAD)) || existsSync(path.join(archive, HEAD))) return;
  throw new UsageError(
    `the editions of this corpus are in ${displayPath(old)}, inside the out/ folder, which brief treats as disposable (and brief init's .gitignore ignores); they belong in ${displayPath(archive)}. Move them, chain intact: mv ${displayPath(old)} ${displayPath(archive)} (or name the folder with archive: in brief.config.yaml)`,
  );
}
