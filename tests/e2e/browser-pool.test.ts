// Chromium supervised for the service, on real browsers: the page cap, a restart after N jobs, a
// new browser after one dies, failover across remote browsers (documents handed over as content),
// and a job given up at its time limit with its browser restarted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../pipeline/config/options.ts';
import { preparePage } from '../../pipeline/print/index.ts';
import { BrowserPool, SupervisedBrowser, type SupervisorOptions } from '../../pipeline/service/browser-pool.ts';
import { CorpusFingerprint, packJobId } from '../../pipeline/service/corpus-id.ts';
import { packProcessor } from '../../pipeline/service/pack-job.ts';
import { PackStore } from '../../pipeline/service/pack-store.ts';
import { corpora } from '../support/corpus.ts';
import { sharedBrowser } from '../support/options.ts';

const temp = corpora();
const opened: SupervisedBrowser[] = [];
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
  await temp.removeAll();
});

const base = defaultOptions();
const supervised = (more: Partial<SupervisorOptions> = {}) => {
  const b = new SupervisedBrowser({ browser: { ...base.browser, endpoint: undefined }, endpoints: [], maxPages: 4, restartAfter: 50, log: () => undefined, ...more }, 0);
  opened.push(b);
  return b;
};
const pidOf = async (b: SupervisedBrowser) => (await b.get()).browser.process()?.pid;
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('supervised browsers', () => {
  it('hold pages to the cap: a page over it waits for one to close', async () => {
    const b = supervised({ maxPages: 1 });
    const { browser } = await b.get();
    const first = await browser.newPage();
    let second = false;
    const next = browser.newPage().then((p) => { second = true; return p; });
    await new Promise((r) => setTimeout(r, 300));
    expect(second).toBe(false);
    await first.close();
    await (await next).close();
    expect(second).toBe(true);
  });

  it('restart after N jobs, and start anew after the browser dies', async () => {
    const b = supervised({ restartAfter: 2 });
    const one = (await pidOf(b))!;
    await b.jobDone();
    expect(await pidOf(b)).toBe(one);
    await b.jobDone();
    const two = (await pidOf(b))!;
    expect(two).not.toBe(one);
    expect(alive(one)).toBe(false);
    const { browser } = await b.get();
    const gone = new Promise((r) => browser.once('disconnected', r));
    process.kill(two, 'SIGKILL');
    await gone;
    const three = (await pidOf(b))!;
    expect([one, two]).not.toContain(three);
    const page = await (await b.get()).browser.newPage();
    await page.close();
  });

  it.skipIf(!sharedBrowser())('fail over to the next remote browser, and hand documents to it as content', async () => {
    const b = supervised({ endpoints: ['ws://127.0.0.1:9/devtools/browser/none', sharedBrowser()!] });
    const { browser, launched } = await b.get();
    expect(launched).toBe(false);
    const dir = await mkdtemp(path.join(tmpdir(), 'brief-pool-'));
    const file = path.join(dir, 'doc.html');
    await writeFile(file, '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><p>Handed over as content</p><img src="https://example.org/x.png">');
    // The print stage's own page: JavaScript off, every request that is not local refused and counted.
    const refused = { current: [] as string[] };
    const page = await preparePage(browser, refused);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.body.innerText)).toContain('Handed over as content');
    expect(refused.current).toContain('https://example.org/x.png');
    await page.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('give a job up at its time limit, restart its browser, and keep it from starting another', async () => {
    const corpus = await temp.make();
    const options = { ...base, dataDir: corpus.data, outDir: corpus.out, browser: { ...base.browser, endpoint: undefined } };
    const fingerprint = new CorpusFingerprint(options);
    const logs: string[] = [];
    const pool = new BrowserPool({ browser: options.browser, endpoints: [], maxPages: 4, restartAfter: 50, log: (m) => logs.push(m) }, 1);
    const process = packProcessor({ options, fingerprint, store: new PackStore(corpus.out), log: (m) => logs.push(m), workKeep: 8 }, pool, 300);
    const request = { audience: 'analyst', reports: [], pack: null, date: '2024-01-15' };
    const corpusHash = await fingerprint.current();
    const id = packJobId(corpusHash, fingerprint.tool, request, false);
    await expect(process({ ...request, id, corpus: corpusHash, tool: fingerprint.tool, allowUnverified: false })).rejects.toThrow(/did not finish within 0\.3 s; its browser was restarted/);
    expect(logs.join('\n')).toMatch(/pack [0-9a-f]{32} failed: .*did not finish within/);
    await new Promise((r) => setTimeout(r, 1_500)); // the given-up job runs into its revoked browser and stops
    await pool.close();
  });
});
