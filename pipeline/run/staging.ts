// run: outputs are written into a staging folder inside out/.brief/ and moved into place only
// when the whole run succeeded, so a failed build leaves every earlier output as it was. Inside
// out/ (not beside it) so the move is a rename on one filesystem even when out/ is a mount point.
//
// The move itself is all or nothing. A journal (out/.brief/commit.json) names every file; the
// outputs being replaced or removed are first moved aside into a backup folder, then the new ones
// are moved in. A failure halfway (a read-only folder, a file held open) puts everything back; a
// run killed halfway is finished or undone by the next run, from the journal, before it starts:
// forward once every old output was moved aside, back before that.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirs } from '../core/dirs.ts';

/** The folder brief keeps its own state in, inside out/: fingerprints, the lock, staging. */
export const stateDir = (outDir: string): string => path.join(path.resolve(outDir), '.brief');

interface Journal {
  /** `aside`: old outputs are being moved into the backup; `install`: new ones are being moved in. */
  readonly phase: 'aside' | 'install';
  readonly staging: string;
  readonly backup: string;
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

const journalFile = (outDir: string) => path.join(stateDir(outDir), 'commit.json');

/** The file operations a commit makes; a test may pass its own to fail at a chosen step. */
export interface CommitFs {
  rename(from: string, to: string): Promise<void>;
}
const realFs: CommitFs = { rename };

async function writeJournal(outDir: string, journal: Journal): Promise<void> {
  const file = journalFile(outDir);
  await writeFile(`${file}.tmp`, JSON.stringify(journal));
  await rename(`${file}.tmp`, file);
}

const moveIn = async (fs: CommitFs, from: string, to: string) => {
  await makeDirs(path.dirname(to));
  await fs.rename(from, to);
};

export class Staging {
  private readonly written: string[] = [];
  private readonly removed: string[] = [];
  private constructor(
    readonly outDir: string,
    readonly dir: string,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * `signal`: the run's, aborted when it is given up (a service job past its time limit): from then
   * on nothing is written here, so the folder can be discarded while the work winds down.
   */
  static async open(outDir: string, signal?: AbortSignal): Promise<Staging> {
    signal?.throwIfAborted();
    const out = path.resolve(outDir);
    await makeDirs(stateDir(out));
    const dir = await mkdtemp(path.join(stateDir(out), 'staging-'));
    return new Staging(out, dir, signal);
  }

  /**
   * What a run killed before it finished left behind (SIGKILL cannot be caught): a commit cut
   * halfway is finished or undone from its journal, then staging and backup folders are removed.
   * Call under the out/ lock, before anything else.
   */
  static async sweep(outDir: string): Promise<'none' | 'finished' | 'undone'> {
    const out = path.resolve(outDir);
    const dir = stateDir(out);
    let outcome: 'none' | 'finished' | 'undone' = 'none';
    const text = await readFile(journalFile(out), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const j = JSON.parse(text) as Journal;
      if (j.phase === 'install') {
        for (const rel of j.written)
          if (existsSync(path.join(j.staging, rel)))
            await moveIn(realFs, path.join(j.staging, rel), path.join(out, rel));
        outcome = 'finished';
      } else {
        for (const rel of [...j.written, ...j.removed])
          if (existsSync(path.join(j.backup, rel))) await moveIn(realFs, path.join(j.backup, rel), path.join(out, rel));
        outcome = 'undone';
      }
      await rm(journalFile(out), { force: true });
    }
    const entries = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      entries
        .filter((e) => e.startsWith('staging-') || e.startsWith('backup-'))
        .map((e) => rm(path.join(dir, e), { recursive: true, force: true })),
    );
    return outcome;
  }

  /** Writes `relative` (e.g. "pdf/x.pdf") in the staging folder; returns its staged absolute path. */
  async write(relative: string, data: string | Uint8Array): Promise<string> {
    this.refuseWrites();
    const file = path.join(this.dir, relative);
    const writing = (async () => {
      await makeDirs(path.dirname(file));
      this.refuseWrites(); // given up, or discarded, while the folder was made
      await writeFile(file, data);
    })();
    this.writing.add(writing);
    try {
      await writing;
    } finally {
      this.writing.delete(writing);
    }
    // Written again (a pack printed twice, its page numbers settled): still one file to move.
    if (!this.written.includes(relative)) this.written.push(relative);
    return file;
  }

  private refuseWrites(): void {
    this.signal?.throwIfAborted();
    if (this.discarded) throw new Error(`staging ${this.dir} was discarded`);
  }

  /** Set by discard: a write still under way (a document rendering when Ctrl-C came) must not make the folder again. */
  private discarded = false;
  private readonly writing = new Set<Promise<void>>();

  /** Marks an output of out/ for removal when the run commits (a report or audience that is gone). */
  remove(relative: string): void {
    this.removed.push(relative);
  }

  /** Where `relative` will be once committed. */
  finalPath(relative: string): string {
    return path.join(this.outDir, relative);
  }

  /** Replaces the outputs with the staged files, all or none (see the top of this file). */
  async commit(fs: CommitFs = realFs): Promise<void> {
    this.signal?.throwIfAborted(); // a run given up does not replace anything (once begun, a commit is finished)
    const backup = await mkdtemp(path.join(stateDir(this.outDir), 'backup-'));
    const journal: Journal = {
      phase: 'aside',
      staging: this.dir,
      backup,
      written: [...this.written],
      removed: [...this.removed],
    };
    await writeJournal(this.outDir, journal);
    const aside: string[] = [];
    const installed: string[] = [];
    try {
      for (const rel of [...this.written, ...this.removed]) {
        if (!existsSync(this.finalPath(rel))) continue;
        await moveIn(fs, this.finalPath(rel), path.join(backup, rel));
        aside.push(rel);
      }
      await writeJournal(this.outDir, { ...journal, phase: 'install' });
      for (const rel of this.written) {
        await moveIn(fs, path.join(this.dir, rel), this.finalPath(rel));
        installed.push(rel);
      }
    } catch (err) {
      // Put everything back as it was: new files out again, old ones back in.
      for (const rel of installed.reverse())
        await rename(this.finalPath(rel), path.join(this.dir, rel)).catch(() => undefined);
      for (const rel of aside.reverse()) await moveIn(realFs, path.join(backup, rel), this.finalPath(rel));
      await rm(journalFile(this.outDir), { force: true });
      await rm(backup, { recursive: true, force: true });
      throw err;
    }
    await rm(journalFile(this.outDir), { force: true });
    await rm(backup, { recursive: true, force: true });
    this.written.length = 0;
    this.removed.length = 0;
  }

  /** Removes the folder once the writes under way have ended; none starts after. */
  async discard(): Promise<void> {
    this.discarded = true;
    await Promise.allSettled([...this.writing]);
    await rm(this.dir, { recursive: true, force: true });
  }
}
