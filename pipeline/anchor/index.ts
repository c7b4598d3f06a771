// anchor: Model + source texts → where each claim's quote stands in its source's text.
// Statuses: exact, normalized (after folding typography, markup and footnote markers),
// fuzzy (across interruptions or a lost drop capital, with a score), not-found, excluded
// (only in a part of the text that is not the author's), no-text (the text was not found).
// Where a text is missing, the evidence lock (lock.ts) may vouch for a quote instead: `via: 'lock'`.
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import type { Claim, Model, Source } from '../model/index.ts';
import { type FileSource, readTextFrom } from '../core/world.ts';
import { describeChanges, nearestPassage, textWords } from './nearest.ts';
import { findQuote, prepareText, type Anchor, type PreparedText, type Range } from './find-quote.ts';
import { applyLock, entryMatches, type AnchorLock } from './lock.ts';
import { passageNote } from './lock-passage.ts';
import { describeQuote, sha256, type RangeSelector, type TextQuoteSelector } from './selector.ts';
import { locate, textLocations, writtenPages, type TextLocations } from './locator.ts';

export { AnchorStatus, findQuote, prepareText, type Anchor, type Range } from './find-quote.ts';

/** Where a verification comes from: the text at hand, or the evidence lock written when the text was. */
const AnchorVia = { text: 'text', lock: 'lock' } as const;
type AnchorVia = (typeof AnchorVia)[keyof typeof AnchorVia];

export interface ClaimAnchor extends Anchor {
  /**
   * Present when anchored: how to find the span again, and the text it was found in. A RangeSelector
   * only from the evidence lock, for a span that holds more than its quote (see compactSelector).
   */
  readonly selector?: TextQuoteSelector | RangeSelector;
  readonly textSha256?: string;
  readonly via?: AnchorVia;
  /**
   * Where the span stands, computed from the text (or recorded in the lock): "p. 7" in a paged
   * text, else `“Heading”, para. 3`; absent where the text says nothing (see locator.ts).
   */
  readonly locator?: string;
}

interface SourceText {
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
export function excludedRanges(source: Source, text: string, file: string, diagnostics: Diagnostic[]): Range[] {
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
      diagnostics.push(
        diagnostic(
          at.from,
          'E_EXCLUDE_NOT_FOUND',
          `exclude of source "${source.id}": the "from" snippet is not in ${path.basename(file)}`,
          'copy a short snippet verbatim from the first line to leave out',
        ),
      );
      return;
    }
    if (entry.to === undefined) {
      ranges.push({ start: from.start, end: text.length });
      return;
    }
    const to = find(entry.to, from.end);
    if (!to) {
      diagnostics.push(
        diagnostic(
          at.to ?? at.from,
          'E_EXCLUDE_NOT_FOUND',
          `exclude of source "${source.id}": the "to" snippet is not in ${path.basename(file)} after the "from" snippet`,
          'copy a short snippet verbatim from the last line to leave out, or drop "to" to exclude everything after "from"',
        ),
      );
      return;
    }
    ranges.push({ start: from.start, end: to.end });
  });
  return ranges;
}

/** The folders a source's text is looked for in, in order: the data folder's sources/text/, then the --texts folders. */
export const textFolders = (dataDir: string, textDirs: readonly string[]): string[] => [
  path.join(dataDir, 'sources', 'text'),
  ...textDirs,
];

/**
 * The first file of that name in those folders; undefined when none holds it. What is found is not
 * yet known to be readable (a link out of the folders, a pipe): readText says.
 */
export const findTextFile = (
  source: Pick<Source, 'text'>,
  dirs: readonly string[],
  files: FileSource,
): string | undefined => dirs.map((d) => path.resolve(d, source.text)).find((p) => files.exists(p));

/**
 * A source's text as found, read only when it is a regular file inside the data folder or a folder
 * named for texts (`dirs`), and small enough; else the problem, at the source's `text:`.
 */
export function readText(
  source: Pick<Source, 'id' | 'text' | 'textAt'>,
  file: string,
  files: FileSource,
): { text: string } | { problem: Diagnostic } {
  const checked = files.inspect(file, { max: Infinity, where: source.textAt });
  if (checked.problem) return checked;
  if (checked.size > MAX_TEXT_BYTES) {
    return {
      problem: diagnostic(
        source.textAt,
        'E_TOO_LARGE',
        `the text of source "${source.id}", ${source.text}, is ${(checked.size / 1e6).toFixed(1)} MB; a source text may be at most ${MAX_TEXT_BYTES / 1e6} MB`,
        'anchoring a quote that is not found as written folds the whole text (about 60 bytes of memory a character): split the text into parts, one source each, or cut what no claim quotes',
      ),
    };
  }
  return readTextFrom(files, file, { keepBom: true, max: MAX_TEXT_BYTES, where: source.textAt });
}

/** W_NO_TEXT for a source whose text is missing, counting only the claims the lock does not vouch for; none when it vouches for all. */
function noTextWarning(source: Source, count: number, locked: number): Diagnostic | undefined {
  const unverified = count - locked;
  if (unverified === 0 && count > 0) return undefined;
  const claims =
    locked === 0
      ? `its ${unverified} claim${unverified === 1 ? ' is' : 's are'} unverified`
      : `${unverified} of its ${count} claims ${unverified === 1 ? 'is' : 'are'} unverified: the evidence lock vouches for the other ${locked}, but holds no entry for ${unverified === 1 ? 'this one, or its quote has' : 'these, or their quotes have'} changed since it was written`;
  return diagnostic(
    source.textAt,
    'W_NO_TEXT',
    `the text of source "${source.id}" (${source.text}) was not found; ${claims}`,
    `put ${source.text} in data/sources/text/, or name its folder with --texts DIR or BRIEF_TEXTS${locked ? '; then run `brief lock`' : ''}`,
    'warning',
  );
}

/** Anchors every claim's quote in its source's text; where a text is missing, the lock (if given) vouches for what it recorded. */
/** The largest source text anchored: a 24 MB text folds in about 1.4 GB in the worst case (measured: 10 MB, 570 MB). */
const MAX_TEXT_BYTES = 24_000_000;

export async function anchorClaims(
  model: Model,
  textDirs: readonly string[],
  lock: AnchorLock | undefined,
  files: FileSource,
): Promise<Anchoring> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, SourceText>();
  const prepared = new Map<string, PreparedText>();
  const dirs = textFolders(model.dataDir, textDirs);
  // Sources may share a text (editions of one article, a corpus grown from copies): each file is
  // read, hashed and prepared once, so a text folded for one source is folded for all of them.
  const readFiles = new Map<string, { text: string; sha256: string } | undefined>();
  const preparedFor = new Map<string, PreparedText>();
  for (const source of model.sources.values()) {
    const file = findTextFile(source, dirs, files);
    if (!file) continue;
    if (!readFiles.has(file)) {
      const read = readText(source, file, files);
      if ('problem' in read) diagnostics.push(read.problem);
      readFiles.set(file, 'problem' in read ? undefined : { text: read.text, sha256: sha256(read.text) });
    }
    const known = readFiles.get(file);
    if (!known) continue;
    const excluded = excludedRanges(source, known.text, file, diagnostics);
    texts.set(source.id, { file, sha256: known.sha256, excluded });
    const key = `${file}\u0000${JSON.stringify(excluded)}`;
    if (!preparedFor.has(key)) preparedFor.set(key, prepareText(known.text, excluded));
    prepared.set(source.id, preparedFor.get(key)!);
  }
  const missing = new Set([...model.sources.keys()].filter((id) => !texts.has(id)));
  const locked = applyLock(model, lock, missing, diagnostics);
  for (const id of missing) {
    const source = model.sources.get(id)!;
    const claims = [...model.claims.values()].filter((c) => c.source === id);
    const warning = noTextWarning(source, claims.length, claims.filter((c) => locked.has(c.id)).length);
    if (warning) diagnostics.push(warning);
  }

  const anchors = new Map<string, ClaimAnchor>();
  // Pages, headings and paragraphs: worked out once a text, for every claim that quotes it.
  const locations = new Map<string, TextLocations>();
  const locationsOf = (text: string) => locations.get(text) ?? locations.set(text, textLocations(text)).get(text)!;
  const words = new Map<string, ReturnType<typeof textWords>>();
  const wordsOf = (source: string, text: string) =>
    words.get(source) ?? words.set(source, textWords(text)).get(source)!;
  // The same quote in the same prepared text anchors the same way: found and described once.
  const found = new Map<PreparedText, Map<string, { anchor: Anchor; selector?: ReturnType<typeof describeQuote> }>>();
  for (const claim of model.claims.values()) {
    const text = prepared.get(claim.source);
    if (!text) {
      anchors.set(claim.id, locked.get(claim.id) ?? { status: 'no-text' });
      continue;
    }
    const inText = found.get(text) ?? found.set(text, new Map()).get(text)!;
    let known = inText.get(claim.quote);
    if (!known) {
      const anchor = findQuote(text, claim.quote);
      known = {
        anchor,
        ...(anchor.start !== undefined && anchor.end !== undefined
          ? { selector: describeQuote(text.text, anchor.start, anchor.end) }
          : {}),
      };
      inText.set(claim.quote, known);
    }
    const { anchor, selector } = known;
    if (selector) {
      const locator = locate(locationsOf(text.text), anchor.start!, anchor.end);
      anchors.set(claim.id, {
        ...anchor,
        selector,
        textSha256: texts.get(claim.source)!.sha256,
        via: 'text',
        ...(locator ? { locator } : {}),
      });
    } else anchors.set(claim.id, anchor);
    if (anchor.status === 'not-found') {
      // The lock remembers where the quote stood: say what the text holds there now.
      const entry = lock?.claims.get(claim.id);
      const source = model.sources.get(claim.source)!;
      const was =
        entry && entry.source === claim.source && entry.text.file === source.text
          ? `; ${passageNote(text.text, entry)}`
          : '';
      const requoted = was && !entryMatches(entry, claim, source) ? ' (the quote was changed since it was locked)' : '';
      // Without the lock's memory, the nearest passage of the text, and how the quote differs from it.
      const near = was ? undefined : nearestPassage(text.text, claim.quote, wordsOf(claim.source, text.text));
      const nearest = near
        ? `; the nearest passage, on line ${near.line} of ${source.text}, reads “${near.text.length > 240 ? `${near.text.slice(0, 237)}…` : near.text}”${near.changes.length ? `; word by word, quote → text: ${describeChanges(near.changes)}` : ''}`
        : '';
      diagnostics.push(
        diagnostic(
          claim.quoteAt,
          'E_QUOTE_NOT_FOUND',
          `the quote of claim "${claim.id}" is not in the text of source "${claim.source}"${requoted}${was}${nearest}`,
          `copy the quote from the source text as it stands (footnote markers, line breaks and typography may differ; words and numbers may not)${was ? '; then run `brief lock` to record where it stands now' : ''}`,
        ),
      );
    } else if (anchor.status === 'excluded') {
      diagnostics.push(
        diagnostic(
          claim.quoteAt,
          'E_QUOTE_EXCLUDED',
          `the quote of claim "${claim.id}" is found only in a part of the text that is not the author's (an "exclude" of source "${claim.source}")`,
          "quote the author, not reader comments or site boilerplate; or correct the source's exclude entries",
        ),
      );
    }
  }
  for (const claim of model.claims.values()) {
    const warning = locatorPageWarning(claim, anchors.get(claim.id), model.sources.get(claim.source));
    if (warning) diagnostics.push(warning);
  }
  return { anchors, texts, diagnostics };
}

/** The pages of a computed locator ("p. 7", "pp. 7–8"): only a paged text's locators name pages. */
const anchoredPages = (locator: string | undefined) =>
  locator && /^pp?\. \d/.test(locator) ? writtenPages(locator) : undefined;

/**
 * W_LOCATOR_PAGE: a written locator that names a page the quote is not on, in a paged text (from the
 * text at hand, or the page the lock recorded). A locator that names no page is the analyst's to word.
 */
function locatorPageWarning(
  claim: Claim,
  anchor: ClaimAnchor | undefined,
  source: Source | undefined,
): Diagnostic | undefined {
  if (!claim.locator || !anchor) return undefined;
  const at = anchoredPages(anchor.locator);
  const written = writtenPages(claim.locator);
  if (!at || !written || (written.from <= at.to && written.to >= at.from)) return undefined;
  return diagnostic(
    claim.locatorAt ?? claim.quoteAt,
    'W_LOCATOR_PAGE',
    `claim "${claim.id}" gives the locator "${claim.locator}", but its quote stands on ${anchor.locator} of ${source?.text ?? 'its text'}`,
    `write locator: ${anchor.locator}, or leave locator: out and the page is computed from where the quote stands`,
    'warning',
  );
}
