// End to end: the sample's HTML outputs are accessible. Each document of each kind for two
// audiences, and a pack, is opened in real Chromium and checked by axe-core against WCAG 2.1 A and
// AA: no violation. (Axe's "incomplete" results, such as contrast over a chart's image, need a
// person: they are not violations and are not asserted here.)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePack } from '../../pipeline/pack/pack.ts';
import { BrowserSession } from '../../pipeline/print/session.ts';
import { build } from '../support/build.ts';
import { optionsFor, sharedBrowser } from '../support/options.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  readonly id: string;
  readonly help: string;
  readonly nodes: { readonly target: string[]; readonly failureSummary?: string }[];
}

let root: string;
let browser: Browser;
const pages = new Map<string, string>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-a11y-'));
  const out = path.join(root, 'out');
  const data = path.resolve('data');
  const docs = await build(optionsFor(data, out, { audiences: ['analyst', 'executive'], htmlOnly: true }));
  for (const d of docs.documents) pages.set(path.basename(d.html), d.html);
  // A pack prints its documents to number its contents page: it needs the browser.
  const options = optionsFor(data, out, { audiences: ['executive'] });
  const session = new BrowserSession(options.browser);
  try {
    const pack = await makePack(options, { audience: 'executive', pack: undefined, reports: [] }, session);
    pages.set(`packs/${path.basename(pack.html)}`, pack.html);
  } finally {
    await session.close();
  }
  const ws = sharedBrowser();
  browser = ws
    ? await puppeteer.connect({ browserWSEndpoint: ws })
    : await puppeteer.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  if (sharedBrowser()) await browser?.disconnect();
  else await browser?.close();
  await rm(root, { recursive: true, force: true });
});

/** Axe's WCAG 2.1 A/AA violations on the page, as it renders the file (its CSP bypassed to let axe in). */
async function violations(file: string): Promise<Violation[]> {
  const page = await browser.newPage();
  try {
    await page.setBypassCSP(true);
    await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
    await page.evaluate(axe.source);
    return await page.evaluate(
      (tags) =>
        (
          globalThis as unknown as {
            axe: { run(c: unknown, o: unknown): Promise<{ violations: Violation[] }> };
          }
        ).axe
          .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5) }))),
      TAGS,
    );
  } finally {
    await page.close();
  }
}

describe('the HTML outputs under axe-core (WCAG 2.1 A and AA)', () => {
  it('covers each kind of document for two audiences, and a pack', () => {
    expect([...pages.keys()].sort()).toEqual([
      'chronology.analyst.html',
      'chronology.executive.html',
      'corridors-connectivity.analyst.html',
      'corridors-connectivity.executive.html',
      'packs/executive.html',
      'perspectives.analyst.html',
      'perspectives.executive.html',
      'tr-az-convergence.analyst.html',
      'tr-az-convergence.executive.html',
    ]);
  });

  it('would see a violation: a page without lang and an image without alt fails', async () => {
    const bad = path.join(root, 'bad.html');
    await writeFile(bad, '<!doctype html><html><head><title>x</title></head><body><img src="data:,"></body></html>');
    expect((await violations(bad)).map((v) => v.id).sort()).toEqual(['html-has-lang', 'image-alt']);
  });

  it('finds no violation in any of them', async () => {
    for (const [name, file] of pages) expect(await violations(file), name).toEqual([]);
  });
});
