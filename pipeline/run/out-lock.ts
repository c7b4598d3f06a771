// run: one writer at a time in an out/ folder. A second build into the same out/ waits for the
// first and says so; a lock left by a process that died goes stale and is taken over.
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { RenderError } from '../core/diagnostics.ts';
import { stateDir } from './staging.ts';
import { makeDirs } from '../core/dirs.ts';

/** How long a second build waits for the first before giving up. */
const WAIT_MS = 15 * 60_000;

export async function lockOut(
  outDir: string,
  onWait: (message: string) => void,
  waitMs = WAIT_MS,
): Promise<() => Promise<void>> {
  const dir = stateDir(outDir);
  await makeDirs(dir);
  const options = { realpath: false, lockfilePath: path.join(dir, 'lock'), stale: 10_000, update: 2_000 } as const;
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const release = await lockfile.lock(dir, {
        ...options,
        // The lock went stale (the machine stalled) or was removed. The default handler throws from
        // a timer, which would kill the process mid-write; the run finishes and says so instead.
        onCompromised: (err) =>
          onWait(
            `warning: the lock on ${outDir}/ was lost (${err.message}); another brief run may be writing there too`,
          ),
      });
      return async () => {
        await release().catch(() => undefined);
      };
    } catch (err) {
      if ((err as { code?: string }).code !== 'ELOCKED') throw err;
      if (!told) {
        onWait(
          `another brief run is writing to ${path.relative(process.cwd(), path.resolve(outDir)) || '.'}/; waiting for it to finish…`,
        );
        told = true;
      }
      if (Date.now() - started > waitMs) {
        throw new RenderError(
          `another brief run has been writing to ${outDir}/ for ${Math.round(waitMs / 60_000)} minutes`,
          `wait for it, or stop it; if no brief is running, delete ${path.join(dir, 'lock')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
