// capture: the metadata fields as files write them (ISO and PDF dates, locales, author lists, HTML
// <meta>, OpenGraph and JSON-LD, DOCX core properties) → CaptureMetadata's plain values.
import type { CaptureMetadata } from './types.ts';

/** A date as files write it ("2024-03-05T10:00:00Z", "D:20240305…", "2024-03") → EDTF (2024-03-05), or undefined. */
export function edtfDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(s);
  const iso = pdf ?? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])/.exec(s);
  if (!iso) return undefined;
  const [, y, m, d] = iso;
  if (m !== undefined && (Number(m) < 1 || Number(m) > 12)) return y;
  if (d !== undefined && (Number(d) < 1 || Number(d) > 31)) return `${y}-${m}`;
  return [y, m, d].filter((p) => p !== undefined).join('-');
}

/** A language tag as files write it ("en_US", "EN", "fa-IR") → "en-US", "en", "fa-IR"; undefined if it is not one. */
export function languageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.trim().replace(/_/g, '-').split('-');
  if (!/^[a-z]{2,3}$/i.test(parts[0] ?? '') || parts.slice(1).some((p) => !/^[a-z0-9]{2,8}$/i.test(p)))
    return undefined;
  return [parts[0]!.toLowerCase(), ...parts.slice(1).map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}

/** One line of text, or undefined when empty. */
export function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/\s+/g, ' ').trim();
  return s || undefined;
}

/** "A. Smith; B. Jones", "A. Smith and B. Jones", ["A. Smith"] → names. A "Family, Given" pair stays one name. */
export function authorList(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  const names = items
    .flatMap((v) => (typeof v === 'string' ? v.split(/\s*(?:;|\s&\s|\band\b)\s*/) : []))
    .map(clean)
    .filter((n): n is string => n !== undefined && !/^https?:/.test(n));
  return names.length ? [...new Set(names)] : undefined;
}

const DOI = /\b10\.\d{4,9}\/[^\s"'<>]+/;
/** The first DOI in a text (its first 20,000 characters), without trailing punctuation. */
export function findDoi(text: string | undefined): string | undefined {
  const m = text ? DOI.exec(text.slice(0, 20_000)) : null;
  return m ? m[0].replace(/[.,;:)\]]+$/, '').toLowerCase() : undefined;
}

/** Fields in order of trust: the first defined one wins for each. */
export function mergeMetadata(...all: readonly (CaptureMetadata | undefined)[]): CaptureMetadata {
  const out: Record<string, unknown> = {};
  for (const m of all) {
    for (const [k, v] of Object.entries(m ?? {})) if (out[k] === undefined && v !== undefined) out[k] = v;
  }
  return out as CaptureMetadata;
}

type El = { getAttribute(name: string): string | null; textContent: string | null };
type Doc = {
  querySelectorAll(selector: string): Iterable<El> & { length: number };
  documentElement: El | null;
  title?: string;
};

const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|Report|WebPage)$/;
interface JsonLdArticle {
  headline?: unknown;
  name?: unknown;
  author?: unknown;
  datePublished?: unknown;
  publisher?: unknown;
  url?: unknown;
  inLanguage?: unknown;
}

/** The first JSON-LD object whose @type is an article, looked for in arrays and @graph. */
function jsonLdArticle(doc: Doc): JsonLdArticle | undefined {
  const found: JsonLdArticle[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const types = ([] as unknown[]).concat(o['@type'] ?? []);
      if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A page's broken JSON-LD says nothing; the other metadata still does.
    }
  }
  // An article before a plain web page.
  return found.find((o) => !/WebPage/.test(String(o['@type' as keyof JsonLdArticle]))) ?? found[0];
}

const names = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(names) : v && typeof v === 'object' ? (v as { name?: unknown }).name : v;

/** What a saved web page says about itself: <meta>, OpenGraph, article:*, JSON-LD, <html lang>, <link rel=canonical>. */
export function htmlMetadata(doc: Doc): CaptureMetadata {
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      for (const el of doc.querySelectorAll(`meta[name="${key}" i], meta[property="${key}" i]`)) {
        const v = clean(el.getAttribute('content'));
        if (v) return v;
      }
    }
    return undefined;
  };
  const all = (key: string) =>
    [...doc.querySelectorAll(`meta[name="${key}" i], meta[property="${key}" i]`)].map(
      (el) => el.getAttribute('content') ?? '',
    );
  const ld = jsonLdArticle(doc);
  const canonical = [...doc.querySelectorAll('link[rel~="canonical" i]')][0]?.getAttribute('href');
  const url = [canonical, meta('og:url')].find((u) => u && /^https?:\/\//.test(u)) ?? undefined;
  const doi = findDoi(meta('citation_doi', 'dc.identifier', 'prism.doi'));
  return {
    title:
      clean(names(ld?.headline)) ?? meta('og:title', 'citation_title', 'dc.title', 'twitter:title') ?? clean(doc.title),
    authors:
      authorList(names(ld?.author)) ??
      authorList(all('citation_author').filter(Boolean).length ? all('citation_author') : undefined) ??
      authorList(meta('author', 'article:author', 'dc.creator')),
    published:
      edtfDate(ld?.datePublished) ??
      edtfDate(
        meta('article:published_time', 'citation_publication_date', 'citation_date', 'dc.date', 'date', 'pubdate'),
      ),
    publisher: clean(names(ld?.publisher)) ?? meta('og:site_name', 'citation_publisher', 'dc.publisher'),
    url,
    language:
      languageTag(doc.documentElement?.getAttribute('lang')) ??
      languageTag(ld?.inLanguage) ??
      languageTag(meta('og:locale', 'dc.language', 'language')),
    doi,
  };
}

/** DOCX core properties (docProps/core.xml), as a parsed XML document's elements. */
export function coreProperties(elements: Iterable<{ tagName: string; textContent: string | null }>): CaptureMetadata {
  const by = new Map<string, string>();
  for (const el of elements) {
    const name = el.tagName.toLowerCase();
    if (!by.has(name) && el.textContent?.trim()) by.set(name, el.textContent);
  }
  return {
    title: clean(by.get('dc:title')),
    authors: authorList(by.get('dc:creator')),
    published: edtfDate(by.get('dcterms:created')),
    language: languageTag(by.get('dc:language')),
    doi: findDoi(by.get('dc:identifier')),
  };
}
