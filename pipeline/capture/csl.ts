// capture: a CSL-JSON export (Zotero's "Export → CSL JSON") → its items, every problem located; and the
// item a captured file is, matched by DOI, else URL, else title, whose fields then win over the file's own.
import { diagnostic } from '../core/diagnostics.ts';
import { locate, parseYaml } from '../core/yaml-positions.ts';
import { CaptureError, type CaptureMetadata } from './types.ts';
import { clean, edtfDate, findDoi, languageTag } from './metadata.ts';

type Name = { family?: string; given?: string; literal?: string };
export interface CslItem {
  readonly title?: string;
  readonly author?: readonly Name[];
  readonly issued?: { 'date-parts'?: readonly (readonly (number | string)[])[]; raw?: string; literal?: string };
  readonly 'container-title'?: string;
  readonly publisher?: string;
  readonly URL?: string;
  readonly DOI?: string;
  readonly language?: string;
}

/** CSL-JSON is JSON, and JSON is YAML: the YAML parser gives every value its line and column. */
export function parseCsl(text: string, file: string): CslItem[] {
  const parsed = parseYaml(file, text.replace(/^\uFEFF/, ''));
  if (!parsed.value)
    throw new CaptureError({
      ...parsed.diagnostics[0]!,
      message: parsed.diagnostics[0]!.message.replace('YAML syntax error', 'not valid JSON'),
      hint: 'export the library again from Zotero (File → Export Library… → CSL JSON), or mend the file at this place',
    });
  const src = parsed.value;
  const json = src.doc.toJS({ maxAliasCount: 50 }) as unknown;
  const problem = (at: (string | number)[], message: string) =>
    new CaptureError(
      diagnostic(
        locate(src, at),
        'E_BAD_TYPE',
        `not a CSL-JSON export: ${message}`,
        'a CSL-JSON file is a list of items such as {"title": "…", "author": [{"family": "…", "given": "…"}], "issued": {"date-parts": [[2024, 3, 5]]}}',
      ),
    );
  if (!Array.isArray(json)) throw problem([], 'the file is not a list of items');
  json.forEach((item: unknown, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw problem([i], `item ${i + 1} is not an object`);
    const o = item as Record<string, unknown>;
    for (const key of ['title', 'container-title', 'publisher', 'URL', 'DOI', 'language'] as const) {
      if (o[key] !== undefined && typeof o[key] !== 'string')
        throw problem([i, key], `"${key}" of item ${i + 1} is not a string`);
    }
    if (o.author !== undefined && (!Array.isArray(o.author) || o.author.some((a) => !a || typeof a !== 'object')))
      throw problem(
        [i, 'author'],
        `"author" of item ${i + 1} is not a list of names ({"family", "given"} or {"literal"})`,
      );
  });
  return json as CslItem[];
}

const fold = (s: string | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const bareUrl = (u: string | undefined) =>
  (u ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '');

const nameOf = (n: Name) => clean(n.literal) ?? clean([n.given, n.family].filter(Boolean).join(' '));

/** The item's fields as metadata; `family` is the first author's family name, for an id. */
export function cslMetadata(item: CslItem): CaptureMetadata & { family?: string } {
  const parts = item.issued?.['date-parts']?.[0];
  const published = parts?.length
    ? parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-')
    : (item.issued?.raw ?? item.issued?.literal);
  const authors = (item.author ?? []).map(nameOf).filter((n): n is string => Boolean(n));
  const first = item.author?.[0];
  return {
    title: clean(item.title),
    authors: authors.length ? authors : undefined,
    published: edtfDate(published),
    publisher: clean(item.publisher) ?? clean(item['container-title']),
    url: clean(item.URL),
    language: languageTag(item.language),
    doi: findDoi(item.DOI),
    family: clean(first?.family ?? first?.literal),
  };
}

/** The item for a captured file: by DOI (its metadata or text), else URL, else title; E_CAPTURE_NO_MATCH with the nearest titles. */
export function matchCsl(
  items: readonly CslItem[],
  metadata: CaptureMetadata,
  text: string,
  file: string,
  cslFile: string,
): CslItem {
  const doi = metadata.doi ?? findDoi(text);
  const byDoi = doi ? items.find((i) => findDoi(i.DOI) === doi) : undefined;
  if (byDoi) return byDoi;
  const byUrl = metadata.url ? items.find((i) => i.URL && bareUrl(i.URL) === bareUrl(metadata.url)) : undefined;
  if (byUrl) return byUrl;
  const title = fold(metadata.title);
  const byTitle = title ? items.find((i) => fold(i.title) === title) : undefined;
  if (byTitle) return byTitle;
  const words = new Set((title || fold(text.slice(0, 2000))).split(' '));
  const near = items
    .map((i) => ({
      title: i.title ?? '(untitled)',
      score: fold(i.title)
        .split(' ')
        .filter((w) => words.has(w)).length,
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .filter((n) => n.score > 0)
    .map((n) => `“${n.title}”`);
  const looked =
    [doi && `DOI ${doi}`, metadata.url && `URL ${metadata.url}`, metadata.title && `title “${metadata.title}”`]
      .filter(Boolean)
      .join(', ') || 'no DOI, URL or title in the file';
  throw new CaptureError(
    diagnostic(
      { file, line: 1, column: 1 },
      'E_CAPTURE_NO_MATCH',
      `no item of ${cslFile} matches this file (looked for ${looked})${near.length ? `; the nearest titles: ${near.join(', ')}` : ''}`,
      'export the item for this file from Zotero along with the others, give its DOI or URL there, or capture without --csl and fill in the front matter',
    ),
  );
}
