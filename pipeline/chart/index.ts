// chart: Selection → RenderedChart[]: Vega-Lite specs compiled to Vega and drawn as SVG in Node (no browser).
import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { diagnostic, InputError } from '../core/diagnostics.ts';
import type { FontFace } from '../config/fonts.ts';
import type { Selection } from '../select/index.ts';
import { sourceLabel } from '../core/source-label.ts';
import { abbreviationsNote, stanceSpec } from './builtin.ts';
import { stanceAlt, timelineAlt } from './alt-text.ts';
import { timelineSpec } from './timeline.ts';
import { makeTextWidth } from './text-metrics.ts';
import { chartConfig } from './theme.ts';
import { type Drawn, fitted, integerTicks, SUMMARY_CHART_HEIGHT } from './print-size.ts';
import { CONTENT_WIDTH } from './theme.ts';
import type { RenderedChart } from './types.ts';
import { chartWorkProblems, WORK_HINT } from '../core/chart-bounds.ts';

export type * from './types.ts';

/**
 * Charts are drawn from data given inline only. Vega logs a failed load and draws on, so the
 * loader refuses every URL or file and remembers it, and the chart fails afterwards.
 */
function refusingLoader(refused: string[]) {
  const loader = vega.loader();
  loader.sanitize = async (uri: string) => {
    refused.push(uri);
    throw new Error(`charts may not load "${uri}"`);
  };
  return loader;
}

/** Most marks (points, bars, lines' vertices count once per line) a chart may draw. */
export const MAX_MARKS = 5_000;

interface SceneMark {
  readonly marktype?: string;
  readonly items?: readonly { readonly items?: readonly SceneMark[] }[];
}

/** The items of every mark in a Vega scenegraph, groups not counted. */
function countMarks(mark: SceneMark): number {
  let n = 0;
  for (const item of mark.items ?? []) {
    if (mark.marktype === 'group') for (const child of item.items ?? []) n += countMarks(child);
    else n++;
  }
  return n;
}

export interface ChartRenderer {
  /** `alt`: what the chart shows, in words; by default its title and description. */
  /** `maxHeight`: the most it may print tall, in CSS px; a taller chart is drawn shorter. */
  render(id: string, spec: Record<string, unknown>, alt?: string, maxHeight?: number): Promise<RenderedChart>;
}

/**
 * The SVG as the figure holds it: hidden from assistive technology (the <figure> has the alternate
 * text), its own role and labels dropped so Chromium makes no figure of it.
 */
function silentSvg(svg: string): string {
  return svg
    .replace(/<[a-z][^>]*>/g, (tag) => tag.replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, ''))
    .replace(/^<svg\b/, '<svg aria-hidden="true" focusable="false"');
}

/** A Vega-Lite spec drawn to SVG, with the size it was drawn at. */
async function draw(input: Record<string, unknown>): Promise<Drawn> {
  const spec = input as unknown as TopLevelSpec;
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => {
      warnings.push(m.join(' '));
      return logger;
    },
    warn: (...m: unknown[]) => {
      warnings.push(m.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const vgSpec = compile(spec, { logger: logger as never }).spec;
  // Checked again on the Vega the spec compiles to (an impute inside an encoding, a default
  // Vega-Lite filled in): no dataflow starts whose size is not bounded.
  const work = chartWorkProblems(vgSpec);
  if (work.length)
    throw new Error(`${work.map((w) => w.message).join('; ')}. ${WORK_HINT.replace(/^./, (c) => c.toUpperCase())}`);
  vega.resetSVGDefIds();
  const refused: string[] = [];
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: 'none',
    logLevel: vega.None,
    loader: refusingLoader(refused),
  });
  await view.runAsync();
  const marks = countMarks((view as unknown as { scenegraph(): { root: SceneMark } }).scenegraph().root);
  if (marks > MAX_MARKS) {
    view.finalize();
    throw new Error(
      `it would draw ${marks.toLocaleString('en')} marks, and the limit is ${MAX_MARKS.toLocaleString('en')}: no page shows more legibly, and printing them takes minutes. Aggregate in the spec ("aggregate", "bin", "timeUnit") or filter the data`,
    );
  }
  const svg = await view.toSVG();
  if (refused.length) {
    view.finalize();
    throw new Error(`charts may not load anything; this one asked for ${refused.join(', ')}`);
  }
  const size = /<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/.exec(svg);
  view.finalize();
  return { spec: input, svg, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
}

/** Past this many charts drawn, the least recently used drawing is dropped. */
const MAX_KEPT = 200;

/**
 * One per run, or one per `brief watch` (kept warm between rebuilds). Vega keeps its text measurer
 * in a module-level object; we point it at fontkit over the bundled fonts here, once, so every
 * label is measured as Chromium will draw it. A chart is a function of its spec (data inline),
 * its alternate text and its room: each one drawn is kept by those, so the same chart in another
 * audience's document, or in the next rebuild after an edit elsewhere, is not drawn again.
 */
export function createChartRenderer(faces: readonly FontFace[]): ChartRenderer {
  const width = makeTextWidth(faces);
  const measurer = vega as unknown as { textMetrics: { width: unknown } };
  const drawn = new Map<string, Promise<RenderedChart>>();
  const renderer: ChartRenderer = {
    render(id, input, alt, maxHeight) {
      const key = createHash('sha256')
        .update(JSON.stringify([id, input, alt ?? null, maxHeight ?? null]))
        .digest('base64');
      let chart = drawn.get(key);
      if (chart) drawn.delete(key);
      else {
        // Another renderer may have pointed Vega at its own measurer since: this one's, again.
        measurer.textMetrics.width = width;
        chart = drawOne(id, input, alt, maxHeight);
        // A chart that cannot be drawn is not kept: the next try says why again.
        chart.catch(() => drawn.delete(key));
        if (drawn.size >= MAX_KEPT) drawn.delete(drawn.keys().next().value!);
      }
      drawn.set(key, chart);
      return chart;
    },
  };
  return renderer;
}

const drawOne: ChartRenderer['render'] = async (id, input, alt, maxHeight) => {
  const { title, description, config, ...rest } = input as {
    title?: unknown;
    description?: string;
    config?: Record<string, unknown>;
  };
  const titleText = typeof title === 'string' ? title : ((title as { text?: string } | undefined)?.text ?? id);
  const subtitle = (title as { subtitle?: string } | undefined)?.subtitle;
  const spec = integerTicks({ ...rest, config: { ...chartConfig, ...(config ?? {}) } });
  // Drawn wider than the column (or taller than the audience's room for it), the page would
  // scale it and its labels down: it is drawn narrower (shorter) instead.
  let drawn = await fitted(await draw(spec), 'width', CONTENT_WIDTH, draw);
  if (maxHeight) drawn = await fitted(drawn, 'height', maxHeight, draw);
  const { svg } = drawn;
  const said = description ?? subtitle;
  return {
    id,
    title: titleText,
    description: said,
    alt: alt ?? (said ? `${titleText}: ${said}` : titleText),
    svg: silentSvg(svg),
    width: drawn.width,
    height: drawn.height,
  };
};

export async function renderCharts(selection: Selection, renderer: ChartRenderer): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  const { report } = selection;
  // The built-in charts draw what the report selects: one that cannot be drawn (a timeline of
  // 10,000 events) is the report's problem, said at the report.
  const builtin = async (id: string, spec: Record<string, unknown>, what: string, alt: string) => {
    try {
      out.push(await renderer.render(id, spec, alt));
    } catch (err) {
      throw new InputError([
        diagnostic(
          report.at,
          'E_CHART_INVALID',
          `the ${what} of report "${report.id}" cannot be drawn: ${(err as Error).message}`,
          `narrow what the report selects (its events, periods or sources), or split it into several reports`,
        ),
      ]);
    }
  };
  // A summary prints the turning points, not the list of events: its timeline numbers only them.
  const summary = selection.audience.detail === 'summary';
  if (report.kind === 'chronology' && selection.events.length) {
    const marked = summary ? new Map(selection.turningPoints.map((t, i) => [t.event.id, i + 1])) : undefined;
    const laneName = (key: string) =>
      report.lanes === 'actor'
        ? (selection.actorNames.get(key) ?? key)
        : key.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
    await builtin(
      'timeline',
      timelineSpec(selection.events, report.lanes, laneName, 'Timeline of events', marked),
      `timeline (${selection.events.length.toLocaleString('en')} events)`,
      timelineAlt(selection.events, report.lanes, laneName, 'Timeline of events', summary),
    );
  }
  if (report.kind === 'comparative-perspectives' && selection.stances.length) {
    const cells = selection.stances.map((c) => ({
      sourceLabel: sourceLabel(c.source),
      questionLabel: c.question.short,
      stance: c.stance,
    }));
    const note = abbreviationsNote(cells, selection.actorNames);
    await builtin(
      'stances',
      stanceSpec(cells, 'Where the sources stand', note),
      'stance chart',
      stanceAlt(cells, 'Where the sources stand', note),
    );
  }
  // A summary's one chart shares a page with the options or the outlook: it is drawn short enough.
  const maxHeight = summary ? SUMMARY_CHART_HEIGHT : undefined;
  for (const chart of selection.charts) {
    const rows = selection.chartData.get(chart.dataset) ?? [];
    const spec = { ...structuredClone(chart.spec), data: { values: structuredClone(rows) } } as Record<string, unknown>;
    delete spec.$schema;
    try {
      out.push(await renderer.render(chart.id, spec, undefined, maxHeight));
    } catch (err) {
      throw new InputError([
        diagnostic(
          chart.at,
          'E_CHART_INVALID',
          `chart "${chart.id}" cannot be drawn: ${(err as Error).message}`,
          'check the spec against the Vega-Lite documentation; the data must come from its named dataset',
        ),
      ]);
    }
  }
  return out;
}
