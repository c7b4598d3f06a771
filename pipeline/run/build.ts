// build: the orchestrator. The only module that calls stages; it passes each one's result to the next.
//
//   load → validate → model → anchor → select → chart → render → print → (archive)
//
// 1. load the corpus files (syntax only)          4. anchor every claim's quote in its source text
// 2. validate them against the schemas            5. plan the documents: report × audience
// 3. build the model, resolving references        6. per document: select → chart → render HTML
//                                                 7. print every HTML to PDF in one browser
//                                                 8. move the outputs into place, all or nothing
import path from 'node:path';
import { anchorClaims, type Anchoring } from '../anchor/index.ts';
import { createChartRenderer, renderCharts, type ChartRenderer } from '../chart/index.ts';
import { bundledFonts } from '../config/fonts.ts';
import type { RunOptions } from '../config/options.ts';
import { hasErrors, InputError, RenderError, sortDiagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { loadCorpus } from '../load/index.ts';
import { buildModel, type Model } from '../model/index.ts';
import { printPdfs } from '../print/index.ts';
import { createHtmlRenderer, type HtmlRenderer } from '../render/index.ts';
import { selectReport } from '../select/index.ts';
import { validateCorpus } from '../validate/index.ts';
import { planDocuments, type PlannedDocument } from './plan.ts';
import { Staging } from './staging.ts';

export interface CheckResult {
  readonly ok: boolean;
  readonly model: Model | undefined;
  readonly anchoring: Anchoring | undefined;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export interface BuiltDocument {
  readonly report: string;
  readonly kind: string;
  readonly audience: string;
  readonly html: string;
  readonly pdf: string;
  readonly pages: number;
}

export interface BuildResult {
  readonly documents: readonly BuiltDocument[];
  readonly warnings: readonly Diagnostic[];
}

export type Progress = (message: string) => void;

/** Steps 1–4: everything `brief check` does; writes nothing. */
export async function checkCorpus(options: RunOptions): Promise<CheckResult> {
  const loaded = await loadCorpus(options.dataDir);
  const validation = validateCorpus(loaded);
  const modelling = buildModel(validation.corpus);
  const early = [...validation.diagnostics, ...modelling.diagnostics];
  const anchoring = hasErrors(early) ? undefined : await anchorClaims(modelling.model, options.textDirs);
  const all = sortDiagnostics([...early, ...(anchoring?.diagnostics ?? [])]);
  const errors = all.filter((d) => d.severity === 'error');
  return { ok: errors.length === 0, model: modelling.model, anchoring, errors, warnings: all.filter((d) => d.severity === 'warning') };
}

export async function buildDocuments(options: RunOptions, progress: Progress = () => undefined): Promise<BuildResult> {
  const checked = await checkCorpus(options);
  if (!checked.ok || !checked.model || !checked.anchoring) throw new InputError(checked.errors, checked.warnings);
  const { model, anchoring } = checked;

  // 5. plan
  const planned: PlannedDocument[] = planDocuments(model, options);

  // 6. select → chart → render, into a staging folder
  const fonts = bundledFonts();
  const charts = createChartRenderer(fonts);
  const html = createHtmlRenderer({ templatesDir: options.templatesDir, stylesDir: options.stylesDir, fonts, editionDate: options.editionDate });
  const staging = await Staging.open(options.outDir);
  try {
    return await stageAndPrint({ model, anchoring, planned, charts, html, staging, options, progress, warnings: checked.warnings });
  } catch (err) {
    // Errors found while rendering (an unverified quote, a broken template) keep the warnings.
    if (err instanceof InputError && err.warnings.length === 0) throw new InputError(err.diagnostics, checked.warnings);
    throw err;
  } finally {
    await staging.discard();
  }

}

interface StageContext {
  readonly model: Model;
  readonly anchoring: Anchoring;
  readonly planned: readonly PlannedDocument[];
  readonly charts: ChartRenderer;
  readonly html: HtmlRenderer;
  readonly staging: Staging;
  readonly options: RunOptions;
  readonly progress: Progress;
  readonly warnings: readonly Diagnostic[];
}

/** Steps 6–8 for a checked corpus: every document into the staging folder, then into place. */
async function stageAndPrint({ model, anchoring, planned, charts, html, staging, options, progress, warnings }: StageContext): Promise<BuildResult> {
  const jobs = [];
  for (const doc of planned) {
    progress(`rendering ${doc.name}`);
    const selection = selectReport(model, anchoring, doc.report, doc.audience, { allowUnverified: options.allowUnverified });
    const rendered = await renderCharts(selection, charts);
    const file = await staging.write(`html/${doc.name}.html`, html.renderHtml(selection, rendered));
    jobs.push({
      html: file,
      meta: {
        title: doc.report.title,
        author: doc.report.author ?? 'brief',
        subject: doc.report.subtitle ?? doc.report.bluf.slice(0, 200),
        keywords: [doc.report.kind, doc.audience.id, ...doc.report.topics],
        language: 'en',
      },
    });
  }

  // 7. print
  const printed = await printPdfs(jobs, {
    editionDate: options.editionDate,
    onPrinted: (job, done, total) => progress(`printed ${done}/${total}`),
  });
  const leaks = printed.filter((p) => p.refused.length > 0);
  if (leaks.length) {
    throw new RenderError(`${leaks.reduce((n, p) => n + p.refused.length, 0)} network request(s) were refused while printing: ${leaks.flatMap((p) => p.refused).slice(0, 3).join(', ')}`,
      'documents must not load anything from the network: inline images and styles, or put them in the project');
  }
  const documents: BuiltDocument[] = [];
  for (const [i, doc] of planned.entries()) {
    const pdf = printed[i]!;
    await staging.write(`pdf/${doc.name}.pdf`, pdf.bytes);
    documents.push({ report: doc.report.id, kind: doc.report.kind, audience: doc.audience.id, html: staging.finalPath(`html/${doc.name}.html`), pdf: staging.finalPath(`pdf/${doc.name}.pdf`), pages: pdf.pages });
  }
  await staging.write('build.json', `${JSON.stringify({ editionDate: options.editionDate, documents }, null, 2)}\n`);
  // Where each quote was found, with its selector and the hash of the text, so a changed
  // source can be detected and its claims re-anchored.
  await staging.write('anchors.json', `${JSON.stringify(anchorRecord(model, anchoring), null, 2)}\n`);

  // 8. all or nothing
  await staging.commit();
  return { documents, warnings };
}

function anchorRecord(model: Model, anchoring: Anchoring) {
  const texts = Object.fromEntries([...anchoring.texts].map(([id, t]) => [id, { file: path.basename(t.file), sha256: t.sha256 }]));
  const claims = Object.fromEntries([...model.claims.values()].map((c) => [c.id, { source: c.source, ...anchoring.anchors.get(c.id) }]));
  return { offsets: 'UTF-16 code units', texts, claims };
}
