// render: Selection + RenderedChart[] → one self-contained HTML document (fonts, styles, charts inlined).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderedChart } from '../chart/index.ts';
import type { FontFace } from '../config/fonts.ts';
import type { Selection } from '../select/index.ts';
import { createTemplates, type TemplateSet } from './environment.ts';
import { createMarkdown } from './markdown.ts';
import { buildViewModel } from './view-model.ts';

export { formatEdtf } from './dates.ts';

export interface RenderOptions {
  readonly templatesDir: string;
  readonly stylesDir: string;
  readonly fonts: readonly FontFace[];
  /** The date the documents carry (YYYY-MM-DD); the same inputs and date give the same bytes. */
  readonly editionDate: string;
}

export interface HtmlRenderer {
  renderHtml(selection: Selection, charts: readonly RenderedChart[]): string;
}

/** @font-face rules with the font files inlined as data: URLs, so the HTML needs nothing beside it. */
export function fontFaceCss(fonts: readonly FontFace[]): string {
  return fonts.flatMap((face) => face.files.map((file) => {
    const data = readFileSync(file.path).toString('base64');
    return `@font-face{font-family:"${face.family}";font-style:${face.style};font-weight:${face.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${file.unicodeRange};}`;
  })).join('\n');
}

/** One per run: templates and styles are read once per audience, fonts once. */
export function createHtmlRenderer(options: RenderOptions): HtmlRenderer {
  const fonts = fontFaceCss(options.fonts);
  const markdown = createMarkdown();
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  const base = ['base.css', 'print.css'].map((f) => read(path.join(options.stylesDir, f))).join('\n');
  const perAudience = new Map<string, { templates: TemplateSet; css: string }>();
  const forAudience = (id: string) => {
    let entry = perAudience.get(id);
    if (!entry) {
      entry = {
        templates: createTemplates(options.templatesDir, id),
        css: [fonts, base, read(path.join(options.stylesDir, 'audiences', `${id}.css`))].join('\n'),
      };
      perAudience.set(id, entry);
    }
    return entry;
  };
  return {
    renderHtml(selection, charts) {
      const { templates, css } = forAudience(selection.audience.id);
      const view = buildViewModel(selection, charts, markdown, options.editionDate, css);
      return templates.render(selection.report.kind, view);
    },
  };
}
