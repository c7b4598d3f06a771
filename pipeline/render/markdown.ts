// render: the analyst's Markdown → sanitized HTML, with `[@claim-id]` turned into footnote references.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { isolateBidi } from '../core/bidi.ts';
import { matchCitations } from '../core/citations.ts';

/**
 * Citations are swapped for a private-use marker before Markdown runs (so emphasis or
 * links cannot split them) and for footnote references after sanitizing.
 */
const MARK = (i: number) => `\uE000${i}\uE001`;
const MARKED = /\uE000(\d+)\uE001/g;

/** Drops trailing spaces and tabs (by hand: /[ \t]+$/ is quadratic on a long run of spaces mid-line). */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(0, end);
}

export function createMarkdown(): (markdown: string, noteOf: (claim: string) => number | undefined) => string {
  // Dashes and ellipses here; quotes are made typographic over the finished document (typography.ts).
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true }).disable('smartquotes');
  // Each run of text, and each stretch of it between two citations, is isolated (core/bidi.ts):
  // a direction control in it cannot reverse the rest of the paragraph or its note numbers.
  md.renderer.rules.text = (tokens, i) =>
    md.utils.escapeHtml(
      tokens[i]!.content.split(/(\uE000\d+\uE001)/)
        .map((part, j) => (j % 2 ? part : isolateBidi(part)))
        .join(''),
    );
  return (markdown, noteOf) => {
    const groups: number[][] = [];
    let text = '';
    let from = 0;
    for (const m of matchCitations(markdown)) {
      const notes = m.ids.map((id) => noteOf(id.claim)).filter((n): n is number => n !== undefined);
      const between = markdown.slice(from, m.offset);
      // "[@a] [@b]" reads as one reference "1,2", never as "12".
      if (groups.length && from > 0 && between.trim() === '') {
        groups[groups.length - 1]!.push(...notes);
      } else {
        // "claim [@x]." is written with a space; the reference mark sits tight against the word.
        text += trimSpacesEnd(between) + MARK(groups.length);
        groups.push(notes);
      }
      from = m.offset + m.text.length;
    }
    text += markdown.slice(from);
    const html = sanitizeHtml(md.render(text), {
      allowedTags: [
        'p',
        'h2',
        'h3',
        'h4',
        'em',
        'strong',
        'ul',
        'ol',
        'li',
        'blockquote',
        'code',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'br',
        'hr',
        'a',
        'sup',
      ],
      allowedAttributes: { a: ['href'] },
      allowedSchemes: ['http', 'https', 'mailto'],
      allowedSchemesAppliedToAttributes: ['href'],
      allowProtocolRelative: false,
    });
    return html.replace(MARKED, (_, i: string) => {
      const notes = groups[Number(i)] ?? [];
      // A group reads in note order ("3,5,12"), whatever order the claims were cited in.
      const sorted = [...new Set(notes)].sort((a, b) => a - b);
      return sorted.length
        ? `<sup class="fn-ref">${sorted.map((n) => `<a href="#note-${n}">${n}</a>`).join(',')}</sup>`
        : '';
    });
  };
}
