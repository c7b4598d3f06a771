// render: a finished HTML document → the same with two faults of the printed line set right: a
// year range in a title is kept on one line ("…a chronology, 2005–" no longer ends a line with
// "2025" on the next), and a note number after a digit is marked to stand apart from it ("2023⁴¹"
// read as a power). The CSS for both is in styles/base.css (`.range`, `sup.fn-ref.after-digit`).
//
// One pass over the whole document, as typography.ts does for quotes, so every template and a
// corpus's own overrides get it: no template has to call a helper for its titles or its notes.

/**
 * A year range: "2005–2025", "2022–23", "2005 – 2025" (en dash, em dash or hyphen). A year and a
 * day ("September 2020 – 10 November") is not one: two digits followed by a word are a day.
 */
const RANGE = /\b\d{4}\s?[\u2013\u2014-]\s?(?:\d{4}\b|\d{2}\b(?!\s*\p{L}))/gu;

/** The elements whose text is a title: headings, and the title-like lines of the masthead, figures and packs. */
const TITLE_CLASS = /\bclass="[^"]*\b(?:subtitle|meta|pack-title|chart-title|toc-title|period-dates)\b[^"]*"/;
const TITLE_OPEN = /<(h[1-6]|p|span|figcaption|caption)\b([^>]*)>/gi;

/** Each year range of the text between tags wrapped in a span that CSS keeps on one line. */
function keepRangesIn(inner: string): string {
  // Already done (a pack embeds documents this pass has been over).
  if (inner.includes('class="range"')) return inner;
  return inner
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : part.replace(RANGE, (r) => `<span class="range">${r}</span>`)))
    .join('');
}

/** The document with every year range in a title kept whole on its line. */
export function keepYearRanges(html: string): string {
  let out = '';
  let from = 0;
  const lower = html.toLowerCase();
  TITLE_OPEN.lastIndex = 0;
  for (let m = TITLE_OPEN.exec(html); m; m = TITLE_OPEN.exec(html)) {
    const name = m[1]!.toLowerCase();
    if (!/^h[1-6]$/.test(name) && !TITLE_CLASS.test(m[2]!)) continue;
    // A title holds no element of its own name ("<span class="period-dates">" holds no span).
    const close = lower.indexOf(`</${name}>`, TITLE_OPEN.lastIndex);
    if (close < 0) continue;
    out += html.slice(from, TITLE_OPEN.lastIndex) + keepRangesIn(html.slice(TITLE_OPEN.lastIndex, close));
    from = close;
    TITLE_OPEN.lastIndex = close;
  }
  return out + html.slice(from);
}

/**
 * The document with each note reference that follows a digit (the digit ending a word, or inside
 * an inline element just closed) given the class `after-digit`, which sets it a thin space apart.
 * After a closing quote (</q>) the quotation mark already stands between them.
 */
export function markNotesAfterDigits(html: string): string {
  return html.replace(
    /(\p{N})((?:<\/(?:a|b|cite|em|i|span|strong|time)>)*)<sup class="fn-ref">/gu,
    '$1$2<sup class="fn-ref after-digit">',
  );
}

/** Both passes, in the order a document's HTML needs them. */
export function lineBreaks(html: string): string {
  return markNotesAfterDigits(keepYearRanges(html));
}
