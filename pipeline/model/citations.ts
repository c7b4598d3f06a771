// model: every `[@claim-id]` in a report body, with the line and column it was written at.
import { matchCitations } from '../core/citations.ts';
import { lineColumnAt } from '../core/paths.ts';

export interface FoundCitation {
  readonly claim: string;
  readonly line: number;
  readonly column: number;
}

/** `bodyLine` is the 1-based line of the file the body starts on. */
export function findCitations(body: string, bodyLine: number): FoundCitation[] {
  return matchCitations(body).flatMap((m) =>
    m.ids.map((id) => {
      const { line, column } = lineColumnAt(body, id.offset);
      return { claim: id.claim, line: line + bodyLine - 1, column };
    }),
  );
}
