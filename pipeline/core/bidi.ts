// core: corpus text that cannot turn the trusted text around it right to left.
//
// A right-to-left override (U+202E) in a claim would reverse whatever follows it on the line:
// the footnote number, the source's name, the date. Every corpus string printed into a document
// passes through `isolateBidi`: a string holding right-to-left letters or direction controls is
// set between LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE (Unicode's bidi isolate, which
// lets the string order itself and leaves its neighbours alone), with its own controls balanced
// first, so a stray "pop" cannot close our isolate early and an open override ends with it.
// Left to right, as the documents are: a Persian name inside an English sentence stays right to
// left, and an English sentence that begins with one is not turned into a right-to-left one.
// Written by hand: this is a few lines over the Unicode rules, and no package does just this.

const LRE = '\u202A',
  RLE = '\u202B',
  PDF = '\u202C',
  LRO = '\u202D',
  RLO = '\u202E';
const LRI = '\u2066',
  RLI = '\u2067',
  FSI = '\u2068',
  PDI = '\u2069';
const EMBEDDINGS = new Set([LRE, RLE, LRO, RLO]);
const ISOLATES = new Set([LRI, RLI, FSI]);

/** Direction controls, and letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic…). */
const NEEDS_ISOLATE =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDE7F]|\uD83A[\uDC00-\uDFFF]/;

/** The string with every direction control it opens closed at its end, and every unmatched close dropped. */
export function balanceBidi(text: string): string {
  const open: string[] = [];
  let out = '';
  for (const ch of text) {
    if (EMBEDDINGS.has(ch) || ISOLATES.has(ch)) {
      open.push(ch);
    } else if (ch === PDF) {
      // A PDF closes the innermost embedding, and never reaches past an isolate.
      if (!open.length || !EMBEDDINGS.has(open.at(-1)!)) continue;
      open.pop();
    } else if (ch === PDI) {
      // A PDI closes the innermost isolate and the embeddings opened inside it.
      let at = open.length - 1;
      while (at >= 0 && !ISOLATES.has(open[at]!)) at--;
      if (at < 0) continue;
      open.length = at;
    }
    out += ch;
  }
  for (const ch of open.reverse()) out += ISOLATES.has(ch) ? PDI : PDF;
  return out;
}

/** The string, isolated from the text around it if it could change that text's direction. */
export function isolateBidi(text: string): string {
  return NEEDS_ISOLATE.test(text) ? `${LRI}${balanceBidi(text)}${PDI}` : text;
}
