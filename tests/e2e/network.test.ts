// Printing makes no network requests: anything that is not a local file or data: URL is refused
// and counted, and a build whose documents asked for one fails without writing anything.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../support/build.ts';
import { RenderError } from '../../pipeline/core/diagnostics.ts';
import { printPdfs, withBrowser } from '../../pipeline/print/index.ts';
import { MINI } from '../support/corpus.ts';
import { optionsFor } from '../support/options.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-net-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const meta = { title: 't', author: 'a', subject: 's', keywords: [], language: 'en' };

/** The build fails with a RenderError naming `url`, and its out/ does not exist. */
async function expectRefused(options: ReturnType<typeof optionsFor>, url: string, askedBy: string): Promise<void> {
  const error = await build(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RenderError);
  // The document, the address and the file that asked for it.
  expect((error as Error).message).toMatch(
    new RegExp(`timeline\\.analyst asked for ${url.replace(/[.?]/g, '\\$&')} \\(in [^)]*${askedBy}\\)`),
  );
  expect(existsSync(options.outDir)).toBe(false);
}

describe('a print that does not finish', () => {
  it('is given up after the per-document limit, and the error names the document', async () => {
    const local = path.join(root, 'slow.html');
    await writeFile(local, '<!doctype html><p>never in time</p>');
    const error = await withBrowser(optionsFor(root, root).browser, (open) =>
      printPdfs([{ html: local, meta }], open.browser, { editionDate: '2024-01-15', timeoutMs: 1 }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RenderError);
    expect((error as Error).message).toMatch(/slow\.html did not finish printing within 0\.001 s/);
  });
});

describe('network', () => {
  it('refuses and counts remote requests, and prints local pages without any', async () => {
    const remote = path.join(root, 'remote.html');
    await writeFile(
      remote,
      '<!doctype html><link rel="stylesheet" href="https://example.com/x.css"><p>hi</p><img src="http://example.com/a.png">',
    );
    const local = path.join(root, 'local.html');
    await writeFile(local, '<!doctype html><p>only local</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
    const [bad, good] = await withBrowser(optionsFor(root, root).browser, (open) =>
      printPdfs(
        [
          { html: remote, meta },
          { html: local, meta },
        ],
        open.browser,
        { editionDate: '2024-01-15' },
      ),
    );
    expect([...bad!.refused].sort()).toEqual(['http://example.com/a.png', 'https://example.com/x.css']);
    expect(good!.refused).toEqual([]);
    expect(good!.pages).toBe(1);
  });

  it('fails the build when an audience stylesheet asks for a remote file (stopped by the CSP, still counted)', async () => {
    const styles = path.join(root, 'styles');
    await cp('styles', styles, { recursive: true });
    await writeFile(
      path.join(styles, 'audiences', 'analyst.css'),
      'body { background: url(http://example.com/bg.png); }',
    );
    const out = path.join(root, 'out-css');
    await expectRefused(
      optionsFor(MINI, out, { stylesDir: styles, reports: ['timeline'] }),
      'http://example.com/bg.png',
      'analyst.css',
    );
  });

  it('fails the build when a template without our CSP asks for a remote file, leaving out/ as it was', async () => {
    // The layout's Content-Security-Policy already stops such requests; an audience layout
    // that drops it is caught by the second line of defence, request interception.
    const templates = path.join(root, 'templates');
    await cp('templates', templates, { recursive: true });
    const layout = path.join(templates, 'layouts/document.hbs');
    await writeFile(
      layout,
      (await readFile(layout, 'utf8'))
        .replace('<main>', '<main><img src="https://example.com/logo.png" alt="">')
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
    );
    const out = path.join(root, 'out');
    await expectRefused(
      optionsFor(MINI, out, { templatesDir: templates, reports: ['timeline'] }),
      'https://example.com/logo.png',
      'document.hbs',
    );
  });
});
