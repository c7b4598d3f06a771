// core: the citation syntax of report bodies, `[@claim-id]` or `[@a; @b]`, shared by model, select and render.

export interface CitationMatch {
  /** The whole bracket, e.g. "[@a; @b]". */
  readonly text: string;
  /** Offset of the bracket in the Markdown (UTF-16 units). */
  readonly offset: number;
  readonly ids: readonly { readonly claim: string; readonly offset: number }[];
}

const GROUP = /\[(@[^\]\n]+)\]/g;
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
