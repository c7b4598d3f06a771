// run: outputs are written into a staging folder inside out/.brief/ and moved into place only
// when the whole run succeeded, so a failed build leaves every earlier output as it was. Inside
// out/ (not beside it) so the move is a rename on one filesystem even when out/ is a mount point.
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The folder brief keeps its own state in, inside out/: fingerprints, the lock, staging. */
export const stateDir = (outDir: string): string => path.join(path.resolve(outDir), '.brief');

export class Staging {
  private readonly written: string[] = [];
  private readonly removed: string[] = [];
  private constructor(private readonly outDir: string, readonly dir: string) {}

  static async open(outDir: string): Promise<Staging> {
    const out = path.resolve(outDir);
    await mkdir(stateDir(out), { recursive: true });
    const dir = await mkdtemp(path.join(stateDir(out), 'staging-'));
    return new Staging(out, dir);
  }

  /** Staging folders left by a run that was killed (SIGKILL cannot be caught); call under the out/ lock. */
  static async sweep(outDir: string): Promise<void> {
    const dir = stateDir(outDir);
    const entries = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(entries.filter((e) => e.startsWith('staging-')).map((e) => rm(path.join(dir, e), { recursive: true, force: true })));
  }

  /** Writes `relative` (e.g. "pdf/x.pdf") in the staging folder; returns its staged absolute path. */
  async write(relative: string, data: string | Uint8Array): Promise<string> {
    const file = path.join(this.dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    this.written.push(relative);
    return file;
  }

  /** Marks an output of out/ for removal when the run commits (a report or audience that is gone). */
  remove(relative: string): void {
    this.removed.push(relative);
  }

  /** Where `relative` will be once committed. */
  finalPath(relative: string): string {
    return path.join(this.outDir, relative);
  }

  /** Moves every staged file over its final path (a rename each: no reader sees half a file). */
  async commit(): Promise<void> {
    for (const relative of this.written) {
      const target = this.finalPath(relative);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(this.dir, relative), target);
    }
    for (const relative of this.removed) await rm(this.finalPath(relative), { force: true });
    this.written.length = 0;
    this.removed.length = 0;
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
