// End to end: the sample's charts as they print. Each SVG is read back as Chromium lays it into the
// document's text column (A4 less the print margins): every text's font size times the SVG's scale
// (its printed width over its viewBox width) is at least 6.5 pt, and an integer axis has no
// fractional tick ("2.5 assets"). The executive briefs' faceted chart once printed at 2–3 pt.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../pipeline/run/build.ts';
import { build } from '../support/build.ts';
import { optionsFor, sharedBrowser } from '../support/options.ts';

/** The text column on A4 with 20 mm margins either side, in CSS px (170 mm). */
const COLUMN = Math.floor((170 / 25.4) * 96);

interface PrintedChart {
  readonly id: string;
  readonly scale: number;
  readonly small: string[];
  readonly ticks: string[];
}

describe('the sample charts, at their print size', () => {
  let out = '';
  let result: BuildResult;
  let browser: Browser;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'brief-chart-size-'));
    result = await build(
      optionsFor('data', out, {
        reports: ['corridors-connectivity', 'tr-az-convergence', 'chronology'],
        htmlOnly: true,
      }),
    );
    const ws = sharedBrowser();
    browser = ws
      ? await puppeteer.connect({ browserWSEndpoint: ws })
      : await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  }, 300_000);
  afterAll(async () => {
    if (sharedBrowser()) await browser?.disconnect();
    else await browser?.close();
    await rm(out, { recursive: true, force: true });
  });

  const printed = async (html: string): Promise<PrintedChart[]> => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: COLUMN, height: 1000 });
      await page.emulateMediaType('print');
      await page.goto(pathToFileURL(html).href);
      return await page.evaluate(() =>
        [...document.querySelectorAll<SVGSVGElement>('figure.chart svg')].map((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim());
          const small = texts
            .map((t) => ({ text: t.textContent!, pt: Number.parseFloat(getComputedStyle(t).fontSize) * scale * 0.75 }))
            .filter((t) => t.pt < 6.5)
            .map((t) => `${t.text} at ${t.pt.toFixed(1)} pt`);
          const ticks = [...svg.querySelectorAll('.role-axis-label text')].map((t) => t.textContent ?? '');
          return { id: svg.closest('figure')!.id, scale, small, ticks };
        }),
      );
    } finally {
      await page.close();
    }
  };

  it('prints every chart label at 6.5 pt or more, with no SVG scaled down', async () => {
    const found: string[] = [];
    let charts = 0;
    for (const d of result.documents) {
      for (const c of await printed(d.html)) {
        charts++;
        const where = `${path.basename(d.html)} ${c.id}`;
        if (c.scale < 0.999) found.push(`${where}: scaled to ${c.scale.toFixed(2)}`);
        for (const s of c.small) found.push(`${where}: "${s}"`);
      }
    }
    expect(charts).toBeGreaterThanOrEqual(result.documents.length);
    expect(found).toEqual([]);
  });

  it('gives the count axes integer ticks only', async () => {
    const d = result.documents.find((doc) => path.basename(doc.html) === 'tr-az-convergence.executive.html')!;
    const exercises = (await printed(d.html)).find((c) => c.id === 'chart-exercises-by-year')!;
    const numbers = exercises.ticks.filter((t) => /^\d/.test(t) && !/^20\d\d$/.test(t));
    expect(numbers.length).toBeGreaterThan(2);
    expect(numbers.filter((t) => !/^\d+$/.test(t))).toEqual([]);
  });
});
