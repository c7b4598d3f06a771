// capture: HTML → text. A saved web page: Readability's article over a linkedom DOM (no navigation,
// ads or reader comments), with the page's metadata; any HTML (a DOCX's, through mammoth): paragraphs
// separated by blank lines, headings as "## Heading", list items as "- item". Nothing is fetched.
import { diagnostic } from '../core/diagnostics.ts';
import { CaptureError, type Captured, type CaptureMetadata } from './types.ts';
import { authorList, clean, htmlMetadata, mergeMetadata } from './metadata.ts';

/** Fewer words than this is not an article: a cookie wall, a login page, a page of links. */
export const MIN_WORDS = 20;

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'embed',
  'canvas',
  'button',
  'select',
  'input',
  'textarea',
  'form',
  'nav',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'figure',
  'figcaption',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'hr',
  'address',
  'details',
  'summary',
  'caption',
]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** The DOM under `root` as text: one block a paragraph, blank lines between. */
export function domToText(root: DomNode): string {
  const blocks: { text: string; item: boolean }[] = [];
  let line = '';
  let lines: string[] = [];
  let prefix = '';
  const flush = () => {
    lines.push(line);
    const text = lines
      .map((l) => l.replace(/[ \t\n\r\f]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (text) blocks.push({ text: `${prefix}${text}`, item: prefix === '- ' });
    line = '';
    lines = [];
    prefix = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      lines.push(line);
      line = '';
      return;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading || tag === 'li' || BLOCK.has(tag)) flush();
    if (heading) prefix = `${'#'.repeat(Math.max(2, Number(heading[1])))} `;
    if (tag === 'li') prefix = '- ';
    if (tag === 'td' || tag === 'th') line += ' ';
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (heading || tag === 'li' || BLOCK.has(tag)) flush();
  };
  walk(root);
  flush();
  // List items stand on consecutive lines; every other block after a blank line.
  return blocks.map((b, i) => (i === 0 ? '' : b.item && blocks[i - 1]!.item ? '\n' : '\n\n') + b.text).join('');
}

const ADVERT =
  /(?:^|[\s_-])(?:ads?|advert\w*|ad-?slot|adunit|dfp|sponsored|promo(?:ted)?|cookie\w*|newsletter-signup|paywall)(?:$|[\s_-])/i;

export const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

export async function parseDom(html: string) {
  const { parseHTML } = await import('linkedom');
  return parseHTML(html).document;
}

/** A saved web page → its article's text and the page's metadata. */
export async function captureHtml(html: string, file: string): Promise<Captured> {
  const [document, { Readability }] = await Promise.all([parseDom(html), import('@mozilla/readability')]);
  // Read before Readability, which changes the document it reads.
  const own = htmlMetadata(document as never);
  // Readability keeps an ad slot whose class it does not know ("ad-slot", "advert"): such blocks go first.
  for (const el of [...document.querySelectorAll('[class], [id]')]) {
    if (ADVERT.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) el.remove();
  }
  const article = new Readability(document as never, { charThreshold: 100 }).parse();
  const body = article?.content
    ? domToText((await parseDom(`<html><body>${article.content}</body></html>`)).body as never)
    : '';
  if (wordCount(body) < MIN_WORDS) {
    throw new CaptureError(
      diagnostic(
        { file, line: 1, column: 1 },
        'E_CAPTURE_EMPTY',
        `no article found in this page: ${body ? `only ${wordCount(body)} words of text` : 'nothing that reads as an article'}`,
        'save the page once it shows the whole article (not a cookie wall, a login page or a page of links), or save the article as text or Markdown and capture that',
      ),
    );
  }
  const fromReadability: CaptureMetadata = {
    title: clean(article?.title),
    authors: authorList(article?.byline?.replace(/^\s*by\s+/i, '')),
    publisher: clean(article?.siteName),
  };
  return { format: 'html', text: `${body}\n`, metadata: mergeMetadata(own, fromReadability) };
}
