// chart: charts drawn at the size they print: integer ticks for integer data, never wider than the
// text column (so the page does not scale their labels down), shorter for a summary's one chart.
import { describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../../pipeline/chart/index.ts';
import { integerTicks } from '../../../pipeline/chart/print-size.ts';
import { CONTENT_WIDTH } from '../../../pipeline/chart/theme.ts';
import { bundledFonts } from '../../../pipeline/config/fonts.ts';

const renderer = createChartRenderer(bundledFonts());

/** The axis labels of an SVG, in order. */
const axisLabels = (svg: string) =>
  [...svg.matchAll(/role-axis-label[\s\S]*?<\/g><\/g>/g)].flatMap((g) =>
    [...g[0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!),
  );

describe('integer ticks', () => {
  const assets = [
    // Left to itself, Vega labels this axis 0.0, 0.5, 1.0, 1.5, 2.0.
    { side: 'Azerbaijan', assets: 2 },
    { side: 'Iran', assets: 1 },
  ];
  it('labels an axis over integer data with whole numbers only ("2.5 assets" is no count)', async () => {
    const chart = await renderer.render('assets', {
      width: 200,
      height: 160,
      data: { values: assets },
      mark: 'bar',
      encoding: { x: { field: 'side', type: 'nominal' }, y: { field: 'assets', type: 'quantitative' } },
    });
    const numbers = axisLabels(chart.svg).filter((l) => /^\d/.test(l));
    expect(numbers).toEqual(['0', '1', '2']);
  });
  it('treats counts as integers, keeps what the spec says, and leaves fractional data alone', () => {
    const spec = integerTicks({
      data: { values: [{ v: 1.5 }, { v: 2 }] },
      transform: [{ aggregate: [{ op: 'count', as: 'n' }], groupby: ['v'] }],
      layer: [
        { mark: 'bar', encoding: { y: { field: 'n', type: 'quantitative' }, x: { field: 'v', type: 'quantitative' } } },
        { mark: 'rule', encoding: { y: { aggregate: 'count', type: 'quantitative', axis: { format: '.1f' } } } },
      ],
    });
    const layer = spec.layer as { encoding: Record<string, { axis?: unknown }> }[];
    expect(layer[0]!.encoding.y!.axis).toEqual({ tickMinStep: 1, format: 'd' });
    expect(layer[0]!.encoding.x!.axis).toBeUndefined();
    expect(layer[1]!.encoding.y!.axis).toEqual({ tickMinStep: 1, format: '.1f' });
  });
});

describe('print size', () => {
  const values = ['A', 'B', 'C', 'D', 'E', 'F'].flatMap((column) =>
    [1, 2, 3].map((n) => ({ column, label: `row ${n}`, n })),
  );
  it('draws a column facet wider than the text column narrower, not for the page to scale down', async () => {
    const chart = await renderer.render('facets', {
      width: 160,
      height: 80,
      data: { values },
      mark: 'bar',
      encoding: {
        column: { field: 'column', type: 'nominal' },
        x: { field: 'label', type: 'nominal' },
        y: { field: 'n', type: 'quantitative' },
      },
    });
    expect(chart.width).toBeLessThanOrEqual(CONTENT_WIDTH);
    expect(chart.width).toBeGreaterThan(CONTENT_WIDTH - 40);
  });
  it('draws a chart taller than it may print shorter, its labels at their size', async () => {
    const spec = {
      width: 300,
      height: 400,
      data: { values },
      mark: 'bar',
      encoding: { x: { field: 'column', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
    };
    const chart = await renderer.render('tall', spec, undefined, 227);
    expect(chart.height).toBeLessThanOrEqual(227);
    expect(chart.height).toBeGreaterThan(200);
    expect(chart.svg).toContain('font-size="10.5px"');
  });
});
