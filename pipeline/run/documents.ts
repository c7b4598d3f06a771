// run: the per-document loop every command shares: chart → render HTML into staging, then
// print every HTML in the command's one browser. The chart, render and print stages are
// imported only here, and only when there is a document to make.
import { existsSync, readFileSync } from 'node:fs';
import { bundledFonts } from '../config/fonts.ts';
import { displayPath } from '../core/paths.ts';
import type { RunOptions } from '../config/options.ts';
import { diagnostic, InputError, RenderError, type Diagnostic } from '../core/diagnostics.ts';
import type { PrintedPdf } from '../print/index.ts';
import type { RenderedHtml } from '../render/index.ts';
import type { Selection } from '../select/index.ts';
import type { BrowserSession } from './browser-session.ts';
import type { PlannedDocument } from './plan.ts';
import type { Staging } from './staging.ts';

export interface DocumentJob {
  readonly doc: PlannedDocument;
  readonly selection: Selection;
}

export interface MadeDocument {
  readonly doc: PlannedDocument;
  readonly rendered: Omit<RenderedHtml, 'html'>;
  /** Paths relative to out/. */
  readonly html: { readonly path: string; readonly size: number };
  readonly pdf: { readonly path: string; readonly size: number; readonly pages: number } | null;
}

export interface MakeContext {
  readonly options: RunOptions;
  readonly staging: Staging;
  readonly session: BrowserSession;
  /** False for an HTML-only run: no browser. */
  readonly print: boolean;
  readonly progress: (message: string) => void;
}

const KIND_WORDS: Record<string, string> = { 'policy-brief': 'policy brief', 'comparative-perspectives': 'comparative-perspectives document', chronology: 'chronology' };

/** E_PAGE_BUDGET at the audience's `page_budget` entry when a PDF runs longer than it allows. */
function overBudget(doc: PlannedDocument, pages: number | undefined): Diagnostic[] {
  const { audience, report } = doc;
  const budget = audience.page_budget[report.kind];
  if (budget === undefined || pages === undefined || pages <= budget) return [];
  return [diagnostic(audience.budgetAt[report.kind] ?? audience.at, 'E_PAGE_BUDGET',
    `${KIND_WORDS[report.kind] ?? report.kind} "${report.id}" for audience "${audience.id}" runs to ${pages} pages, over its budget of ${budget} (page_budget.${report.kind})`,
    `shorten the report, leave sections out for "${audience.id}" (omit: [section-slug]), draw fewer charts (charts: N), tighten styles/audiences/${audience.id}.css, or raise the budget`)];
}

/** Which of the document's templates or stylesheets holds a refused URL, as " (in FILE)"; corpus text cannot (it is escaped). */
function askedBy(url: string, rendered: RenderedHtml): string {
  const files = [...rendered.stylesheets, ...Object.values(rendered.templates)];
  const file = files.find((f) => existsSync(f) && readFileSync(f, 'utf8').includes(url));
  return file ? ` (in ${displayPath(file)})` : '';
}

export async function makeDocuments(jobs: readonly DocumentJob[], ctx: MakeContext): Promise<MadeDocument[]> {
  if (jobs.length === 0) return [];
  const [{ createChartRenderer, renderCharts }, { createHtmlRenderer }] = await Promise.all([import('../chart/index.ts'), import('../render/index.ts')]);
  const fonts = bundledFonts();
  const charts = createChartRenderer(fonts);
  const renderer = createHtmlRenderer({ templatesDir: ctx.options.templatesDir, stylesDir: ctx.options.stylesDir, fonts, editionDate: ctx.options.editionDate, editionId: ctx.options.editionId });

  const staged: { job: DocumentJob; file: string; rendered: RenderedHtml; size: number }[] = [];
  for (const [i, job] of jobs.entries()) {
    ctx.progress(`render ${i + 1}/${jobs.length} ${job.doc.name}`);
    const rendered = renderer.renderHtml(job.selection, await renderCharts(job.selection, charts));
    const file = await ctx.staging.write(`html/${job.doc.name}.html`, rendered.html);
    staged.push({ job, file, rendered, size: Buffer.byteLength(rendered.html) });
  }

  let printed: PrintedPdf[] = [];
  if (ctx.print) {
    const { printPdfs } = await import('../print/index.ts');
    const open = await ctx.session.get();
    printed = await printPdfs(staged.map(({ job, file }) => ({
      html: file,
      meta: {
        title: job.doc.report.title,
        author: job.doc.report.author ?? 'brief',
        subject: job.doc.report.subtitle ?? job.doc.report.bluf.replace(/(?<!\s)\s*\[@[^[\]]*\]/g, '').slice(0, 200),
        keywords: [job.doc.report.kind, job.doc.audience.id, ...job.doc.report.topics, ...(ctx.options.editionId ? [`edition:${ctx.options.editionId}`] : [])],
        language: 'en',
        edition: ctx.options.editionId,
      },
    })), open.browser, { editionDate: ctx.options.editionDate, onPrinted: (_, done, total) => ctx.progress(`print ${done}/${total}`) });
    const leaks = staged.flatMap(({ job, rendered }, i) => (printed[i]?.refused ?? []).map((url) => `${job.doc.name} asked for ${url}${askedBy(url, rendered)}`));
    if (leaks.length) {
      throw new RenderError(`${leaks.length} network request(s) were refused while printing:\n  ${leaks.slice(0, 5).join('\n  ')}${leaks.length > 5 ? `\n  and ${leaks.length - 5} more` : ''}`,
        'documents must not load anything from the network: inline images and styles, or put them in the project');
    }
    // Pages are known only now, and nothing is committed yet: a document over budget fails the whole run.
    const over = staged.flatMap(({ job }, i) => overBudget(job.doc, printed[i]?.pages));
    if (over.length) throw new InputError(over);
  }

  const made: MadeDocument[] = [];
  for (const [i, { job, rendered, size }] of staged.entries()) {
    const pdf = printed[i];
    const pdfPath = `pdf/${job.doc.name}.pdf`;
    if (pdf) await ctx.staging.write(pdfPath, pdf.bytes);
    made.push({
      doc: job.doc,
      rendered: { templates: rendered.templates, stylesheets: rendered.stylesheets },
      html: { path: `html/${job.doc.name}.html`, size },
      pdf: pdf ? { path: pdfPath, size: pdf.bytes.byteLength, pages: pdf.pages } : null,
    });
  }
  return made;
}
