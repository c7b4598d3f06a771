// service: the packs made on request, kept by job id: <out>/serve/packs/<id>.pdf and <id>.json. The
// id names the inputs, so a file there is never replaced: it is written once, whole, by a hard
// link from a temporary file (link() fails rather than overwrite), and a second worker that made
// the same pack (a job retried while the first was still finishing) leaves the first one's file.
//
// A pack whose PDF or record was removed since, or is damaged (a PDF cut short, a record that is
// not JSON), is not in the store: its leftovers are removed, so the next request makes it again.
//
// The store keeps at most `keep` packs (--store-keep), the most recently made or served: each
// commit removes the least recently used past it (a reader already streaming one keeps its file
// open; a pack removed is made again when asked for).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ID = /^[0-9a-f]{32}$/;

/** What is kept beside each PDF. */
export interface StoredPack {
  /** The audience it is for (records written before it was kept have none). */
  readonly audience?: string;
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
  constructor(
    outDir: string,
    private readonly keep = Number.POSITIVE_INFINITY,
  ) {
    this.dir = path.join(serveDir(outDir), 'packs');
  }

  /** Marks the pack used now (it is served): the last to be removed past `keep`. */
  async touch(id: string): Promise<void> {
    const now = new Date();
    await utimes(this.pdfPath(id), now, now).catch(() => undefined);
  }

  /** Removes the least recently used packs past `keep`. */
  async prune(): Promise<number> {
    const pdfs = (await readdir(this.dir).catch(() => [] as string[])).filter((f) => /^[0-9a-f]{32}\.pdf$/.test(f));
    if (pdfs.length <= this.keep) return 0;
    const used = await Promise.all(
      pdfs.map(async (f) => ({
        id: f.slice(0, 32),
        at: await stat(path.join(this.dir, f)).then(
          (st) => st.mtimeMs,
          () => 0,
        ),
      })),
    );
    used.sort((a, b) => b.at - a.at);
    const old = used.slice(this.keep);
    for (const { id } of old) await this.discard(id);
    return old.length;
  }

  /** The PDF's path; only an id of 32 hex digits ever becomes one. */
  pdfPath(id: string): string {
    if (!ID.test(id)) throw new Error(`not a pack id: ${JSON.stringify(id).slice(0, 80)}`);
    return path.join(this.dir, `${id}.pdf`);
  }

  recordPath(id: string): string {
    return this.pdfPath(id).replace(/\.pdf$/, '.json');
  }

  /** The pack's record when its PDF and record are both there and whole; undefined otherwise. */
  async meta(id: string): Promise<StoredPack | undefined> {
    const pdf = this.pdfPath(id);
    if (!existsSync(pdf)) return undefined;
    const record = await readFile(this.recordPath(id), 'utf8').then(parseOrUndefined, () => undefined);
    if (!isStoredPack(record)) return undefined;
    const size = await stat(pdf).then(
      (s) => s.size,
      () => -1,
    );
    return size === record.size && (await startsAsPdf(pdf)) ? record : undefined;
  }

  /** Made and whole: the PDF and its record as they were committed. */
  async has(id: string): Promise<boolean> {
    return (await this.meta(id)) !== undefined;
  }

  /** Removes what is left of a pack that is not whole, so it can be made and committed again. */
  async discard(id: string): Promise<void> {
    await unlink(this.pdfPath(id)).catch(() => undefined);
    await unlink(this.recordPath(id)).catch(() => undefined);
  }

  /** Copies `pdf` in as the pack `id`, with its record, unless it is already there. */
  async commit(id: string, pdf: string, made: Omit<StoredPack, 'size'>): Promise<void> {
    const meta: StoredPack = { ...made, size: (await stat(pdf)).size };
    const final = this.pdfPath(id);
    await mkdir(this.dir, { recursive: true });
    // Callers hold the job's work lock, so no other commit of this id runs now: what is there and
    // not whole is a leftover (removed by hand, cut short), not a commit half done.
    if (await this.has(id)) return;
    await this.discard(id);
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
    await this.prune();
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // damaged: the pack is made again
  }
}

function isStoredPack(v: unknown): v is StoredPack {
  const r = v as Partial<StoredPack> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.name === 'string' &&
    typeof r.size === 'number' &&
    typeof r.pages === 'number'
  );
}

async function startsAsPdf(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    return bytesRead === 5 && buffer.toString('latin1') === '%PDF-';
  } finally {
    await handle.close();
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
