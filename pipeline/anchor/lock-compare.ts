// anchor: the evidence lock against the texts at hand: what changed since it was written (stale), in
// words, and W_LOCK_STALE.
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import type { Model } from '../model/index.ts';
import type { Anchoring } from './index.ts';
import { entryMatches, lockEntry, type AnchorLock, type LockEntry } from './lock.ts';

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
