// run: one missing text is one problem. Every citation of its claims, in every document asked
// for, folds into one error at the source's `text:`, with the count.
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../pipeline/core/diagnostics.ts';
import { build } from '../../support/build.ts';
import { corpora } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const made = corpora();
afterAll(() => made.removeAll());

describe('unverified claims', () => {
  it('reports a missing text once per source, at its `text:` line, counting the citations', async () => {
    const c = await made.make({ 'anchors.lock': null, 'sources/text/beta.txt': null });
    let error: unknown;
    try {
      await build(optionsFor(c.data, c.out, { htmlOnly: true, textDirs: [] }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const errors = (error as InputError).diagnostics.map((d) => [
      d.code,
      d.file,
      d.line,
      d.message.replace(/.*vouch for its claims, so they cannot be cited as verified/, '…'),
    ]);
    expect(errors).toEqual([
      ['E_UNVERIFIED_CLAIM', c.rel('sources/beta-2022.md'), 9, expect.stringMatching(/^… \(\d+ citations\)$/)],
    ]);
    expect(
      (error as InputError).warnings.map((w) => [w.code, w.line]).filter(([code]) => code === 'W_NO_TEXT'),
    ).toEqual([['W_NO_TEXT', 9]]);
  });
});
