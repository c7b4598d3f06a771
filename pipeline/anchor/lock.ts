// anchor: Model + anchoring + evidence lock → the lock's verdict: anchors it vouches for where texts are missing,
// what changed since it was written (stale), a new lock, and where a lost quote's passage stood.
//
// The lock records, for each claim, the quote's hash, the text it was found in (file name and hash),
// where (start/end, a TextQuoteSelector) and how (status, score). A fresh clone without the texts
// trusts it for a claim only while the claim still quotes what was locked, from the same text file.
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import type { Claim, Model, Source } from '../model/index.ts';
import type { AnchorStatus } from './find-quote.ts';
import type { Anchoring, ClaimAnchor } from './index.ts';
import { entryHoldsQuote } from './lock-self.ts';
import { compactSelector, sha256, type RangeSelector, type TextQuoteSelector } from './selector.ts';

/** The lock's file name, in the data folder. */
export const LOCK_FILE = 'anchors.lock';
export const LOCK_VERSION = 1;
export const LOCK_OFFSETS = 'UTF-16 code units';

/** The statuses a lock may hold: only quotes that were verified are locked. */
export const LockedStatus = { exact: 'exact', normalized: 'normalized', fuzzy: 'fuzzy' } as const;
export type LockedStatus = (typeof LockedStatus)[keyof typeof LockedStatus];
const LOCKED: readonly AnchorStatus[] = Object.values(LockedStatus);

export interface LockEntry {
  readonly source: string;
  readonly quoteSha256: string;
  readonly text: { readonly file: string; readonly sha256: string };
  readonly status: LockedStatus;
  readonly score?: number;
  readonly elided?: boolean;
  readonly start: number;
  readonly end: number;
  /**
   * Where the quote stands, computed from the text ("p. 7", `“Heading”, para. 3`), whether or not the
   * claim writes its own: a clone without the text still prints it. Absent from locks written before
   * it was recorded (they read, and are merely stale), and where the text says nothing.
   */
  readonly locator?: string;
  /** A RangeSelector when the span holds more than the quote (an interruption or an omission): the lock copies no run of the text. */
  readonly selector: TextQuoteSelector | RangeSelector;
}

export interface AnchorLock {
  /** Claim id → entry. */
  readonly claims: ReadonlyMap<string, LockEntry>;
}

export interface MovedQuote {
  readonly claim: string;
  readonly from: LockEntry;
  readonly to: LockEntry;
}

/** What differs between the lock and the anchoring in the texts at hand. Empty lists: the lock is current. */
export interface LockComparison {
  /** Claims verified in a text that have no entry. */
  readonly added: readonly string[];
  /** Claims whose entry is for another quote, source or text file. */
  readonly requoted: readonly string[];
  /** Same quote, found elsewhere or otherwise (offsets, status, score), or with other text around it (selector). */
  readonly moved: readonly MovedQuote[];
  /** Entries for claims that no longer exist. */
  readonly removed: readonly string[];
  /** Text files whose hash is not the one locked. */
  readonly texts: readonly { readonly file: string; readonly from: string; readonly to: string }[];
}

/** The entry a verified anchor makes; undefined when the quote was not verified in a text. */
export function lockEntry(claim: Claim, source: Source, anchor: ClaimAnchor | undefined): LockEntry | undefined {
  if (anchor?.via !== 'text' || !LOCKED.includes(anchor.status)) return undefined;
  if (anchor.start === undefined || anchor.end === undefined || !anchor.selector || !anchor.textSha256)
    return undefined;
  return {
    source: claim.source,
    quoteSha256: sha256(claim.quote),
    text: { file: source.text, sha256: anchor.textSha256 },
    status: anchor.status as LockedStatus,
    ...(anchor.score === undefined ? {} : { score: anchor.score }),
    ...(anchor.elided ? { elided: true } : {}),
    start: anchor.start,
    end: anchor.end,
    ...(anchor.locator === undefined ? {} : { locator: anchor.locator }),
    selector:
      anchor.selector.type === 'TextQuoteSelector'
        ? compactSelector(anchor.selector, claim.quote.length)
        : anchor.selector,
  };
}

/** A new lock from an anchoring in which every quote was verified in its text. */
export function makeLock(model: Model, anchoring: Anchoring): AnchorLock {
  const claims = new Map<string, LockEntry>();
  for (const id of [...model.claims.keys()].sort()) {
    const claim = model.claims.get(id)!;
    const source = model.sources.get(claim.source);
    const entry = source && lockEntry(claim, source, anchoring.anchors.get(id));
    if (entry) claims.set(id, entry);
  }
  return { claims };
}

/** The entry still speaks for this claim: same source, same quote, same text file name. */
export function entryMatches(entry: LockEntry | undefined, claim: Claim, source: Source): entry is LockEntry {
  return (
    entry !== undefined &&
    entry.source === claim.source &&
    entry.text.file === source.text &&
    entry.quoteSha256 === sha256(claim.quote)
  );
}

/**
 * Anchors the lock vouches for, for the claims of the sources whose text is missing. An entry whose
 * own recorded passage does not hold the claim's quote (the quote and its hash changed together)
 * vouches for nothing: the claim stays unverified, and E_LOCK_FORGED is pushed to `problems`.
 */
export function applyLock(
  model: Model,
  lock: AnchorLock | undefined,
  missing: ReadonlySet<string>,
  problems: Diagnostic[] = [],
  lockFile = LOCK_FILE,
): Map<string, ClaimAnchor> {
  const anchors = new Map<string, ClaimAnchor>();
  if (!lock) return anchors;
  for (const claim of model.claims.values()) {
    const source = model.sources.get(claim.source);
    const entry = lock.claims.get(claim.id);
    if (!source || !missing.has(source.id) || !entryMatches(entry, claim, source)) continue;
    if (!entryHoldsQuote(entry, claim.quote)) {
      problems.push(
        diagnostic(
          claim.quoteAt,
          'E_LOCK_FORGED',
          `the evidence lock (${lockFile}) has an entry for claim "${claim.id}" whose quote hash matches, but the passage the entry records does not hold this quote: the entry was edited by hand, so it does not vouch for the claim, which is unverified`,
          `check the quote against the source text with --texts DIR (then \`brief lock\` records it truly); if the quote was not meant to change, restore the claim and ${lockFile} from version control`,
        ),
      );
      continue;
    }
    anchors.set(claim.id, {
      status: entry.status,
      start: entry.start,
      end: entry.end,
      ...(entry.score === undefined ? {} : { score: entry.score }),
      ...(entry.elided ? { elided: true } : {}),
      ...(entry.locator === undefined ? {} : { locator: entry.locator }),
      selector: entry.selector,
      textSha256: entry.text.sha256,
      via: 'lock',
    });
  }
  return anchors;
}

const sameSpan = (a: LockEntry, b: LockEntry) =>
  a.start === b.start &&
  a.end === b.end &&
  a.status === b.status &&
  a.score === b.score &&
  Boolean(a.elided) === Boolean(b.elided);
const samePlace = (a: LockEntry, b: LockEntry) =>
  sameSpan(a, b) && JSON.stringify(a.selector) === JSON.stringify(b.selector) && a.locator === b.locator;
/** The quote stands elsewhere, or is found otherwise; false when only the text around it changed. */
export const hasMoved = (m: MovedQuote) => !sameSpan(m.from, m.to);
/** Only the computed locator differs (a heading renamed, a paragraph added before, or a lock from before locators). */
export const onlyLocated = (m: MovedQuote) =>
  !hasMoved(m) && JSON.stringify(m.from.selector) === JSON.stringify(m.to.selector) && m.from.locator !== m.to.locator;

/** Compares the lock with what the texts at hand say; sources without a text are left out. */
export function compareLock(model: Model, anchoring: Anchoring, lock: AnchorLock | undefined): LockComparison {
  const entries = lock?.claims ?? new Map<string, LockEntry>();
  const added: string[] = [];
  const requoted: string[] = [];
  const moved: MovedQuote[] = [];
  for (const claim of [...model.claims.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const source = model.sources.get(claim.source);
    const fresh = source && lockEntry(claim, source, anchoring.anchors.get(claim.id));
    if (!source || !fresh) continue; // no text, or not verified: anchoring reports it
    const old = entries.get(claim.id);
    if (!old) added.push(claim.id);
    else if (!entryMatches(old, claim, source)) requoted.push(claim.id);
    else if (!samePlace(old, fresh)) moved.push({ claim: claim.id, from: old, to: fresh });
  }
  const texts = new Map<string, { file: string; from: string; to: string }>();
  for (const entry of entries.values()) {
    const source = model.sources.get(entry.source);
    const now = anchoring.texts.get(entry.source);
    if (source && now && entry.text.file === source.text && entry.text.sha256 !== now.sha256)
      texts.set(source.text, { file: source.text, from: entry.text.sha256, to: now.sha256 });
  }
  const removed = [...entries.keys()].filter((id) => !model.claims.has(id)).sort();
  return { added, requoted, moved, removed, texts: [...texts.values()].sort((a, b) => a.file.localeCompare(b.file)) };
}

export const isStale = (c: LockComparison) =>
  c.added.length + c.requoted.length + c.moved.length + c.removed.length + c.texts.length > 0;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const some = (ids: readonly string[], max = 3) =>
  ` (${ids.slice(0, max).join(', ')}${ids.length > max ? `, and ${ids.length - max} more` : ''})`;

/** The changes in words: "2 claims not in the lock (a, b), 1 quote moved (c), text x.txt changed". */
export function describeChanges(c: LockComparison): string {
  const moved = c.moved.filter(hasMoved).map((m) => m.claim);
  const located = c.moved.filter(onlyLocated).map((m) => m.claim);
  const context = c.moved.filter((m) => !hasMoved(m) && !onlyLocated(m)).map((m) => m.claim);
  return [
    c.added.length ? `${plural(c.added.length, 'claim', 'claims')} not in the lock${some(c.added)}` : '',
    c.requoted.length
      ? `${plural(c.requoted.length, 'claim', 'claims')} quoted differently since locked${some(c.requoted)}`
      : '',
    moved.length ? `${plural(moved.length, 'quote', 'quotes')} moved${some(moved)}` : '',
    context.length
      ? `${plural(context.length, 'quote', 'quotes')} with other text around ${context.length === 1 ? 'it' : 'them'}${some(context)}`
      : '',
    located.length ? `${plural(located.length, 'quote', 'quotes')} with a new locator${some(located)}` : '',
    c.removed.length
      ? `${plural(c.removed.length, 'entry for a claim', 'entries for claims')} that no longer exist${c.removed.length === 1 ? 's' : ''}${some(c.removed)}`
      : '',
    c.texts.length ? `${c.texts.length === 1 ? 'text' : 'texts'} ${c.texts.map((t) => t.file).join(', ')} changed` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * W_LOCK_STALE, or undefined when the lock is current or no text is at hand to judge it by. At the
 * claim when one claim is all that changed, else at line 1 of the lock. `brief check` makes it an error.
 */
export function staleDiagnostic(
  model: Model,
  anchoring: Anchoring,
  lock: AnchorLock | undefined,
  lockFile: string,
): Diagnostic | undefined {
  if (anchoring.texts.size === 0) return undefined;
  const c = compareLock(model, anchoring, lock);
  if (!isStale(c)) return undefined;
  const claims = [...c.added, ...c.requoted, ...c.moved.map((m) => m.claim)];
  const one = claims.length === 1 && c.removed.length === 0 ? model.claims.get(claims[0]!) : undefined;
  const at: SourcePos = one?.at ?? { file: lockFile, line: 1, column: 1 };
  if (!lock) {
    return diagnostic(
      at,
      'W_LOCK_STALE',
      `the evidence lock ${lockFile} does not exist: ${plural(c.added.length, 'quote', 'quotes')} verified in the texts ${c.added.length === 1 ? 'is' : 'are'} not locked`,
      'run `brief lock` (with the texts at hand) to create it, and commit it with the corpus',
      'warning',
    );
  }
  return diagnostic(
    at,
    'W_LOCK_STALE',
    `the evidence lock ${lockFile} is out of date with the source texts: ${describeChanges(c)}`,
    'run `brief lock` (with the texts at hand) to update it, and commit it with the corpus',
    'warning',
  );
}

/** What the current text holds where the lock's selector stood: between its prefix and suffix, after one, before the other, or nothing. */
export type LockedPassage =
  | { readonly kind: 'between' | 'after-prefix' | 'before-suffix'; readonly text: string }
  | { readonly kind: 'gone' };

/** Of the places `needle` stands in `text`, the one nearest `near`. */
function nearest(text: string, needle: string, near: number): number | undefined {
  let best: number | undefined;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best === undefined || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best;
}

/** What stood before and after the locked span. */
const around = (s: TextQuoteSelector | RangeSelector) =>
  s.type === 'RangeSelector'
    ? { prefix: s.startSelector.prefix, suffix: s.endSelector.suffix }
    : { prefix: s.prefix, suffix: s.suffix };

export function lockedPassage(text: string, entry: LockEntry): LockedPassage {
  const { prefix, suffix } = around(entry.selector);
  const length = entry.end - entry.start;
  // A suffix further away than this belongs to another passage.
  const reach = Math.max(4 * length, 400);
  const p = prefix ? nearest(text, prefix, entry.start - prefix.length) : 0;
  if (p !== undefined) {
    const from = p + prefix.length;
    const s = suffix ? text.indexOf(suffix, from) : text.length;
    if (s >= 0 && s - from <= reach) return { kind: 'between', text: text.slice(from, s) };
    let end = Math.min(text.length, from + length);
    while (end < text.length && /\S/.test(text[end]!) && end - from < length + 30) end++; // to the end of a word
    return { kind: 'after-prefix', text: text.slice(from, end) };
  }
  const s = suffix ? nearest(text, suffix, entry.end) : undefined;
  if (s !== undefined) {
    let start = Math.max(0, s - length);
    while (start > 0 && /\S/.test(text[start - 1]!) && s - start < length + 30) start--; // from the start of a word
    return { kind: 'before-suffix', text: text.slice(start, s) };
  }
  return { kind: 'gone' };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const clip = (s: string, max = 240) => (s.length > max ? `${s.slice(0, max - 70)} … ${s.slice(-60)}` : s);
/** The end of the prefix and the start of the suffix, as quoted in a message. */
const before = (s: string) =>
  !oneLine(s) ? 'the start of the text' : `“${oneLine(s).length > 30 ? '…' : ''}${oneLine(s).slice(-30)}”`;
const after = (s: string) =>
  !oneLine(s) ? 'the end of the text' : `“${oneLine(s).slice(0, 30)}${oneLine(s).length > 30 ? '…' : ''}”`;

/** For E_QUOTE_NOT_FOUND: a sentence on what the text now holds where the lock had the quote. */
export function passageNote(text: string, entry: LockEntry): string {
  const found = lockedPassage(text, entry);
  const { prefix, suffix } = around(entry.selector);
  const shown = (s: string) => (oneLine(s) ? `“${clip(oneLine(s))}”` : 'nothing');
  switch (found.kind) {
    case 'between':
      return `where the evidence lock had it, between ${before(prefix)} and ${after(suffix)}, the text now reads ${shown(found.text)}`;
    case 'after-prefix':
      return `where the evidence lock had it, after ${before(prefix)}, the text now reads ${shown(found.text)} (what followed it, ${after(suffix)}, is gone)`;
    case 'before-suffix':
      return `where the evidence lock had it, before ${after(suffix)}, the text now reads ${shown(found.text)} (what came before it, ${before(prefix)}, is gone)`;
    default:
      return `the passage the evidence lock recorded is gone from the text: neither what came before it (${before(prefix)}) nor what followed it (${after(suffix)}) is there any more`;
  }
}
