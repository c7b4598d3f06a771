// run: the check's parse cache on disk, out/.brief/check-cache.json: the plain values of the YAML
// texts the fast reader read (core/parse-cache.ts), by the sha256 of each text, and the template
// check's findings, by a hash of everything they follow from (run/template-check.ts). A first line says
// the version and the checksum of the rest; the file is written whole to a temporary name and
// renamed, so a killed run leaves the last cache or none. A cache of another version, damaged or
// cut short is ignored (and written afresh at the end of the run): it can only cost time.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ParseCache } from '../core/parse-cache.ts';
import { stateDir } from './staging.ts';

/** Raised whenever what the fast reader gives for a text could change (core/yaml-fast.ts). */
export const CHECK_CACHE_VERSION = 1;

export const checkCachePath = (outDir: string): string => path.join(stateDir(outDir), 'check-cache.json');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache as written: its first line `{version, checksum}`, then the entries. */
export function parseCheckCache(text: string): ParseCache | undefined {
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  try {
    const head = JSON.parse(text.slice(0, nl)) as { version?: unknown; checksum?: unknown };
    const body = text.slice(nl + 1);
    if (head.version !== CHECK_CACHE_VERSION || head.checksum !== sha256(body)) return undefined;
    const entries = JSON.parse(body) as unknown;
    if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && typeof e[0] === 'string'))
      return undefined;
    return new ParseCache(entries as [string, unknown][]);
  } catch {
    return undefined;
  }
}

/** The last run's cache, or an empty one when there is none or it is not this version's, whole. */
export async function readCheckCache(outDir: string): Promise<ParseCache> {
  const text = await readFile(checkCachePath(outDir), 'utf8').catch(() => undefined);
  return (text === undefined ? undefined : parseCheckCache(text)) ?? new ParseCache();
}

/** Whether JSON gives `value` back as it is: no NaN, infinity or -0 (written as null or 0). */
function jsonSafe(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (value === null || typeof value !== 'object') return value !== undefined;
  return Object.values(value).every(jsonSafe);
}

/** The cache as text: the entries this run asked for that JSON keeps as they are. */
export function checkCacheText(cache: ParseCache): string {
  const body = JSON.stringify(cache.entries().filter(([, value]) => jsonSafe(value)));
  return `${JSON.stringify({ version: CHECK_CACHE_VERSION, checksum: sha256(body) })}\n${body}`;
}

/** Writes the cache when this run changed it. A cache that cannot be written is not an error: the next check reads afresh. */
export async function writeCheckCache(outDir: string, cache: ParseCache): Promise<void> {
  if (!cache.changed) return;
  const file = checkCachePath(outDir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, checkCacheText(cache));
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}
