// commands: the corpus side of `brief capture`: the sources already there (to keep a re-captured source's
// id and hand-written fields), a new source's id, its front matter, and where its locked quotes now stand.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { findQuote, prepareText } from '../anchor/find-quote.ts';
import type { AnchorLock, LockEntry } from '../anchor/lock.ts';
import { lockedPassage, passageNote } from '../anchor/lock-passage.ts';
import type { Captured, CaptureMetadata } from '../capture/index.ts';
import { parseMarkdown, parseYaml } from '../load/parse-files.ts';

export interface ExistingSource {
  readonly id: string;
  readonly file: string;
  readonly frontMatter: Record<string, unknown>;
  readonly body: string;
}

/** Every source file of the corpus that parses, front matter as plain values. */
export async function existingSources(dataDir: string): Promise<ExistingSource[]> {
  const dir = path.join(dataDir, 'sources');
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const found: ExistingSource[] = [];
  for (const f of files) {
    const file = path.join(dir, f);
    const parsed = parseMarkdown(file, await readFile(file, 'utf8'));
    const fm = parsed.value?.frontMatter.doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown> | undefined;
    if (fm && typeof fm === 'object')
      found.push({
        id: typeof fm.id === 'string' ? fm.id : f.replace(/\.md$/, ''),
        file,
        frontMatter: fm,
        body: parsed.value!.body,
      });
  }
  return found;
}

/** The source a captured file already is: the one with this id, else the one captured from a file of this name, else from this URL. */
export function sourceFor(
  sources: readonly ExistingSource[],
  id: string | undefined,
  file: string,
  url: string | undefined,
): ExistingSource | undefined {
  if (id) return sources.find((s) => s.id === id);
  const from = (s: ExistingSource) => (s.frontMatter.captured_from as { file?: unknown } | undefined)?.file;
  return (
    sources.find((s) => from(s) === path.basename(file)) ??
    (url ? sources.find((s) => s.frontMatter.url === url) : undefined)
  );
}

/** Latin letters NFKD does not take apart: Azerbaijani ə and ı among them. */
const LATIN: Readonly<Record<string, string>> = {
  ə: 'e',
  ı: 'i',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  þ: 'th',
};
const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[əıßøæœđłþ]/g, (c) => LATIN[c]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

/** <first author's family name, or the publisher, or the file name>-<year>, made unique among `taken`. */
export function deriveId(
  metadata: CaptureMetadata & { family?: string },
  file: string,
  taken: ReadonlySet<string>,
): string {
  // "Jane Doe" → Doe; "Doe, Jane" → Doe.
  const first = metadata.authors?.[0];
  const family = metadata.family ?? (first?.includes(',') ? first.split(',')[0] : first?.split(/\s+/).at(-1));
  const base =
    [family, metadata.publisher, path.basename(file).replace(/\.[^.]+$/, '')]
      .map((s) => (s ? slug(s) : ''))
      .find(Boolean) || 'source';
  const year = /^\d{4}/.exec(metadata.published ?? '')?.[0];
  const id = year ? `${base}-${year}` : base;
  let unique = id;
  for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
  return unique;
}

/** Fields a person writes, which a re-capture keeps as they are. */
const HAND_WRITTEN = ['kind', 'perspective', 'reliability', 'reliability_note', 'exclude', 'distribution'] as const;
/** The order fields are written in. */
const ORDER = [
  'id',
  'title',
  'authors',
  'published',
  'publisher',
  'kind',
  'perspective',
  'reliability',
  'reliability_note',
  'url',
  'language',
  'distribution',
  'exclude',
  'text',
  'text_sha256',
  'captured_from',
];

/** The source's front matter: the file's metadata; a re-capture keeps the hand-written fields, and earlier values where the file says nothing. */
export function frontMatter(
  id: string,
  text: string,
  sha: string,
  captured: Captured,
  metadata: CaptureMetadata,
  file: string,
  given: Record<string, string | undefined>,
  existing?: ExistingSource,
): Record<string, unknown> {
  const old = existing?.frontMatter ?? {};
  const read: Record<string, unknown> = {
    title: metadata.title,
    authors: metadata.authors?.length ? [...metadata.authors] : undefined,
    published: metadata.published,
    publisher: metadata.publisher,
    url: metadata.url,
    language: metadata.language,
  };
  const fm: Record<string, unknown> = {
    ...old,
    id,
    text,
    text_sha256: sha,
    captured_from: {
      file: path.basename(file),
      format: captured.format,
      captured: new Date().toISOString().slice(0, 10),
    },
  };
  for (const [k, v] of Object.entries(read)) if (v !== undefined) fm[k] = v;
  for (const k of HAND_WRITTEN) if (old[k] !== undefined) fm[k] = old[k];
  for (const [k, v] of Object.entries(given)) if (v !== undefined) fm[k] = v;
  return Object.fromEntries(
    [
      ...ORDER.filter((k) => fm[k] !== undefined),
      ...Object.keys(fm).filter((k) => !ORDER.includes(k) && fm[k] !== undefined),
    ].map((k) => [k, fm[k]]),
  );
}

export const sourceFile = (fm: Record<string, unknown>, body: string) =>
  `---\n${stringify(fm, { lineWidth: 0 })}---\n${body ? `\n${body.replace(/^\n+/, '')}` : ''}`;

interface Requote {
  readonly claim: string;
  readonly detail?: string;
}
export interface Recapture {
  readonly moved: Requote[];
  readonly unchanged: Requote[];
  readonly changed: Requote[];
  readonly vanished: Requote[];
}

/** The claims of `source` (id → quote), from every claims file that parses. */
export async function claimsOf(dataDir: string, source: string): Promise<Map<string, string>> {
  const dir = path.join(dataDir, 'claims');
  const claims = new Map<string, string>();
  if (!existsSync(dir)) return claims;
  for (const f of (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const parsed = parseYaml(f, await readFile(path.join(dir, f), 'utf8'));
    const js = parsed.value?.doc.toJS({ maxAliasCount: 50 }) as
      | { source?: unknown; claims?: { id?: unknown; quote?: unknown }[] }
      | undefined;
    if (js?.source !== source || !Array.isArray(js.claims)) continue;
    for (const c of js.claims) if (typeof c?.id === 'string' && typeof c.quote === 'string') claims.set(c.id, c.quote);
  }
  return claims;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const lockedText = (e: LockEntry) =>
  e.selector.type === 'TextQuoteSelector'
    ? e.selector.exact
    : `${e.selector.startSelector.exact} … ${e.selector.endSelector.exact}`;

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
/**
 * Whether the place the lock had a quote now holds the same passage reworded: at least half the
 * quote's words are still there. A passage cut out, or gone with its surroundings, does not.
 */
function readsNow(text: string, entry: LockEntry): boolean {
  const found = lockedPassage(text, entry);
  if (found.kind === 'gone') return false;
  const old = words(lockedText(entry));
  const now = new Set(words(found.text));
  return old.length > 0 && old.filter((w) => now.has(w)).length * 2 >= old.length;
}

/**
 * Each locked quote of the source, anchored in the new text: unchanged (the same span), moved (found
 * elsewhere), changed (not found, and the place the lock had it holds the passage reworded: old → new) or
 * vanished (not found, and that place is cut out, gone, or holds other words). A quote not in the lock yet counts as unchanged.
 */
export function compareRecapture(
  text: string,
  claims: ReadonlyMap<string, string>,
  lock: AnchorLock | undefined,
  textFile: string,
): Recapture {
  const prepared = prepareText(text);
  const result: Recapture = { moved: [], unchanged: [], changed: [], vanished: [] };
  for (const [claim, quote] of claims) {
    const entry = lock?.claims.get(claim);
    const anchor = findQuote(prepared, quote);
    const found = anchor.start !== undefined && anchor.end !== undefined;
    if (found && entry) {
      if (anchor.start === entry.start && anchor.end === entry.end) result.unchanged.push({ claim });
      else result.moved.push({ claim, detail: `${entry.start}–${entry.end} → ${anchor.start}–${anchor.end}` });
    } else if (found) result.unchanged.push({ claim, detail: 'not in the evidence lock yet' });
    else if (entry && entry.text.file === textFile && readsNow(text, entry)) {
      result.changed.push({ claim, detail: `“${oneLine(lockedText(entry))}” → ${passageNote(text, entry)}` });
    } else result.vanished.push({ claim, detail: entry ? passageNote(text, entry) : 'not found in the new text' });
  }
  return result;
}
