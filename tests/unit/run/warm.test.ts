// run: what `brief watch` keeps warm between rebuilds gives what a cold build gives: templates
// compiled once by source, the template check found again only when a template changes, and charts
// drawn once by their spec.
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../../pipeline/chart/index.ts';
import { bundledFonts } from '../../../pipeline/config/fonts.ts';
import { presentationOf } from '../../../pipeline/config/layers.ts';
import { createHtmlRenderer } from '../../../pipeline/render/index.ts';
import type { TemplateCache } from '../../../pipeline/render/template-cache.ts';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { Warm } from '../../../pipeline/run/warm.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { MINI } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const fonts = bundledFonts();

describe('templates compiled once', () => {
  it('renders the same HTML from cached templates as from fresh ones, compiling each source once', async () => {
    const options = optionsFor(MINI, '/nonexistent');
    const warm = new Warm();
    const r = await checkCorpus(options, undefined, { warm });
    expect(r.errors).toEqual([]);
    const compiledByCheck = warm.templates.compiled;
    // The check compiled every audience's templates; the render finds them all compiled.
    expect(compiledByCheck).toBeGreaterThan(5);
    const presentation = presentationOf(options);
    const html = (templateCache?: TemplateCache) =>
      [...r.model!.audiences.values()].map((audience) => {
        const sel = selectReport(r.model!, r.anchoring!, r.model!.reports[0]!, audience, { allowUnverified: true });
        return createHtmlRenderer({ presentation, fonts, editionDate: '2024-01-15', templateCache }).renderHtml(sel, [])
          .html;
      });
    expect(html(warm.templates)).toEqual(html());
    expect(warm.templates.compiled).toBe(compiledByCheck);
  });

  it('compiles a template again when its source changes, and reports a broken one with its file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-warm-'));
    await mkdir(path.join(root, 'templates', 'audiences', 'analyst'), { recursive: true });
    const bluf = path.join(root, 'templates', 'audiences', 'analyst', 'bluf.hbs');
    await writeFile(bluf, '<p class="one">{{bluf}}</p>');
    const options = optionsFor(MINI, '/nonexistent', {
      corpusTemplatesDir: path.join(root, 'templates'),
      corpusStylesDir: undefined,
    });
    const warm = new Warm();
    const first = await checkCorpus(options, undefined, { warm });
    expect(first.errors).toEqual([]);
    const compiled = warm.templates.compiled;
    const key = warm.templateCheck?.key;
    expect(key).toBeDefined();

    // Nothing changed: the template check's findings are kept, nothing is compiled.
    await checkCorpus(options, undefined, { warm });
    expect(warm.templates.compiled).toBe(compiled);
    expect(warm.templateCheck?.key).toBe(key);

    // A broken override is found, at its file, though everything else was compiled before.
    await writeFile(bluf, '<p class="two">{{#if bluf}}{{bluf}}</p>');
    const broken = await checkCorpus(options, undefined, { warm });
    expect(broken.errors.map((d) => [d.code, path.basename(d.file)])).toContainEqual(['E_TEMPLATE', 'bluf.hbs']);
    expect(warm.templateCheck?.key).not.toBe(key);

    // Fixed, it is compiled anew: one more source, the rest as they were.
    await writeFile(bluf, '<p class="three">{{bluf}}</p>');
    const fixed = await checkCorpus(options, undefined, { warm });
    expect(fixed.errors).toEqual([]);
    expect(warm.templates.compiled).toBe(compiled + 1);
  });
});

describe('charts drawn once', () => {
  it('gives the same chart for the same spec without drawing it again, and draws a changed one', async () => {
    const renderer = createChartRenderer(fonts);
    const spec = () => ({
      mark: 'bar',
      data: {
        values: [
          { year: '2020', n: 1 },
          { year: '2021', n: 3 },
        ],
      },
      encoding: { x: { field: 'year', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
    });
    const first = await renderer.render('bars', spec());
    expect(await renderer.render('bars', spec())).toBe(first);
    const changed = spec();
    changed.data.values[1]!.n = 4;
    const other = await renderer.render('bars', changed);
    expect(other).not.toBe(first);
    expect(other.svg).not.toBe(first.svg);
    // And a fresh renderer draws the same bytes: the kept chart is the chart.
    expect((await createChartRenderer(fonts).render('bars', spec())).svg).toBe(first.svg);
  });
});
