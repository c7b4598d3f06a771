// run: a one-off `brief build` reads the check's cache the last run left in out/.brief and leaves
// what it read for the next, as `brief check` does; after an edit its documents are those of a
// build from scratch. (A watch keeps the same cache in memory: warm.test.ts.)
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCachePath, readCheckCache } from '../../../pipeline/run/check-cache.ts';
import { build } from '../../support/build.ts';
import { tempCorpus, type TempCorpus } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

let corpus: TempCorpus | undefined;
afterAll(async () => corpus?.remove());

describe("a build and the check's cache", () => {
  it('leaves the cache, reads it after an edit, and makes what a build from scratch makes', async () => {
    corpus = await tempCorpus();
    const options = optionsFor(corpus.data, corpus.out, { htmlOnly: true });
    await build(options);
    const left = await readCheckCache(corpus.out);
    expect(left.size).toBeGreaterThan(0);

    const file = 'claims/beta-2022.yaml';
    await corpus.write(
      file,
      (await readFile(path.join(corpus.data, file), 'utf8')).replace(
        'targets no third country',
        'targets no other country',
      ),
    );
    const cached = await build(options);
    expect(cached.documents.some((d) => d.status === 'built')).toBe(true);
    // The cache now holds the edited file's text, and still the others'.
    expect((await readCheckCache(corpus.out)).size).toBe(left.size);

    const fresh = path.join(corpus.root, 'fresh');
    const scratch = await build({ ...options, outDir: fresh, force: true });
    const html = async (d: { html: string }) => readFile(d.html, 'utf8');
    for (const [i, d] of cached.documents.entries())
      expect(await html(d), d.html).toBe(await html(scratch.documents[i]!));
  });

  it('a damaged cache is read as none, and the build writes it anew', async () => {
    corpus ??= await tempCorpus();
    const options = optionsFor(corpus.data, path.join(corpus.root, 'out-damaged'), { htmlOnly: true });
    await build(options);
    const file = checkCachePath(options.outDir);
    const text = await readFile(file, 'utf8');
    await rm(file);
    await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
    const again = await build({ ...options, force: true });
    expect(again.documents.every((d) => d.status === 'built')).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
