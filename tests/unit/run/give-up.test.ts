// run: a job given up at its time limit is cancelled, so nothing writes into its staging folder
// after. The flake this holds down: on a fresh clone under load, tests/e2e/browser-pool.test.ts
// ended with `ENOTEMPTY … staging-…/html`, a job given up kept rendering into its staging folder
// while the folder was removed. No sleeps: each step waits on a gate the test opens.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, describe, expect, it } from 'vitest';
import { printPdfs, type PrintJob } from '../../../pipeline/print/index.ts';
import { BrowserSession } from '../../../pipeline/print/session.ts';
import { buildDocuments } from '../../../pipeline/run/build.ts';
import { Staging, stateDir } from '../../../pipeline/run/staging.ts';
import { corpora } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const temp = corpora();
const dirs: string[] = [];
afterAll(async () => {
  await temp.removeAll();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A promise the test resolves when it chooses (Promise.withResolvers, which Node 20 lacks). */
function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    open = r;
  });
  return { promise, open };
}

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

const givenUp = () => new Error('pack x did not finish within 0.3 s; its browser was restarted');

describe('a job given up at its time limit (was: ENOTEMPTY … staging-…/html)', () => {
  it('writes nothing into its staging folder after, and the folder is discarded whole', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'brief-give-up-'));
    dirs.push(out);
    const giveUp = new AbortController();
    const staging = await Staging.open(out, giveUp.signal);
    // A slow render loop that does not look at the signal itself: each document "renders" until
    // the test lets it go, then is written, as documents.ts writes each HTML it renders.
    const renders = [gate(), gate(), gate()];
    const started = renders.map(() => gate());
    const attempts: string[] = [];
    const loop = (async () => {
      for (const [i, render] of renders.entries()) {
        started[i]!.open();
        await render.promise;
        attempts.push(`html/doc-${i}.html`);
        await staging.write(`html/doc-${i}.html`, `<p>document ${i}</p>`);
      }
    })();
    renders[0]!.open();
    await started[1]!.promise; // document 0 is written, document 1 is rendering
    expect(await filesUnder(staging.dir)).toEqual(['html/doc-0.html']);

    // A write under way when the job is given up (its folder being made, its file not yet) is refused too.
    const underWay = staging.write('html/late.html', 'late');
    giveUp.abort(givenUp());
    const discarding = staging.discard();
    renders[1]!.open();
    renders[2]!.open();
    await expect(loop).rejects.toThrow(/did not finish within/);
    await expect(underWay).rejects.toThrow(/did not finish within/);
    await discarding;
    expect(attempts).toEqual(['html/doc-0.html', 'html/doc-1.html']);
    expect(existsSync(staging.dir)).toBe(false);
    await expect(staging.write('html/doc-2.html', 'after')).rejects.toThrow(/did not finish within/);
    await expect(staging.commit()).rejects.toThrow(/did not finish within/);
    expect(existsSync(staging.dir)).toBe(false);
    expect(await readdir(stateDir(out))).toEqual([]);
    await expect(Staging.open(out, giveUp.signal)).rejects.toThrow(/did not finish within/);
  });

  it('stops the build: the next document is not rendered, nothing is committed, no staging folder is left', async () => {
    const corpus = await temp.make();
    const options = optionsFor(corpus.data, corpus.out, { htmlOnly: true });
    const giveUp = new AbortController();
    const progress: string[] = [];
    const session = new BrowserSession(options.browser);
    const build = buildDocuments(options, {
      session,
      signal: giveUp.signal,
      // Given up while the second document renders.
      progress: (m) => {
        progress.push(m);
        if (m.startsWith('render 2/')) giveUp.abort(givenUp());
      },
    });
    await expect(build).rejects.toThrow(/did not finish within/);
    expect(progress.filter((m) => m.startsWith('render'))).toHaveLength(2);
    expect(session.started).toBe(false);
    expect(await filesUnder(path.join(corpus.out, 'html'))).toEqual([]);
    expect((await readdir(stateDir(corpus.out)).catch(() => [])).filter((e) => e.startsWith('staging-'))).toEqual([]);
  });

  it('stops printing: no document is started after, and printPdfs throws why', async () => {
    const giveUp = new AbortController();
    const loading = gate();
    const loadingStarted = gate();
    const opened: string[] = [];
    const page = {
      setJavaScriptEnabled: async () => undefined,
      setRequestInterception: async () => undefined,
      on: () => page,
      goto: async (url: string) => {
        opened.push(url);
        loadingStarted.open();
        await loading.promise;
        return null;
      },
      evaluate: async () => [],
      pdf: async () => new Uint8Array(),
      close: async () => undefined,
    };
    const browser = { connected: true, newPage: async () => page as unknown as Page } as unknown as Browser;
    const meta = { title: 't', author: 'a', subject: 's', keywords: [], language: 'en' } as PrintJob['meta'];
    const second = gate<PrintJob>();
    const printing = printPdfs([{ html: '/nowhere/one.html', meta }, second.promise], browser, {
      editionDate: '2024-01-15',
      signal: giveUp.signal,
    });
    await loadingStarted.promise;
    giveUp.abort(givenUp());
    loading.open();
    second.open({ html: '/nowhere/two.html', meta });
    await expect(printing).rejects.toThrow(/did not finish within/);
    expect(opened).toEqual(['file:///nowhere/one.html']);
  });
});
