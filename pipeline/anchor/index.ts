// anchor: Model + source texts → where each claim's quote stands in its source's text.
// Statuses: exact, normalized (after folding typography, markup and footnote markers),
// fuzzy (across interruptions or a lost drop capital, with a score), not-found, excluded
// (only in a part of the text that is not the author's), no-text (the text was not found).
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { Model, Source } from '../model/index.ts';
import { findQuote, prepareText, type Anchor, type PreparedText, type Range } from './find-quote.ts';
import { describeQuote, sha256, type TextQuoteSelector } from './selector.ts';

export { AnchorStatus, findQuote, prepareText, type Anchor, type PreparedText, type Range } from './find-quote.ts';
export type { TextQuoteSelector } from './selector.ts';

export interface ClaimAnchor extends Anchor {
  /** Present when anchored: how to find the span again, and the text it was found in. */
  readonly selector?: TextQuoteSelector;
  readonly textSha256?: string;
}

export interface SourceText {
  readonly file: string;
  readonly sha256: string;
  readonly excluded: readonly Range[];
}

export interface Anchoring {
  readonly anchors: ReadonlyMap<string, ClaimAnchor>;
  /** Source id → the text file found for it. */
  readonly texts: ReadonlyMap<string, SourceText>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Each `exclude` entry as a range of the text; an entry whose snippets are not in the text is an error. */
function excludedRanges(source: Source, text: string, file: string, diagnostics: Diagnostic[]): Range[] {
  const find = (snippet: string, from: number) => {
    const i = text.indexOf(snippet, from);
    if (i >= 0) return { start: i, end: i + snippet.length };
    const a = findQuote(prepareText(text.slice(from)), snippet);
    return a.start === undefined ? undefined : { start: a.start + from, end: a.end! + from };
  };
  const ranges: Range[] = [];
  source.exclude.forEach((entry, i) => {
    const at = source.excludeAt[i]!;
    const from = find(entry.from, 0);
    if (!from) {
      diagnostics.push(diagnostic(at.from, 'E_EXCLUDE_NOT_FOUND', `exclude of source "${source.id}": the "from" snippet is not in ${path.basename(file)}`, 'copy a short snippet verbatim from the first line to leave out'));
      return;
    }
    if (entry.to === undefined) {
      ranges.push({ start: from.start, end: text.length });
      return;
    }
    const to = find(entry.to, from.end);
    if (!to) {
      diagnostics.push(diagnostic(at.to ?? at.from, 'E_EXCLUDE_NOT_FOUND', `exclude of source "${source.id}": the "to" snippet is not in ${path.basename(file)} after the "from" snippet`, 'copy a short snippet verbatim from the last line to leave out, or drop "to" to exclude everything after "from"'));
      return;
    }
    ranges.push({ start: from.start, end: to.end });
  });
  return ranges;
}

export async function anchorClaims(model: Model, textDirs: readonly string[]): Promise<Anchoring> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, SourceText>();
  const prepared = new Map<string, PreparedText>();
  const dirs = [path.join(model.dataDir, 'sources', 'text'), ...textDirs];
  for (const source of model.sources.values()) {
    const file = dirs.map((d) => path.resolve(d, source.text)).find((p) => existsSync(p) && statSync(p).isFile());
    if (!file) {
      const count = [...model.claims.values()].filter((c) => c.source === source.id).length;
      diagnostics.push(diagnostic(source.at, 'W_NO_TEXT', `the text of source "${source.id}" (${source.text}) was not found; its ${count} claim${count === 1 ? ' is' : 's are'} unverified`,
        `put ${source.text} in data/sources/text/, or name its folder with --texts DIR or BRIEF_TEXTS`, 'warning'));
      continue;
    }
    const text = await readFile(file, 'utf8');
    const excluded = excludedRanges(source, text, file, diagnostics);
    texts.set(source.id, { file, sha256: sha256(text), excluded });
    prepared.set(source.id, prepareText(text, excluded));
  }

  const anchors = new Map<string, ClaimAnchor>();
  for (const claim of model.claims.values()) {
    const text = prepared.get(claim.source);
    if (!text) {
      anchors.set(claim.id, { status: 'no-text' });
      continue;
    }
    const anchor = findQuote(text, claim.quote);
    if (anchor.start !== undefined && anchor.end !== undefined) {
      anchors.set(claim.id, { ...anchor, selector: describeQuote(text.text, anchor.start, anchor.end), textSha256: texts.get(claim.source)!.sha256 });
    } else anchors.set(claim.id, anchor);
    if (anchor.status === 'not-found') {
      diagnostics.push(diagnostic(claim.quoteAt, 'E_QUOTE_NOT_FOUND', `the quote of claim "${claim.id}" is not in the text of source "${claim.source}"`,
        'copy the quote from the source text as it stands (footnote markers, line breaks and typography may differ; words and numbers may not)'));
    } else if (anchor.status === 'excluded') {
      diagnostics.push(diagnostic(claim.quoteAt, 'E_QUOTE_EXCLUDED', `the quote of claim "${claim.id}" is found only in a part of the text that is not the author's (an "exclude" of source "${claim.source}")`,
        'quote the author, not reader comments or site boilerplate; or correct the source\'s exclude entries'));
    }
  }
  return { anchors, texts, diagnostics };
}
