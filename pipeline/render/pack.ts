// render: the documents of a pack (their finished HTML) + a pack view → one HTML: cover, contents, documents.
// A pack is printed as one HTML document, not merged from PDFs: page numbers then run through it,
// each document keeps its running header on a named page, and Chromium's bookmarks and tag tree
// cover the whole (pdf-lib's copyPages would drop both).
import Handlebars from 'handlebars';
import type { FontFace } from '../config/fonts.ts';
import type { Presentation } from '../config/layers.ts';
import type { FileSource } from '../core/world.ts';
import { FONT_FACES_HERE, withFontFaces } from './index.ts';
import { cssString, registerPlural } from './environment.ts';
import { layerReader, packTemplateFile, stylesheetFiles } from './template-files.ts';
import { lineBreaks } from './line-breaks.ts';
import { typographicQuotes } from './typography.ts';

export interface PackDocument {
  readonly title: string;
  /** The distribution marking this version carries (its running header), kept on its pages inside the pack. */
  readonly marking: string;
  readonly kind: string;
  readonly kindLabel: string;
  /** The date the document carries, as printed. */
  readonly date: string;
  /** The document's own HTML, as `brief build` wrote it. */
  readonly html: string;
}

export interface PackView {
  readonly title: string;
  readonly subtitle: string | null;
  readonly note: string | null;
  readonly audience: { readonly id: string; readonly label: string };
  readonly marking: string;
  readonly editionLabel: string;
  /** The archived edition's id, in the running footer; null outside an edition. */
  readonly editionId: string | null;
}

/** Page numbers found by a first print: each document's first page and its top headings' pages. */
export interface PackPages {
  readonly total: number;
  readonly documents: readonly { readonly page: number; readonly headings: readonly number[] }[];
}

export interface PackOptions {
  readonly presentation: Presentation;
  readonly fonts: readonly FontFace[];
  /** Where the pack's templates and stylesheets are read from: the run's world (the bytes its fingerprint hashed), or the layers' folders. */
  readonly files?: FileSource;
}

/** The body of a document we rendered ourselves (our layout: one <body>, no nesting). */
function bodyOf(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/.exec(html);
  if (!m) throw new Error('a pack document has no <body>: was it written by brief?');
  return m[1]!;
}

/**
 * Ids must stay unique in one HTML: every note, anchor and SVG definition of document n is
 * prefixed `dn-`, and so is every reference to it (href="#…", url(#…)).
 */
function prefixIds(html: string, n: number): string {
  const p = `d${n}-`;
  return html
    .replace(/\sid="([^"]+)"/g, ` id="${p}$1"`)
    .replace(/href="#([^"]+)"/g, `href="#${p}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${p}$1)`);
}

/** The marking a document we rendered carries in its running header (our layout's `@top-left` rule). */
export function markingOf(html: string): string {
  const m = /@top-left \{ content: ("(?:[^"\\]|\\.)*"); \}/.exec(html);
  return m ? (JSON.parse(m[1]!.replace(/\\3C /g, '<')) as string) : '';
}

/** The text of each top heading (h2) of a document, in order, as the contents lists them. */
function topHeadings(html: string): string[] {
  return [...bodyOf(html).matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)]
    .map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .map((t) =>
      t
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'"),
    );
}

export function createPackRenderer(options: PackOptions) {
  const hb = Handlebars.create();
  registerPlural(hb);
  hb.registerHelper('cssString', cssString(hb));
  const read = layerReader(options.presentation, options.files);
  const compile = (name: string) =>
    hb.compile(read(packTemplateFile(options.presentation.templates, name)), { strict: true, preventIndent: true });
  hb.registerPartial('pack-cover', compile('pack-cover'));
  hb.registerPartial('pack-contents', compile('pack-contents'));
  const template = compile('pack');
  const fontData = new Map<string, string>();

  return {
    /** The pack's HTML; without `pages` (the first print) page numbers are placeholders of the same width. */
    render(view: PackView, documents: readonly PackDocument[], pages: PackPages | undefined): string {
      const css = [FONT_FACES_HERE, ...stylesheetFiles(options.presentation.styles, view.audience.id).map(read)].join(
        '\n',
      );
      const number = (n: number | undefined) => (n === undefined ? '00' : String(n));
      return withFontFaces(
        lineBreaks(
          typographicQuotes(
            template({
              ...view,
              lang: 'en',
              css,
              pages: pages ? pages.total : '00',
              documents: documents.map((d, i) => ({
                n: i + 1,
                title: d.title,
                marking: d.marking,
                kind: d.kind,
                kindLabel: d.kindLabel,
                date: d.date,
                page: number(pages?.documents[i]?.page),
                firstPage: pages?.documents[i]?.page ?? null,
                head: `${d.title} \u00B7 ${d.date}`,
                footer: d.marking + (view.editionId ? `  \u00B7  Edition ${view.editionId}` : ''),
                firstFooter: view.editionId ? `Edition ${view.editionId}` : '',
                headings: topHeadings(d.html).map((title, k) => ({
                  title,
                  page: number(pages?.documents[i]?.headings[k]),
                })),
                html: prefixIds(bodyOf(d.html), i + 1),
              })),
            }),
            'en',
          ),
        ),
        options.fonts,
        fontData,
      );
    },
  };
}
