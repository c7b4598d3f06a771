// load: corpus files from many hands. Each odd file gets one clear outcome: CRLF line ends and a
// byte-order mark are read as if they were not there; another encoding, or a link out of the data
// folder, is one located error, and what depends on that file is not reported again.
import { mkdtemp, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCorpus } from '../../../pipeline/run/check.ts';
import { corpora } from '../../support/corpus.ts';
import { optionsFor } from '../../support/options.ts';

const made = corpora();
afterAll(() => made.removeAll());
const problems = async (dir: string, out: string) => {
  const r = await checkCorpus(optionsFor(dir, out));
  return {
    ok: r.ok,
    found: [...r.errors, ...r.warnings].map((d) => [d.code, path.basename(d.file), d.line, d.column]),
  };
};

describe('odd corpus files', () => {
  it('reads a claims file with CRLF line ends and a byte-order mark like any other', async () => {
    const c = await made.make();
    const file = path.join(c.data, 'claims/alpha-2021.yaml');
    const text = (await readFile(file, 'utf8')).replace(/\n/g, '\r\n');
    await writeFile(file, `\uFEFF${text}`);
    const report = path.join(c.data, 'reports/brief.md');
    await writeFile(report, `\uFEFF${(await readFile(report, 'utf8')).replace(/\n/g, '\r\n')}`);
    expect(await problems(c.data, c.out)).toEqual({ ok: true, found: [] });
  });

  it('refuses a file saved as Latin-1 at its first bad byte, once, without a cascade of unknown claims', async () => {
    const c = await made.make();
    const file = path.join(c.data, 'claims/beta-2022.yaml');
    const text = (await readFile(file, 'utf8')).replace('Ankara and Baku say', 'Ankara and Baku (café) say');
    await writeFile(file, Buffer.from(text, 'latin1'));
    const line = text.split('\n').findIndex((l) => l.includes('café')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('é') + 1;
    expect(await problems(c.data, c.out)).toEqual({
      ok: false,
      found: [['E_NOT_UTF8', 'beta-2022.yaml', line, column]],
    });
  });

  it('refuses a corpus file that is a link out of the data folder, and names where it leads', async () => {
    const c = await made.make();
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'brief-elsewhere-'));
    await rename(path.join(c.data, 'events/events.yaml'), path.join(elsewhere, 'events.yaml'));
    await symlink(path.join(elsewhere, 'events.yaml'), path.join(c.data, 'events/events.yaml'));
    const r = await checkCorpus(optionsFor(c.data, c.out));
    expect(r.errors.map((d) => [d.code, path.basename(d.file)])).toEqual([['E_LINK_OUTSIDE', 'events.yaml']]);
    expect(r.errors[0]!.message).toContain(path.join(elsewhere, 'events.yaml'));
    // A link that stays inside the data folder is an ordinary file.
    await rename(path.join(elsewhere, 'events.yaml'), path.join(c.data, 'events/kept.yaml.txt'));
    await writeFile(path.join(c.data, 'events/events.yaml'), '');
    const { rm } = await import('node:fs/promises');
    await rm(path.join(c.data, 'events/events.yaml'));
    await symlink(path.join(c.data, 'events/kept.yaml.txt'), path.join(c.data, 'events/events.yaml'));
    expect(await problems(c.data, c.out)).toEqual({ ok: true, found: [] });
  });

  it('reports an unreadable report once, not again in the pack that names it', async () => {
    const c = await made.make();
    const file = path.join(c.data, 'reports/views.md');
    await writeFile(
      file,
      Buffer.from((await readFile(file, 'utf8')).replace('Two views', 'Deux vues (café)'), 'latin1'),
    );
    const { found } = await problems(c.data, c.out);
    expect(found.map(([code, file]) => [code, file])).toEqual([['E_NOT_UTF8', 'views.md']]);
  });

  it('refuses a source text over the size anchoring can fold in bounded memory, at its text: field', async () => {
    const c = await made.make();
    const file = path.join(c.data, 'sources/text/alpha.txt');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text + 'Filler line of a very long capture.\n'.repeat(Math.ceil(24_000_001 / 36)));
    const r = await problems(c.data, c.out);
    expect(r.ok).toBe(false);
    expect(r.found).toEqual([['E_TOO_LARGE', 'alpha-2021.md', 9, 7]]);
  });
});
