// core: the citation syntax of report bodies, `[@claim-id]` or `[@a; @b]`, shared by model, select and render.

export interface CitationMatch {
  /** The whole bracket, e.g. "[@a; @b]". */
  readonly text: string;
  /** Offset of the bracket in the Markdown (UTF-16 units). */
  readonly offset: number;
  readonly ids: readonly { readonly claim: string; readonly offset: number }[];
}

// Neither pattern crosses a "[": a bracket left open then fails at the next one, instead of
// rescanning the rest of the line from every "[" (quadratic on a line of "[@[@[@…").
const GROUP = /\[(@[^[\]\n]+)\]/g;
const KEY = /@([^\s;,\]]+)/g;

export function matchCitations(markdown: string): CitationMatch[] {
  return [...markdown.matchAll(GROUP)].map((group) => ({
    text: group[0],
    offset: group.index,
    ids: [...group[1]!.matchAll(KEY)].map((key) => ({ claim: key[1]!, offset: group.index + 1 + key.index })),
  }));
}

/** Claim ids in order of first appearance. */
export function citedIds(markdown: string): string[] {
  return [...new Set(matchCitations(markdown).flatMap((m) => m.ids.map((i) => i.claim)))];
}

const WELL_FORMED = /^\[@[^\s;,\]@]+(?:;\s*@[^\s;,\]@]+)*\]$/;

/**
 * Brackets that hold an "@" but are not `[@id]` or `[@a; @b]`: "[@ id]" would vanish from the
 * page and Pandoc's "[see @id, p. 2]" would print as text. Each is an error at its offset.
 */
export function malformedCitations(markdown: string): { text: string; offset: number }[] {
  return [...markdown.matchAll(/\[[^[\]\n@]*@[^[\]\n]*\]/g)]
    .filter((m) => !WELL_FORMED.test(m[0]) && !/^\[[^\]]*\]\(/.test(markdown.slice(m.index, m.index + m[0].length + 1)))
    .map((m) => ({ text: m[0], offset: m.index }));
}
