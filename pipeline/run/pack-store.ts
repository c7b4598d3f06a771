// run: the packs made on request, kept by job id: <out>/serve/packs/<id>.pdf and <id>.json. The
// id names the inputs, so a file there is never replaced: it is written once, whole, by a hard
// link from a temporary file (link() fails rather than overwrite), and a second worker that made
// the same pack (a job retried while the first was still finishing) leaves the first one's file.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ID = /^[0-9a-f]{32}$/;

/** What is kept beside each PDF. */
export interface StoredPack {
  /** The pack's file name as `brief pack` would write it (without .pdf). */
  readonly name: string;
  readonly pages: number;
  readonly editionDate: string;
  readonly documents: readonly string[];
  readonly size: number;
}

/** Where the server keeps what it made, and the work folders its jobs build in. */
export const serveDir = (outDir: string): string => path.join(path.resolve(outDir), 'serve');

export class PackStore {
  readonly dir: string;
  constructor(outDir: string) {
    this.dir = path.join(serveDir(outDir), 'packs');
  }

  /** The PDF's path; only an id of 32 hex digits ever becomes one. */
  pdfPath(id: string): string {
    if (!ID.test(id)) throw new Error(`not a pack id: ${JSON.stringify(id).slice(0, 80)}`);
    return path.join(this.dir, `${id}.pdf`);
  }

  has(id: string): boolean {
    return existsSync(this.pdfPath(id));
  }

  async meta(id: string): Promise<StoredPack | undefined> {
    if (!this.has(id)) return undefined;
    return readFile(this.pdfPath(id).replace(/\.pdf$/, '.json'), 'utf8').then((t) => JSON.parse(t) as StoredPack, () => undefined);
  }

  /** Copies `pdf` in as the pack `id`, with its record, unless it is already there. */
  async commit(id: string, pdf: string, made: Omit<StoredPack, 'size'>): Promise<void> {
    const meta: StoredPack = { ...made, size: (await stat(pdf)).size };
    const final = this.pdfPath(id);
    await mkdir(this.dir, { recursive: true });
    const tmp = `${final}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      // The record first, so a PDF is never there without one.
      await writeDurably(`${tmp}.json`, JSON.stringify(meta, null, 2));
      await linkOnce(`${tmp}.json`, final.replace(/\.pdf$/, '.json'));
      await copyFile(pdf, tmp);
      await syncFile(tmp);
      await linkOnce(tmp, final);
    } finally {
      await unlink(tmp).catch(() => undefined);
      await unlink(`${tmp}.json`).catch(() => undefined);
    }
  }
}

async function linkOnce(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeDurably(file: string, text: string): Promise<void> {
  await writeFile(file, text);
  await syncFile(file);
}
