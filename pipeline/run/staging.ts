// build: outputs are written into a staging folder beside out/ and moved into place only when
// the whole run succeeded, so a failed build leaves every earlier output as it was.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class Staging {
  private readonly written: string[] = [];
  private constructor(private readonly outDir: string, private readonly dir: string) {}

  /** The staging folder sits beside out/, not in it, so a failed first build leaves no out/ behind. */
  static async open(outDir: string): Promise<Staging> {
    const out = path.resolve(outDir);
    await mkdir(path.dirname(out), { recursive: true });
    const dir = await mkdtemp(path.join(path.dirname(out), `.${path.basename(out)}-staging-`));
    return new Staging(out, dir);
  }

  /** Writes `relative` (e.g. "pdf/x.pdf") in the staging folder; returns its staged absolute path. */
  async write(relative: string, data: string | Uint8Array): Promise<string> {
    const file = path.join(this.dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    this.written.push(relative);
    return file;
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
    this.written.length = 0;
  }

  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
