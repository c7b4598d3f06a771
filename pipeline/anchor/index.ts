// anchor: Model + source texts → where each claim's quote stands in its source's text.
// This is the first form: exact, then whitespace/quote/dash-folded matching. Fuzzy matching
// across page breaks and footnote blocks, excludes and selectors come with their own issue.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { Model } from '../model/index.ts';

export const AnchorStatus = { exact: 'exact', normalized: 'normalized', notFound: 'not-found', noText: 'no-text' } as const;
export type AnchorStatus = (typeof AnchorStatus)[keyof typeof AnchorStatus];

export interface Anchor {
  readonly status: AnchorStatus;
  /** Offsets in the source text, in UTF-16 code units (JavaScript string indices). */
  readonly start?: number;
  readonly end?: number;
}

export interface Anchoring {
  readonly anchors: ReadonlyMap<string, Anchor>;
  /** Source id → the text file found for it, if any. */
  readonly texts: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Folds what differs between a careful quote and a capture: quotes, dashes, spaces, case of nothing else. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function findQuote(text: string, quote: string): Anchor {
  const start = text.indexOf(quote);
  if (start >= 0) return { status: 'exact', start, end: start + quote.length };
  return fold(text).includes(fold(quote)) ? { status: 'normalized' } : { status: 'not-found' };
}

export async function anchorClaims(model: Model, textDirs: readonly string[]): Promise<Anchoring> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const anchors = new Map<string, Anchor>();
  const dirs = [path.join(model.dataDir, 'sources', 'text'), ...textDirs];
  const contents = new Map<string, string | undefined>();
  for (const source of model.sources.values()) {
    const found = dirs.map((d) => path.resolve(d, source.text)).find((p) => existsSync(p));
    if (found) texts.set(source.id, found);
    contents.set(source.id, found ? await readFile(found, 'utf8') : undefined);
  }
  for (const claim of model.claims.values()) {
    const text = contents.get(claim.source);
    if (text === undefined) {
      anchors.set(claim.id, { status: 'no-text' });
      continue;
    }
    const anchor = findQuote(text, claim.quote);
    anchors.set(claim.id, anchor);
    if (anchor.status === 'not-found') {
      diagnostics.push(diagnostic(claim.quoteAt, 'E_QUOTE_NOT_FOUND', `the quote of claim "${claim.id}" is not in the text of source "${claim.source}"`,
        'copy the quote from the source text as it stands; leave out footnote markers and line breaks'));
    }
  }
  const missing = [...model.sources.values()].filter((s) => !texts.has(s.id));
  for (const s of missing) {
    diagnostics.push(diagnostic(s.at, 'W_NO_TEXT', `the text of source "${s.id}" (${s.text}) was not found; its claims are unverified`,
      `put ${s.text} in data/sources/text/, or name its folder with --texts DIR or BRIEF_TEXTS`, 'warning'));
  }
  return { anchors, texts, diagnostics };
}
