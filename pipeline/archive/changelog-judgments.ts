// archive: two editions' key judgments of one report → which old judgment each new one is (by text, position and similarity).
import type { JudgmentSummary } from './summary.ts';

/**
 * Two judgments are "the same judgment, revised" when their similarity reaches this: a reworded
 * sentence keeps most of its words, a re-sourced one most of its evidence, while two different
 * judgments of one report rarely share half of either.
 */
const SIMILAR = 0.5;

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Dice coefficient, 2|A∩B| / (|A|+|B|): word overlap relative to the two texts' average length. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Jaccard index, |A∩B| / |A∪B|: how much of the evidence two judgments share. */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / union.size;
}

/** The higher of the texts' word overlap (Dice) and the evidence sets' overlap (Jaccard); 1 for the same evidence. */
function judgmentSimilarity(a: JudgmentSummary, b: JudgmentSummary): number {
  return Math.max(dice(words(a.text), words(b.text)), jaccard(new Set(a.evidence), new Set(b.evidence)));
}

export interface JudgmentMatch {
  /** [old index, new index], 0-based. */
  readonly pairs: readonly (readonly [number, number])[];
  readonly added: readonly number[];
  readonly removed: readonly number[];
}

/**
 * Pairs old and new judgments in three tiers, each greedy and nearest-position first:
 * 1. the same text anywhere in the report (a moved judgment is not a change);
 * 2. at the same position, similar (≥ SIMILAR): the usual edit, likelihood or wording revised in place;
 * 3. similar anywhere, most similar first (a revised judgment that also moved).
 * What is left is added or removed.
 */
export function matchJudgments(before: readonly JudgmentSummary[], after: readonly JudgmentSummary[]): JudgmentMatch {
  const candidates: { i: number; j: number; tier: number; score: number }[] = [];
  before.forEach((b, i) =>
    after.forEach((a, j) => {
      if (b.text === a.text) return void candidates.push({ i, j, tier: 1, score: 1 });
      const score = judgmentSimilarity(b, a);
      if (score >= SIMILAR) candidates.push({ i, j, tier: i === j ? 2 : 3, score });
    }),
  );
  candidates.sort(
    (x, y) =>
      x.tier - y.tier || y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j,
  );
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (usedOld.has(i) || usedNew.has(j)) continue;
    usedOld.add(i);
    usedNew.add(j);
    pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[1] - y[1]);
  return {
    pairs,
    added: after.map((_, j) => j).filter((j) => !usedNew.has(j)),
    removed: before.map((_, i) => i).filter((i) => !usedOld.has(i)),
  };
}
