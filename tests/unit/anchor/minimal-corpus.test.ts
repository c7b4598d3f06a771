// The contract for other tools: a folder with only sources/ and claims/, with only the required fields, checks.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { optionsFor } from '../../support/options.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function corpus(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'brief-min-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe('minimal corpus', () => {
  it('checks sources and claims with only their required fields, anchoring every quote', async () => {
    const root = await corpus({
      'sources/one.md': '---\nid: one\ntitle: One\ntext: one.txt\n---\n',
      'sources/text/one.txt': 'First line.\nThe second line says something “worth quoting”.\n',
      'claims/one.yaml':
        'source: one\nclaims:\n  - id: one/second\n    statement: The second line says something.\n    quote: \'says something "worth quoting"\'\n',
    });
    const r = await checkCorpus(optionsFor(root, path.join(root, 'out')));
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
    const root = await corpus({
      'sources/two.md': '---\nid: two\ntitle: Two\ntext: two.txt\n---\n',
      'claims/two.yaml': 'source: two\nclaims:\n  - id: two/a\n    statement: S.\n    quote: Q.\n',
    });
    const r = await checkCorpus(optionsFor(root, path.join(root, 'out')));
    expect(r.ok).toBe(true);
    // At the source's `text:` line, where the fix goes.
    expect(r.warnings.map((w) => [w.code, path.basename(w.file), w.line])).toEqual([['W_NO_TEXT', 'two.md', 4]]);
    expect(r.anchoring!.anchors.get('two/a')!.status).toBe('no-text');
  });
});
