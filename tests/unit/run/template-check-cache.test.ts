// run: the template check's findings kept in the check's cache (run/template-check.ts). A check
// through the cache finds what a check from scratch finds, as the templates, the stylesheets and
// the audiences change under it; the findings survive the cache's trip to disk and back.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseCache } from '../../../pipeline/core/parse-cache.ts';
import { checkCacheText, parseCheckCache } from '../../../pipeline/run/check-cache.ts';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { MINI } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

/** The corpus's template layer on disk (layers are resolved there), over brief's built-ins. */
async function layer(): Promise<{
  write(file: string, text: string): Promise<void>;
  options: ReturnType<typeof optionsFor>;
}> {
  const root = await mkdtemp(path.join(tmpdir(), 'brief-template-cache-'));
  roots.push(root);
  await mkdir(path.join(root, 'templates'));
  await mkdir(path.join(root, 'styles'));
  return {
    async write(file, text) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    },
    options: optionsFor(MINI, '/nonexistent', {
      corpusTemplatesDir: path.join(root, 'templates'),
      corpusStylesDir: path.join(root, 'styles'),
    }),
  };
}

/** The cache as the next run reads it: written to its text and parsed back. */
const throughDisk = (cache: ParseCache): ParseCache => parseCheckCache(checkCacheText(cache))!;

const findings = (r: Awaited<ReturnType<typeof checkCorpus>>) =>
  [...r.errors, ...r.warnings].filter((d) => d.code.startsWith('E_TEMPLATE') || d.code === 'W_UNKNOWN_OVERRIDE');

describe("the template check's findings in the check's cache", () => {
  it('are taken from the cache while nothing they follow from changed, and found again when a template changed', async () => {
    const { write, options } = await layer();
    const broken = '<section class="bluf">\n  <p>{{{blufx}}}</p>\n</section>\n';
    const mended = '<section class="bluf">\n  <p>{{{bluf}}}</p>\n</section>\n';
    await write('templates/audiences/executive/bluf.hbs', broken);
    let cache = new ParseCache();

    const first = await checkCorpus(options, undefined, { cache });
    expect(findings(first).map((d) => d.code)).toEqual(['E_TEMPLATE']);
    const entries = cache.entries().filter(([k]) => k.startsWith('template-check:'));
    expect(entries).toHaveLength(1);

    // Read back from disk: the same findings, and no new entry to write.
    cache = throughDisk(cache);
    const again = await checkCorpus(options, undefined, { cache });
    expect(findings(again)).toEqual(findings(first));
    expect(cache.entries().filter(([k]) => k.startsWith('template-check:'))).toEqual(entries);

    // Mended: found again (no error), then broken again: the error is back.
    await write('templates/audiences/executive/bluf.hbs', mended);
    cache = throughDisk(cache);
    expect(findings(await checkCorpus(options, undefined, { cache }))).toEqual([]);
    await write('templates/audiences/executive/bluf.hbs', broken);
    cache = throughDisk(cache);
    expect(findings(await checkCorpus(options, undefined, { cache }))).toEqual(findings(first));
  });

  it('are found again when a new file lands in a layer (an override that matches nothing is a warning)', async () => {
    const { write, options } = await layer();
    let cache = new ParseCache();
    expect(findings(await checkCorpus(options, undefined, { cache }))).toEqual([]);
    await write('templates/partials/sidebarr.hbs', '<aside></aside>\n');
    cache = throughDisk(cache);
    const fresh = await checkCorpus(options);
    const cached = await checkCorpus(options, undefined, { cache });
    expect(findings(fresh).length).toBeGreaterThan(0);
    expect(findings(cached)).toEqual(findings(fresh));
  });

  it('are found afresh when the cache holds something other than findings under their key', async () => {
    const { write, options } = await layer();
    await write('templates/audiences/executive/bluf.hbs', '<section class="bluf">\n  <p>{{{blufx}}}</p>\n</section>\n');
    const cache = new ParseCache();
    const first = await checkCorpus(options, undefined, { cache });
    const [key] = cache.entries().find(([k]) => k.startsWith('template-check:'))!;
    for (const junk of [null, 'text', { problems: 1 }]) {
      const damaged = new ParseCache([[key, junk]]);
      expect(findings(await checkCorpus(options, undefined, { cache: damaged }))).toEqual(findings(first));
    }
  });
});
