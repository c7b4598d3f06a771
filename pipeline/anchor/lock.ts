// anchor: Model + anchoring + evidence lock → the lock's verdict: anchors it vouches for where texts are missing,
// what changed since it was written (stale), a new lock, and where a lost quote's passage stood.
// How it differs from the texts at hand is in lock-compare.ts; where a lost quote stood, in lock-passage.ts.
//
// The lock records, for each claim, the quote's hash, the text it was found in (file name and hash),
// where (start/end, a TextQuoteSelector) and how (status, score). A fresh clone without the texts
// trusts it for a claim only while the claim still quotes what was locked, from the same text file.
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
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
