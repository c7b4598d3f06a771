// model: every `[@claim-id]` in a report body, with the line and column it was written at.
import { malformedCitations, matchCitations } from '../core/citations.ts';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
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

/** A citation written in another syntax, in the body (at its line and column) or in front-matter prose (at its field). */
export function citationSyntax(
  body: string,
  bodyLine: number,
  file: string,
  prose: readonly { markdown: string; at: SourcePos }[],
): Diagnostic[] {
  const problem = (at: SourcePos, text: string) =>
    diagnostic(
      at,
      'E_CITATION_SYNTAX',
      `"${text}" is not a citation brief can read`,
      'cite a claim as [@source-id/slug], several as [@a; @b], with no space after "@" and no prefix or page: the claim carries its own locator',
    );
  return [
    ...malformedCitations(body).map((m) => {
      const { line, column } = lineColumnAt(body, m.offset);
      return problem({ file, line: line + bodyLine - 1, column }, m.text);
    }),
    ...prose.flatMap((p) => malformedCitations(p.markdown).map((m) => problem(p.at, m.text))),
  ];
}
