// core: plain text → the same with typographic quotes and apostrophes for its language. The one
// rule for every printed text: render/typography.ts applies it over a document's HTML, and
// print/pdf-metadata.ts to the title and subject a PDF viewer shows.

/** Opening and closing double, then single quotes, by primary language subtag (CLDR's delimiters). */
const QUOTES: Readonly<Record<string, string>> = {
  en: '“”‘’',
  tr: '“”‘’',
  az: '“”‘’',
  de: '„“‚‘',
  ru: '«»„“',
  fr: '«»“”',
  fa: '«»‘’',
  ar: '”“’‘',
  hy: '«»“”',
  ka: '„“‘’',
};

/** The quote marks of a language tag ("en-GB" → en's); English's for a language not listed. */
function quotesFor(lang: string): string {
  return QUOTES[lang.toLowerCase().split('-')[0] ?? ''] ?? QUOTES.en!;
}

/** What may come before an opening quote: nothing, a space, an opening bracket or quote, a dash or a slash. */
const OPENS_AFTER = /[\s([{\u2018\u201c\u201e\u201a\u00ab\u2014\u2013\-/]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/**
 * Straight quotes in plain text made typographic. `before` is the character the text follows ('' at
 * the start of a block), `after` the one after it. A ' between letters, or after a word and not opening one, is the apostrophe
 * (’: "Iran’s", "Roubanis’"), as is one before a decade ("’90s"); a quote after a space, an opening
 * bracket or a dash opens, any other closes.
 */
export function smartQuotes(text: string, lang = 'en', before = '', after = ''): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const [dOpen, dClose, sOpen, sClose] = [...quotesFor(lang)] as [string, string, string, string];
  let out = '';
  let prev = before;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    let put = c;
    if (c === '"' || c === "'") {
      const next = text[i + 1] ?? after;
      const opens = (prev === '' || OPENS_AFTER.test(prev)) && next !== '' && !/\s/u.test(next);
      if (c === '"') put = opens ? dOpen : dClose;
      else if (LETTER_OR_DIGIT.test(prev) && LETTER_OR_DIGIT.test(next)) put = '’';
      else if (opens && /^\d\ds\b/.test(text.slice(i + 1, i + 4 + 1))) put = '’';
      else put = opens ? sOpen : sClose;
    }
    out += put;
    prev = c === '"' || c === "'" ? put : c;
  }
  return out;
}
