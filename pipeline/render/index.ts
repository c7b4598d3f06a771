// render: Selection + RenderedChart[] → one self-contained HTML document (fonts, styles, charts inlined).
import { existsSync, readFileSync } from 'node:fs';
import type { RenderedChart } from '../chart/index.ts';
import type { FontFace } from '../config/fonts.ts';
import type { Selection } from '../select/index.ts';
import { createTemplates, type TemplateSet } from './environment.ts';
import { createMarkdown } from './markdown.ts';
import { stylesheetFiles } from './template-files.ts';
import { buildViewModel } from './view-model.ts';

export { stylesheetFiles, templateFile } from './template-files.ts';

export { formatEdtf } from './dates.ts';

export interface RenderOptions {
  readonly templatesDir: string;
  readonly stylesDir: string;
  readonly fonts: readonly FontFace[];
  /** The date the documents carry (YYYY-MM-DD); the same inputs and date give the same bytes. */
  readonly editionDate: string;
  /** The archived edition the documents belong to, if any. */
  readonly editionId?: string | undefined;
}

export interface RenderedHtml {
  readonly html: string;
  /** Each template the render used (`kind:<kind>`, partial and layout names) → its file. */
  readonly templates: Readonly<Record<string, string>>;
  /** The stylesheets inlined, present or not (a missing audience stylesheet is a dependency too). */
  readonly stylesheets: readonly string[];
}

export interface HtmlRenderer {
  renderHtml(selection: Selection, charts: readonly RenderedChart[]): RenderedHtml;
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
  const perAudience = new Map<string, { templates: TemplateSet; css: string; stylesheets: string[] }>();
  const forAudience = (id: string) => {
    let entry = perAudience.get(id);
    if (!entry) {
      const stylesheets = stylesheetFiles(options.stylesDir, id);
      entry = { templates: createTemplates(options.templatesDir, id), css: [fonts, ...stylesheets.map(read)].join('\n'), stylesheets };
      perAudience.set(id, entry);
    }
    return entry;
  };
  return {
    renderHtml(selection, charts) {
      const { templates, css, stylesheets } = forAudience(selection.audience.id);
      const view = buildViewModel(selection, charts, markdown, options.editionDate, css, options.editionId ?? null);
      const { html, used } = templates.render(selection.report.kind, view);
      return { html, templates: used, stylesheets };
    },
  };
}
