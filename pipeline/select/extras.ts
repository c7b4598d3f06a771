// select: the parts a document prints from the corpus rather than from prose: the voices at a
// glance, blind spots found in the data, and the claim table.
import type { Claim, Model, Report, Source } from '../model/index.ts';
import type { StanceCell } from './types.ts';

/** Where a source speaks from: its perspective's base, else the perspective, else nothing known. */
function sideOf(model: Model, source: Source): string | undefined {
  const p = source.perspective === undefined ? undefined : model.perspectives.get(source.perspective);
  return p?.base ?? p?.label;
}

export interface BlindSpot {
  readonly topic: string;
  readonly sides: readonly string[];
  readonly sources: readonly string[];
}

/**
 * The report's topics that no compared source covers, or that sources of one side only do: what
 * the comparison cannot show, found in the claims' topics.
 */
export function blindSpots(model: Model, report: Report, sources: readonly Source[]): BlindSpot[] {
  const compared = new Set(sources.map((s) => s.id));
  return report.topics.flatMap((topic) => {
    const from = sources.filter(
      (s) =>
        compared.has(s.id) && [...model.claims.values()].some((c) => c.source === s.id && c.topics.includes(topic)),
    );
    const sides = [...new Set(from.map((s) => sideOf(model, s) ?? s.id))];
    return sides.length <= 1 && sources.length > 1 ? [{ topic, sides, sources: from.map((s) => s.id) }] : [];
  });
}

/** Each claim coded on the document's questions, once, in note order, with its stances there. */
export function claimRows(
  stances: readonly StanceCell[],
  questions: readonly string[],
): { claim: Claim; source: Source; stances: { question: string; value: number }[] }[] {
  const seen = new Map<string, { claim: Claim; source: Source; stances: { question: string; value: number }[] }>();
  for (const cell of stances) {
    for (const claim of cell.claims) {
      if (seen.has(claim.id)) continue;
      seen.set(claim.id, {
        claim,
        source: cell.source,
        stances: questions
          .filter((q) => claim.stances[q] !== undefined)
          .map((q) => ({ question: q, value: claim.stances[q]! })),
      });
    }
  }
  return [...seen.values()];
}
