// Dated editions and internal material (R16): an edition's CHANGELOG.md, which sits beside the
// public packs, quoted an internal claim's statement verbatim. Now CHANGELOG.md counts changes to
// internal material without quoting them, and CHANGELOG.internal.md (marked Internal) has them all.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { INTERNAL_QUOTES, internalMaterial } from '../support/internal.ts';

let corpus: TempCorpus;
const EDITED = 'EDITED Each drill on the Araz was answered within ninety days.';

const edition = async (date: string) => {
  const r = await brief(['edition', '--json', '--data', corpus.data, '--out', corpus.out, '--date', date], {
    BRIEF_TEXTS: '',
  });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { edition: string; dir: string };
};
const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');

let first: { dir: string };
let second: { dir: string };
beforeAll(async () => {
  corpus = await tempCorpus(await internalMaterial());
  first = await edition('2024-03-01');
  const claims = path.join(corpus.data, 'claims/desk-2024.yaml');
  await writeFile(
    claims,
    (await readFile(claims, 'utf8')).replace(
      'statement: Each drill on the Araz was answered within three months.',
      `statement: ${EDITED}`,
    ),
  );
  const beta = path.join(corpus.data, 'claims/beta-2022.yaml');
  await writeFile(
    beta,
    (await readFile(beta, 'utf8')).replace('targets no third country', 'is aimed at no third country'),
  );
  second = await edition('2024-04-01');
}, 600_000);
afterAll(async () => corpus.remove());

const INTERNAL_NEEDLES = [
  'EDITED',
  'within three months',
  'desk-2024',
  'Desk note',
  INTERNAL_QUOTES[0],
  INTERNAL_QUOTES[1],
  'no hotline',
];

describe('an edition with internal material', () => {
  it('writes a CHANGELOG.md that counts a change to an internal claim without quoting it', async () => {
    const open = await read(second.dir, 'CHANGELOG.md');
    for (const needle of INTERNAL_NEEDLES) expect.soft(open, needle).not.toContain(needle);
    // The public change is listed as before; the internal one is counted and pointed to.
    expect(open).toContain('**beta-2022/not-aimed**: statement changed');
    expect(open).toMatch(
      /## Internal material\n\n1 change \(claims 1 changed\) to internal material .* is counted here, not listed: see CHANGELOG\.internal\.md/,
    );
    // Documents: only those of audiences that may not receive internal material.
    expect(open).not.toMatch(/\.analyst\b/);
  });

  it('writes CHANGELOG.internal.md, marked Internal at the top, with every change quoted', async () => {
    const internal = await read(second.dir, 'CHANGELOG.internal.md');
    expect(internal.startsWith('> **Internal.**')).toBe(true);
    expect(internal).toContain('**desk-2024/drill-cycle**: statement changed');
    expect(internal).toContain(EDITED);
    expect(internal).toContain('**beta-2022/not-aimed**: statement changed');
    const manifest = JSON.parse(await read(second.dir, 'manifest.json')) as { outputs: { path: string }[] };
    expect(manifest.outputs.map((o) => o.path)).toContain('CHANGELOG.internal.md');
  });

  it("keeps the first edition's public changelog free of internal material too", async () => {
    const open = await read(first.dir, 'CHANGELOG.md');
    for (const needle of INTERNAL_NEEDLES) expect.soft(open, needle).not.toContain(needle);
    expect(await read(first.dir, 'CHANGELOG.internal.md')).toMatch(/^> \*\*Internal\.\*\*/);
  });

  it('leaves brief diff showing everything: the user runs it on their own corpus and archive', async () => {
    const r = await brief(['diff', '2024-03-01', '2024-04-01', '--data', corpus.data, '--out', corpus.out], {
      BRIEF_TEXTS: '',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(EDITED);
  });
});
