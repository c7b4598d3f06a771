// render: Selection + RenderedChart[] → one self-contained HTML document (fonts, styles, charts inlined).
import { readFileSync } from 'node:fs';
import type { RenderedChart } from '../chart/index.ts';
import { filesNeeded } from '../config/coverage.ts';
import type { FontFace } from '../config/fonts.ts';
import type { Presentation } from '../config/layers.ts';
import type { FileSource } from '../core/world.ts';
import type { Selection } from '../select/index.ts';
import { createTemplates, type TemplateSet } from './environment.ts';
import { createMarkdown } from './markdown.ts';
import type { TemplateCache } from './template-cache.ts';
import { layerReader, stylesheetFiles } from './template-files.ts';
import { lineBreaks } from './line-breaks.ts';
import { typographicQuotes } from './typography.ts';
import { buildViewModel } from './view-model.ts';

export interface RenderOptions {
  /** Templates and styles: the corpus's laid over brief's built-ins. */
  readonly presentation: Presentation;
  readonly fonts: readonly FontFace[];
  /** The date the documents carry (YYYY-MM-DD); the same inputs and date give the same bytes. */
  readonly editionDate: string;
  /** The archived edition the documents belong to, if any. */
  readonly editionId?: string | undefined;
  /** Where templates and stylesheets are read from (the run's world); by default the layers' folders. */
  readonly files?: FileSource;
  /** Compiled templates by source, shared with the run's template check and kept warm by `brief watch`. */
  readonly templateCache?: TemplateCache;
}

export interface RenderedHtml {
  readonly html: string;
  /** Each template the render used (`kind:<kind>`, partial and layout names) → its file. */
  readonly templates: Readonly<Record<string, string>>;
  /** The stylesheets inlined (those that exist: one added later is a new input). */
  readonly stylesheets: readonly string[];
}

export interface HtmlRenderer {
  renderHtml(selection: Selection, charts: readonly RenderedChart[]): RenderedHtml;
}

/**
 * Where the @font-face rules go in a document's CSS until its text is known: only the subset files
 * that text needs are inlined, since unicode-range keeps Chromium from loading a face, not a data:
 * URL from weighing on the HTML (the Arabic faces alone are some 200 kB in base64).
 */
export const FONT_FACES_HERE = '/*brief:font-faces*/';

/** The code points of a document: its characters (ASCII always), and those its HTML entities and CSS escapes stand for. */
export function codePointsOf(html: string): Set<number> {
  const used = new Set<number>();
  for (let cp = 0x20; cp < 0x7f; cp++) used.add(cp);
  for (let i = 0; i < html.length; i++) {
    const unit = html.charCodeAt(i);
    if (unit < 0x80) continue;
    const cp = html.codePointAt(i)!;
    used.add(cp);
    if (cp > 0xffff) i++;
  }
  for (const m of html.matchAll(/&#(x[0-9a-f]+|\d+);|\\([0-9a-f]{1,6})/gi)) {
    const cp =
      m[2] !== undefined ? parseInt(m[2], 16) : /^x/i.test(m[1]!) ? parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (cp >= 0x80 && cp <= 0x10ffff) used.add(cp);
  }
  return used;
}

/**
 * @font-face rules with the font files inlined as data: URLs, so the HTML needs nothing beside it:
 * the files text of these code points needs (every file without them). Each file's base64 is
 * read once per `cache`.
 */
function fontFaceCss(
  fonts: readonly FontFace[],
  used?: ReadonlySet<number>,
  cache = new Map<string, string>(),
): string {
  const needed = used ? filesNeeded(fonts, used) : undefined;
  return fonts
    .flatMap((face) =>
      face.files
        .filter((file) => !needed || needed.has(file))
        .map((file) => {
          let data = cache.get(file.path);
          if (data === undefined) {
            data = readFileSync(file.path).toString('base64');
            cache.set(file.path, data);
          }
          return `@font-face{font-family:"${face.family}";font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${file.unicodeRange};}`;
        }),
    )
    .join('\n');
}

/** The finished HTML: the font faces its text needs, in the place the CSS kept for them. */
export function withFontFaces(html: string, fonts: readonly FontFace[], cache: Map<string, string>): string {
  const at = html.indexOf(FONT_FACES_HERE);
  if (at < 0) return html;
  const before = html.slice(0, at);
  const after = html.slice(at + FONT_FACES_HERE.length);
  return before + fontFaceCss(fonts, codePointsOf(before + after), cache) + after;
}

/** One per run: templates and styles are read once per audience, fonts once. */
export function createHtmlRenderer(options: RenderOptions): HtmlRenderer {
  const fontData = new Map<string, string>();
  const markdown = createMarkdown();
  const read = layerReader(options.presentation, options.files);
  const perAudience = new Map<string, { templates: TemplateSet; css: string; stylesheets: string[] }>();
  const forAudience = (id: string) => {
    let entry = perAudience.get(id);
    if (!entry) {
      const stylesheets = stylesheetFiles(options.presentation.styles, id);
      entry = {
        templates: createTemplates(options.presentation.templates, id, options.files, options.templateCache),
        css: [FONT_FACES_HERE, ...stylesheets.map(read)].join('\n'),
        stylesheets,
      };
      perAudience.set(id, entry);
    }
    return entry;
  };
  return {
    renderHtml(selection, charts) {
      const { templates, css, stylesheets } = forAudience(selection.audience.id);
      const view = buildViewModel(selection, charts, markdown, options.editionDate, css, options.editionId ?? null);
      const { html, used } = templates.render(selection.report.kind, view);
      return {
        html: withFontFaces(lineBreaks(typographicQuotes(html, view.lang)), options.fonts, fontData),
        templates: used,
        stylesheets,
      };
    },
  };
}
