// The contract for other tools: a folder with only sources/ and claims/, with only the required fields, checks.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCorpus } from '../../support/memory.ts';

/** `brief check` on a corpus in memory of these files alone. */
const check = (files: Record<string, string>) => memoryCorpus(files, { from: null }).check();

describe('minimal corpus', () => {
  it('checks sources and claims with only their required fields, anchoring every quote', async () => {
    const r = await check({
      'sources/one.md': '---\nid: one\ntitle: One\ntext: one.txt\n---\n',
      'sources/text/one.txt': 'First line.\nThe second line says something “worth quoting”.\n',
      'claims/one.yaml':
        'source: one\nclaims:\n  - id: one/second\n    statement: The second line says something.\n    quote: \'says something "worth quoting"\'\n',
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const a = r.anchoring!.anchors.get('one/second')!;
    expect(a).toMatchObject({
      status: 'normalized',
      selector: { type: 'TextQuoteSelector', exact: 'says something “worth quoting”' },
    });
    expect(a.textSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('warns, and marks claims no-text, when a text is missing', async () => {
    const r = await check({
      'sources/two.md': '---\nid: two\ntitle: Two\ntext: two.txt\n---\n',
      'claims/two.yaml': 'source: two\nclaims:\n  - id: two/a\n    statement: S.\n    quote: Q.\n',
    });
    expect(r.ok).toBe(true);
    // At the source's `text:` line, where the fix goes.
    expect(r.warnings.map((w) => [w.code, path.basename(w.file), w.line])).toEqual([['W_NO_TEXT', 'two.md', 4]]);
    expect(r.anchoring!.anchors.get('two/a')!.status).toBe('no-text');
  });
});
