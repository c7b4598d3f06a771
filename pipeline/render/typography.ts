// render: a finished HTML document → the same with typographic quotes and apostrophes in its text,
// for its language; tags, attributes, styles, code and verbatim quotes (<q>) keep every byte.
//
// One pass over the whole document rather than a step in the Markdown renderer: most printed prose
// never goes through Markdown (claims' statements, judgments, event notes, source titles, the
// templates' own words, generated sentences), and a quote opened in one element and closed after
// an <em> or a note number needs the text around it, which only the whole document has.
// markdown-it's typographer could not serve: it sees one Markdown string at a time, and it leaves
// a closing quote straight before a citation's placeholder ("…military"[@x]).

import { smartQuotes } from '../core/quotes.ts';

/** Elements whose text is printed as it is: a verbatim quote, code, and what is no text at all. */
const VERBATIM = new Set(['q', 'code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea']);
/** Elements inside a line of text: a quote may open before one and close after it. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'tspan',
  'u',
  'var',
  'wbr',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);

/** The entities Handlebars and markdown-it write for straight quotes. */
const QUOTE_ENTITY = /&(?:quot|apos|#34|#x22|#39|#x27);/gi;
const entityChar = (e: string) => (/quot|34|22/i.test(e) ? '"' : "'");

interface Open {
  readonly name: string;
  readonly lang: string;
  readonly verbatim: boolean;
  depth: number;
}

/** A tag's name, whether it closes, whether it closes itself, and its lang attribute. */
function readTag(tag: string): { name: string; closing: boolean; selfClosing: boolean; lang: string | undefined } {
  const m = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(tag);
  const lang = /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  return {
    name: (m?.[2] ?? '').toLowerCase(),
    closing: m?.[1] === '/',
    selfClosing: /\/\s*>$/.test(tag),
    lang: lang ? (lang[1] ?? lang[2] ?? lang[3]) : undefined,
  };
}

/** Where the tag, comment or doctype starting at `i` ends (just after its ">"), quoted attribute values skipped. */
function tagEnd(html: string, i: number): number {
  if (html.startsWith('<!--', i)) {
    const end = html.indexOf('-->', i + 4);
    return end < 0 ? html.length : end + 3;
  }
  let quote = '';
  for (let j = i + 1; j < html.length; j++) {
    const c = html[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return html.length;
}

/**
 * The document with typographic quotes in its text, each element's in the language of its nearest
 * `lang` (the <html> element's for most). Text inside <q>, <code>, <pre>, <style>, <script> and the
 * like is left as it is: a claim's quote stays byte for byte what its source says.
 */
export function typographicQuotes(html: string, defaultLang = 'en'): string {
  const stack: Open[] = [];
  let out = '';
  let prev = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i) {
      const top = stack.at(-1);
      const raw = html.slice(i, textEnd);
      if (top?.verbatim) {
        out += raw;
        prev = 'x';
      } else {
        const text = raw.replace(QUOTE_ENTITY, entityChar);
        // Text runs on into an inline element ("<em>), not past the end of a block.
        const after =
          lt >= 0 && INLINE.has(/^<([a-zA-Z]+)/.exec(html.slice(lt, lt + 12))?.[1]?.toLowerCase() ?? '') ? 'x' : '';
        out += smartQuotes(text, top?.lang ?? defaultLang, prev, after);
        prev = text.at(-1) ?? prev;
      }
    }
    if (lt < 0) break;
    if (!/[a-zA-Z/!]/.test(html[lt + 1] ?? '')) {
      out += '<';
      prev = '<';
      i = lt + 1;
      continue;
    }
    const end = tagEnd(html, lt);
    const tag = html.slice(lt, end);
    out += tag;
    i = end;
    const { name, closing, selfClosing, lang } = readTag(tag);
    if (!name) continue;
    const top = stack.at(-1);
    if (closing) {
      if (top?.name === name && --top.depth === 0) stack.pop();
    } else if (!selfClosing && !VOID.has(name)) {
      if (top?.name === name) top.depth++;
      else if (VERBATIM.has(name) || lang !== undefined) {
        stack.push({
          name,
          lang: lang || top?.lang || defaultLang,
          verbatim: VERBATIM.has(name) || !!top?.verbatim,
          depth: 1,
        });
      }
    }
    // A block starts afresh; a quote may open before an inline element and close after it.
    if (!INLINE.has(name)) prev = '';
    // The raw text of <style> and <script> holds no tags: skip to its end tag at once.
    if (!closing && (name === 'style' || name === 'script')) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = i;
      const stop = close.exec(html)?.index ?? html.length;
      out += html.slice(i, stop);
      i = stop;
    }
  }
  return out;
}
