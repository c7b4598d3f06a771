// run: the per-document loop every command shares: chart → render HTML into staging, then
// print every HTML in the command's one browser. The chart, render and print stages are
// imported only here, and only when there is a document to make.
import { presentationOf } from '../config/layers.ts';
import { existsSync, readFileSync } from 'node:fs';
import { bundledFonts } from '../config/fonts.ts';
import { displayPath } from '../core/paths.ts';
import type { RunOptions } from '../config/options.ts';
import { diagnostic, InputError, RenderError, type Diagnostic } from '../core/diagnostics.ts';
import type { PrintedPdf, PrintJob } from '../print/index.ts';
import type { RenderedHtml } from '../render/index.ts';
import type { Selection } from '../select/index.ts';
import type { BrowserSession } from '../print/session.ts';
import type { PlannedDocument } from './plan.ts';
import type { Staging } from './staging.ts';
import type { Warm } from './warm.ts';
import type { FileSource } from '../core/world.ts';
import { plural } from '../core/plural.ts';

export interface DocumentJob {
  readonly doc: PlannedDocument;
  readonly selection: Selection;
}

export interface MadeDocument {
  readonly doc: PlannedDocument;
  readonly rendered: Omit<RenderedHtml, 'html'>;
  /** The HTML as rendered and its distribution marking (from the selection), for a pack to print it without reading it back. */
  readonly rendering: { readonly html: string; readonly marking: string };
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
  /** Where templates and stylesheets are read from: the run's world. */
  readonly files?: FileSource;
  /** Aborted when the run is given up (a service job past its time limit): no document is rendered or printed after. */
  readonly signal?: AbortSignal;
  /** Compiled templates and the chart renderer, kept from build to build by `brief watch` (warm.ts). */
  readonly warm?: Warm;
}

const KIND_WORDS: Record<string, string> = {
  'policy-brief': 'policy brief',
  'comparative-perspectives': 'comparative-perspectives document',
  chronology: 'chronology',
};

/** E_PAGE_BUDGET at the audience's `page_budget` entry when a PDF runs longer than it allows. */
function overBudget(doc: PlannedDocument, pages: number | undefined): Diagnostic[] {
  const { audience, report } = doc;
  const budget = audience.page_budget[report.kind];
  if (budget === undefined || pages === undefined || pages <= budget) return [];
  return [
    diagnostic(
      audience.budgetAt[report.kind] ?? audience.at,
      'E_PAGE_BUDGET',
      `${KIND_WORDS[report.kind] ?? report.kind} "${report.id}" for audience "${audience.id}" runs to ${pages} pages, over its budget of ${budget} (page_budget.${report.kind})`,
      `shorten the report, leave sections out for "${audience.id}" (omit: [section-slug]), draw fewer charts (charts: N), tighten styles/audiences/${audience.id}.css, or raise the budget`,
    ),
  ];
}

/** Which of the document's templates or stylesheets holds a refused URL, as " (in FILE)"; corpus text cannot (it is escaped). */
function askedBy(url: string, rendered: RenderedHtml): string {
  const files = [...rendered.stylesheets, ...Object.values(rendered.templates)];
  const file = files.find((f) => existsSync(f) && readFileSync(f, 'utf8').includes(url));
  return file ? ` (in ${displayPath(file)})` : '';
}

/** A promise and its resolve and reject (Promise.withResolvers, which Node 20 lacks). */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** What the PDF says about itself. */
function pdfMeta(job: DocumentJob, options: RunOptions): PrintJob['meta'] {
  return {
    title: job.doc.report.title,
    author: job.doc.report.author ?? 'brief',
    subject: job.doc.report.subtitle ?? job.doc.report.bluf.replace(/(?<!\s)\s*\[@[^[\]]*\]/g, '').slice(0, 200),
    keywords: [
      job.doc.report.kind,
      job.doc.audience.id,
      ...job.doc.report.topics,
      ...(options.editionId ? [`edition:${options.editionId}`] : []),
    ],
    language: 'en',
    edition: options.editionId,
  };
}

export async function makeDocuments(jobs: readonly DocumentJob[], ctx: MakeContext): Promise<MadeDocument[]> {
  if (jobs.length === 0) return [];
  const [{ createChartRenderer, renderCharts }, { createHtmlRenderer }] = await Promise.all([
    import('../chart/index.ts'),
    import('../render/index.ts'),
  ]);
  const fonts = bundledFonts();
  if (ctx.warm && !ctx.warm.charts) ctx.warm.charts = createChartRenderer(fonts);
  const charts = ctx.warm?.charts ?? createChartRenderer(fonts);
  const renderer = createHtmlRenderer({
    presentation: presentationOf(ctx.options),
    fonts,
    editionDate: ctx.options.editionDate,
    editionId: ctx.options.editionId,
    files: ctx.files,
    templateCache: ctx.warm?.templates,
  });

  // Rendering and printing overlap: the browser starts while the first document renders, and each
  // document is printed as soon as its HTML is staged, while the next one renders (Node renders,
  // Chromium prints: two cores busy instead of one, then the other).
  const opening = ctx.print ? Promise.all([import('../print/index.ts'), ctx.session.get()]) : undefined;
  opening?.catch(() => undefined); // awaited below; a failed launch must not be unhandled meanwhile
  const staged: { job: DocumentJob; file: string; rendered: RenderedHtml; size: number }[] = [];
  const ready = jobs.map(() => deferred<PrintJob>());
  ready.forEach((r) => r.promise.catch(() => undefined));
  const rendering = (async () => {
    try {
      for (const [i, job] of jobs.entries()) {
        ctx.signal?.throwIfAborted();
        ctx.progress(`render ${i + 1}/${jobs.length} ${job.doc.name}`);
        const drawn = await renderCharts(job.selection, charts);
        ctx.signal?.throwIfAborted();
        const rendered = renderer.renderHtml(job.selection, drawn);
        const file = await ctx.staging.write(`html/${job.doc.name}.html`, rendered.html);
        staged.push({ job, file, rendered, size: Buffer.byteLength(rendered.html) });
        ready[i]!.resolve({ html: file, meta: pdfMeta(job, ctx.options) });
        // Let the printing workers send this document to Chromium before the next render takes the thread.
        await new Promise((r) => setImmediate(r));
      }
    } catch (err) {
      // The documents not rendered are not printed: the render's own error is what the user sees.
      for (const r of ready) r.reject(new Error('not rendered'));
      throw err;
    }
  })();

  let printed: PrintedPdf[] = [];
  if (opening) {
    const printing = opening.then(([{ printPdfs }, open]) =>
      printPdfs(
        ready.map((r) => r.promise),
        open.browser,
        {
          editionDate: ctx.options.editionDate,
          names: jobs.map((j) => j.doc.name),
          onPrinted: (_, done, total) => ctx.progress(`print ${done}/${total}`),
          signal: ctx.signal,
          pages: ctx.warm?.lasting ? ctx.session.pages : undefined,
        },
      ),
    );
    const [rendered, prints] = await Promise.allSettled([rendering, printing]);
    ctx.signal?.throwIfAborted(); // given up: its reason, not a render or print failure it caused
    if (rendered.status === 'rejected') throw rendered.reason;
    if (prints.status === 'rejected') throw prints.reason;
    printed = prints.value;
    const leaks = staged.flatMap(({ job, rendered }, i) =>
      (printed[i]?.refused ?? []).map((url) => `${job.doc.name} asked for ${url}${askedBy(url, rendered)}`),
    );
    if (leaks.length) {
      throw new RenderError(
        `${plural(leaks.length, 'network request')} ${leaks.length === 1 ? 'was' : 'were'} refused while printing:\n  ${leaks.slice(0, 5).join('\n  ')}${leaks.length > 5 ? `\n  and ${leaks.length - 5} more` : ''}`,
        'documents must not load anything from the network: inline images and styles, or put them in the project',
      );
    }
    // Pages are known only now, and nothing is committed yet: a document over budget fails the whole run.
    const over = staged.flatMap(({ job }, i) => overBudget(job.doc, printed[i]?.pages));
    if (over.length) throw new InputError(over);
  } else await rendering;

  const made: MadeDocument[] = [];
  for (const [i, { job, rendered, size }] of staged.entries()) {
    const pdf = printed[i];
    const pdfPath = `pdf/${job.doc.name}.pdf`;
    if (pdf) await ctx.staging.write(pdfPath, pdf.bytes);
    made.push({
      doc: job.doc,
      rendered: { templates: rendered.templates, stylesheets: rendered.stylesheets },
      rendering: { html: rendered.html, marking: job.selection.marking },
      html: { path: `html/${job.doc.name}.html`, size },
      pdf: pdf ? { path: pdfPath, size: pdf.bytes.byteLength, pages: pdf.pages } : null,
    });
  }
  return made;
}
