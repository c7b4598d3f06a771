// Dated editions: archived without overwriting, verified against their manifests and their chain,
// compared in terms of claims, judgments, events and numbers, and rebuilt from their snapshot.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { pdfInfo, pdfText } from '../support/pdf.ts';

const run = promisify(execFile);
let corpus: TempCorpus;
let archive: string;

/** The corpus, and an archive: its own (editions/ beside data/, the default) or a copy of it. */
const at = (dir = archive) => ['--data', corpus.data, '--out', corpus.out, '--archive', dir];
const edition = async (date: string) => {
  const r = await brief(['edition', '--json', '--data', corpus.data, '--out', corpus.out, '--date', date]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { edition: string; dir: string; previous: string | null; changes: number };
};
const verify = async (out: string, ...more: string[]) => {
  const r = await brief(['verify', '--json', ...at(out), ...more]);
  return {
    code: r.code,
    ...(JSON.parse(r.stdout) as { ok: boolean; problems: { edition: string; kind: string; path: string | null }[] }),
  };
};

/** A copy of the archive to tamper with. */
async function copyOut(name: string): Promise<string> {
  const copy = path.join(corpus.root, name);
  await cp(archive, copy, { recursive: true });
  return copy;
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(corpus.data, file);
  const text = await readFile(full, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file}: ${String(from)}`).not.toBe(text);
  await writeFile(full, next);
}

beforeAll(async () => {
  corpus = await tempCorpus();
  archive = path.join(corpus.root, 'editions');
  const first = await edition('2024-03-01');
  expect(first).toMatchObject({ edition: '2024-03-01', previous: null });
  // One claim's statement, one judgment's likelihood, one event's date, one dataset number.
  await edit(
    'claims/beta-2022.yaml',
    'statement: Ankara and Baku say their cooperation targets no third country.',
    'statement: Ankara and Baku say their cooperation is aimed at no third country.',
  );
  await edit('reports/brief.md', 'likelihood: likely', 'likelihood: very-likely');
  await edit('events/events.yaml', 'date: "2021-10"', 'date: "2021-11"');
  await edit('datasets/drills.csv', '2021-10,Araz drill,iran,5000', '2021-10,Araz drill,iran,5500');
  // Reordering and whitespace are not changes.
  await appendFile(path.join(corpus.data, 'claims/alpha-2021.yaml'), '\n\n');
  const second = await edition('2024-03-01');
  expect(second).toMatchObject({ edition: '2024-03-01.2', previous: '2024-03-01' });
  // Two whole editions, each PDF then carrying its evidence (about 45 s each on two busy cores).
}, 240_000);
afterAll(async () => corpus.remove());

describe('brief edition', () => {
  it('keeps both editions of one day, each with its PDFs, packs, manifest and changelog', async () => {
    for (const id of ['2024-03-01', '2024-03-01.2']) {
      for (const f of ['manifest.json', 'CHANGELOG.md', 'summary.json', 'pdf/brief.analyst.pdf', 'packs/analyst.pdf'])
        expect.soft(existsSync(path.join(archive, id, f)), `${id}/${f}`).toBe(true);
    }
    const manifest = JSON.parse(await readFile(path.join(archive, '2024-03-01.2', 'manifest.json'), 'utf8'));
    expect(manifest.previous.edition).toBe('2024-03-01');
    expect(manifest.inputs.some((i: { path: string }) => i.path === 'data/claims/beta-2022.yaml')).toBe(true);
    expect(manifest.tool.chromium).toMatch(/Chrom/);
  });

  it("prints the edition id in every PDF's metadata and running footer", async () => {
    const pdf = path.join(archive, '2024-03-01.2', 'pdf', 'brief.analyst.pdf');
    expect((await pdfInfo(pdf)).Keywords).toContain('edition:2024-03-01.2');
    // The footer is set in capitals (CSS), as the marking beside it.
    expect((await pdfText(pdf)).toLowerCase()).toContain('edition 2024-03-01.2');
    expect((await pdfText(path.join(archive, '2024-03-01.2', 'packs', 'analyst.pdf'))).toLowerCase()).toContain(
      'edition 2024-03-01.2',
    );
  });

  it('names exactly the four changes between the two editions, and nothing else', async () => {
    const r = await brief(['diff', '--json', ...at(), '2024-03-01', '2024-03-01.2']);
    expect(r.code, r.stderr).toBe(0);
    const changes = (JSON.parse(r.stdout) as { changes: { kind: string; id: string }[] }).changes;
    expect(changes.map((c) => `${c.kind} ${c.id}`).sort(), JSON.stringify(changes, null, 1)).toEqual(
      [
        'claim-changed beta-2022/not-aimed',
        'dataset-row-changed drills',
        'event-redated araz-drills',
        'judgment-changed brief',
      ].sort(),
    );
    const changelog = await readFile(path.join(archive, '2024-03-01.2', 'CHANGELOG.md'), 'utf8');
    for (const s of ['beta-2022/not-aimed', 'very likely', '5000', '5500']) expect.soft(changelog).toContain(s);
  });

  it('lists editions and compares one with the corpus as it is now', async () => {
    const list = await brief(['editions', '--json', ...at()]);
    expect(
      (JSON.parse(list.stdout) as { editions: { id: string; changes: number }[] }).editions.map((e) => [
        e.id,
        e.changes,
      ]),
    ).toEqual([
      ['2024-03-01', 0],
      ['2024-03-01.2', 4],
    ]);
    const now = await brief(['diff', ...at(), '2024-03-01.2']);
    expect(now.code, now.stderr).toBe(0);
    expect(now.stdout).toContain('No changes');
  });
});

describe('an archive that belongs to the corpus', () => {
  it('lives beside the data, not in the disposable out/: rm -rf out loses nothing', async () => {
    expect(archive.startsWith(corpus.out)).toBe(false);
    await rm(corpus.out, { recursive: true, force: true });
    expect(await verify(archive)).toMatchObject({ code: 0, ok: true });
  });

  it('says what the first edition holds, never zeros', async () => {
    const changelog = await readFile(path.join(archive, '2024-03-01', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(
      'This first edition holds 6 claims, 2 sources, 4 events, 1 dataset, and 3 reports with 3 key judgments, printed as 4 documents for 2 audiences and 3 packs.',
    );
    expect(changelog).not.toMatch(/\b0 (claims|sources|documents)/);
  });

  it('archives every pack the corpus defines, beside one pack per audience', async () => {
    const manifest = JSON.parse(await readFile(path.join(archive, '2024-03-01.2', 'manifest.json'), 'utf8')) as {
      packs: { name: string; pack?: string }[];
    };
    expect(manifest.packs.map((p) => p.name).sort()).toEqual(['analyst', 'executive', 'weekly.analyst']);
    expect(manifest.packs.find((p) => p.name === 'weekly.analyst')?.pack).toBe('weekly');
    expect(await pdfText(path.join(archive, '2024-03-01.2', 'packs', 'weekly.analyst.pdf'))).toContain(
      'Weekly security pack',
    );
  });

  it('makes an edition with nothing changed only when asked, and a back-dated one only with --backdate', async () => {
    const copy = await copyOut('asked');
    const run = (...more: string[]) => brief(['edition', '--json', ...at(copy), ...more]);
    const same = await run('--date', '2024-03-02');
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toEqual({ edition: null, unchanged: true, previous: '2024-03-01.2' });
    const plain = await brief(['edition', ...at(copy), '--date', '2024-03-02']);
    expect(plain.stderr).toContain('nothing changed since edition 2024-03-01.2');
    const back = await run('--date', '2024-02-01', '--force');
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('an edition dated 2024-02-01 would come after one dated 2024-03-01');
    const forced = await run('--date', '2024-02-01', '--force', '--backdate');
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ edition: '2024-02-01', previous: '2024-03-01.2' });
    expect(await verify(copy)).toMatchObject({ code: 0, ok: true });
  });

  it('names editions left in out/editions, the old place, with the command that moves them, chain intact', async () => {
    const out = path.join(corpus.root, 'old-out');
    await cp(archive, path.join(out, 'editions'), { recursive: true });
    const moved = path.join(corpus.root, 'moved-editions');
    const refused = await brief(['editions', '--data', corpus.data, '--out', out, '--archive', moved]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`mv ${path.join(out, 'editions')} ${moved}`);
    await cp(path.join(out, 'editions'), moved, { recursive: true });
    await rm(path.join(out, 'editions'), { recursive: true });
    expect(await verify(moved)).toMatchObject({ code: 0, ok: true });
  });
});

describe('brief verify', () => {
  it('passes an untouched archive', async () => {
    expect(await verify(archive)).toMatchObject({ code: 0, ok: true, problems: [] });
  });

  it('catches a tampered PDF, a deleted file, an added file and an edited manifest', async () => {
    const tampered = await copyOut('tampered');
    await appendFile(path.join(tampered, '2024-03-01', 'pdf', 'brief.analyst.pdf'), 'x');
    expect((await verify(tampered)).problems).toEqual([
      expect.objectContaining({ edition: '2024-03-01', kind: 'changed', path: 'pdf/brief.analyst.pdf' }),
    ]);

    const deleted = await copyOut('deleted');
    await rm(path.join(deleted, '2024-03-01.2', 'CHANGELOG.md'));
    expect((await verify(deleted)).problems).toEqual([
      expect.objectContaining({ kind: 'missing', path: 'CHANGELOG.md' }),
    ]);

    const added = await copyOut('added');
    await writeFile(path.join(added, '2024-03-01', 'pdf', 'extra.pdf'), 'x');
    expect((await verify(added)).problems).toEqual([expect.objectContaining({ kind: 'added', path: 'pdf/extra.pdf' })]);

    const edited = await copyOut('edited');
    const manifest = path.join(edited, '2024-03-01', 'manifest.json');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace('"date": "2024-03-01"', '"date": "2024-02-29"'),
    );
    const r = await verify(edited);
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([expect.objectContaining({ edition: '2024-03-01.2', kind: 'chain' })]);
  });

  it('every PDF carries its evidence (pdfdetach lists it), the manifest records it, and the edition is unsigned', async () => {
    const m = JSON.parse(await readFile(path.join(archive, '2024-03-01', 'manifest.json'), 'utf8'));
    expect(m.signing).toBeUndefined();
    const file = path.join(archive, '2024-03-01', 'pdf', 'brief.analyst.pdf');
    const list = (await run('pdfdetach', ['-list', file])).stdout;
    expect(list).toMatch(
      /3 embedded files\n1: brief-claims\.json\n2: brief-edition\.json\n3: brief-evidence-lock\.json/,
    );
    expect(m.evidence['pdf/brief.analyst.pdf']).toHaveLength(3);
  });

  it('every PDF of an edition is PDF/A-3 (its XMP says part 3) and PDF/UA-1, with no finding of brief conform', async () => {
    const dir = path.join(archive, '2024-03-01');
    const meta = (await run('pdfinfo', ['-meta', path.join(dir, 'pdf', 'brief.analyst.pdf')])).stdout;
    expect(meta).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    const r = await brief(['conform', dir, '--json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; files: { file: string; findings: unknown[] }[] };
    expect(report.files.length).toBeGreaterThanOrEqual(4);
    expect(report.files.filter((f) => f.findings.length > 0)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('catches a deleted edition, first or last', async () => {
    const first = await copyOut('no-first');
    await rm(path.join(first, '2024-03-01'), { recursive: true });
    expect((await verify(first)).problems.map((p) => p.kind)).toContain('chain');
    const last = await copyOut('no-last');
    await rm(path.join(last, '2024-03-01.2'), { recursive: true });
    expect((await verify(last)).problems.map((p) => p.kind)).toContain('chain');
  });

  it('rebuilds an edition from its snapshot to the same bytes, after the corpus moved on', async () => {
    const r = await verify(archive, '2024-03-01', '--rebuild');
    expect(r.code, JSON.stringify(r)).toBe(0);
    expect((r as unknown as { rebuilt: { same: boolean } }).rebuilt.same).toBe(true);
  });
});

describe('an archive tampered with, or cut short', () => {
  const problems = (r: { problems: { edition: string; kind: string; path: string | null }[] }) =>
    r.problems.map((p) => `${p.edition} ${p.kind.toUpperCase()} ${p.path ?? ''}`.trim());

  it('a manifest of the wrong shape is a MANIFEST problem for verify, and editions lists it without crashing', async () => {
    for (const shape of ['{}', '{"format": 1, "outputs": "x"}', 'null']) {
      const copy = await copyOut(`shape-${shape.length}`);
      await writeFile(path.join(copy, '2024-03-01', 'manifest.json'), shape);
      const r = await verify(copy);
      expect(r.code, shape).toBe(1);
      expect(problems(r), shape).toContain('2024-03-01 MANIFEST manifest.json');
      const list = await brief(['editions', ...at(copy)]);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stderr).not.toContain('internal error');
    }
  });

  it('verify --rebuild after a store file was changed reports the STORE problems, exit 1, and --json keeps them', async () => {
    const copy = await copyOut('store');
    const manifest = JSON.parse(await readFile(path.join(copy, '2024-03-01', 'manifest.json'), 'utf8')) as {
      inputs: { path: string; sha256: string }[];
    };
    const input = manifest.inputs.find((i) => i.path.endsWith('.hbs'))!;
    await appendFile(path.join(copy, '.store', 'sha256', input.sha256.slice(0, 2), input.sha256), 'x');
    const r = await verify(copy, '2024-03-01', '--rebuild');
    expect(r.code).toBe(1);
    expect(problems(r)).toContain(`2024-03-01 STORE ${input.path}`);
    expect((r as unknown as { rebuilt: { same: boolean } }).rebuilt.same).toBe(false);
    const text = await brief(['verify', ...at(copy), '2024-03-01', '--rebuild']);
    expect(text.stderr).toContain('not rebuilt: its snapshot in the store is not as archived');
    expect(text.stderr).not.toContain('internal error');
  });

  it('an added symlink in an edition folder is reported, and an archived PDF replaced by a folder is CHANGED', async () => {
    const copy = await copyOut('symlink');
    await symlink('/etc/passwd', path.join(copy, '2024-03-01', 'pdf', 'extra.pdf'));
    expect(problems(await verify(copy))).toEqual(['2024-03-01 ADDED pdf/extra.pdf']);
    const folder = await copyOut('folder');
    await rm(path.join(folder, '2024-03-01', 'pdf', 'brief.analyst.pdf'));
    await mkdir(path.join(folder, '2024-03-01', 'pdf', 'brief.analyst.pdf'));
    const r = await verify(folder);
    expect(r.code).toBe(1);
    expect(problems(r)).toEqual(['2024-03-01 CHANGED pdf/brief.analyst.pdf']);
  });

  it('verify --head catches a rewritten newest edition (HEAD.json rewritten too) and a dropped newest edition', async () => {
    const pin = path.join(corpus.root, 'pinned-HEAD.json');
    await cp(path.join(archive, 'HEAD.json'), pin);
    const sha = (JSON.parse(await readFile(pin, 'utf8')) as { manifestSha256: string }).manifestSha256;
    expect(await verify(archive, '--head', pin)).toMatchObject({ code: 0, ok: true });
    expect(await verify(archive, '--head', sha)).toMatchObject({ code: 0, ok: true });

    const rewritten = await copyOut('rewritten');
    const newest = path.join(rewritten, '2024-03-01.2');
    await appendFile(path.join(newest, 'CHANGELOG.md'), 'edited\n');
    const m = JSON.parse(await readFile(path.join(newest, 'manifest.json'), 'utf8')) as {
      outputs: { path: string; sha256: string; size: number }[];
    };
    const changelog = await readFile(path.join(newest, 'CHANGELOG.md'));
    m.outputs = m.outputs.map((o) =>
      o.path === 'CHANGELOG.md'
        ? { ...o, sha256: createHash('sha256').update(changelog).digest('hex'), size: changelog.byteLength }
        : o,
    );
    const text = `${JSON.stringify(m, null, 2)}\n`;
    await writeFile(path.join(newest, 'manifest.json'), text);
    await writeFile(
      path.join(rewritten, 'HEAD.json'),
      JSON.stringify({ edition: '2024-03-01.2', manifestSha256: createHash('sha256').update(text).digest('hex') }),
    );
    expect(await verify(rewritten)).toMatchObject({ code: 0, ok: true }); // without a pin, a consistent rewrite passes
    expect(problems(await verify(rewritten, '--head', pin))).toEqual(['2024-03-01.2 CHAIN']);

    const dropped = await copyOut('dropped');
    await rm(path.join(dropped, '2024-03-01.2'), { recursive: true });
    const first = await readFile(path.join(dropped, '2024-03-01', 'manifest.json'));
    await writeFile(
      path.join(dropped, 'HEAD.json'),
      JSON.stringify({ edition: '2024-03-01', manifestSha256: createHash('sha256').update(first).digest('hex') }),
    );
    expect(await verify(dropped)).toMatchObject({ code: 0 });
    expect((await verify(dropped, '--head', sha)).code).toBe(1);
  });

  it('an edition killed between moving into place and confirming HEAD.json is no tamper alarm, either way', async () => {
    const heads = JSON.parse(await readFile(path.join(archive, 'HEAD.json'), 'utf8')) as {
      edition: string;
      manifestSha256: string;
    };
    const first = {
      edition: '2024-03-01',
      manifestSha256: createHash('sha256')
        .update(await readFile(path.join(archive, '2024-03-01', 'manifest.json')))
        .digest('hex'),
    };
    const copy = await copyOut('pending');
    // Moved in, HEAD still pending (what edition/edition.ts writes before the rename).
    await writeFile(path.join(copy, 'HEAD.json'), JSON.stringify({ ...heads, pending: { was: first } }));
    expect(await verify(copy)).toMatchObject({ code: 0, ok: true });
    // Killed before the move: HEAD names an edition that is not there, pending after the one that is.
    await writeFile(
      path.join(copy, 'HEAD.json'),
      JSON.stringify({ edition: '2024-03-02', manifestSha256: '0'.repeat(64), pending: { was: heads } }),
    );
    expect(await verify(copy)).toMatchObject({ code: 0, ok: true });
    // A HEAD.json of another shape is said as such (it read "undefined/HEAD.json … was undefined").
    await writeFile(path.join(copy, 'HEAD.json'), '[]');
    const odd = await brief(['verify', ...at(copy)]);
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain('HEAD.json is not in the shape brief edition writes');
    expect(odd.stderr).not.toContain('undefined');
  });

  it("the next edition sweeps a killed one's work folder, and a stray huge revision gives a plain next id", async () => {
    const copy = await copyOut('swept');
    await mkdir(path.join(copy, '.brief', 'edition-killed', 'build'), { recursive: true });
    await writeFile(path.join(copy, '.brief', 'edition-killed', 'build', 'x.pdf'), 'x');
    await mkdir(path.join(copy, '2024-03-01.9999999999999999999999'));
    const r = await brief(['edition', '--json', ...at(copy), '--date', '2024-03-01', '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      edition: '2024-03-01.10000000000000000000000',
      previous: '2024-03-01.2',
    });
    expect((await readdir(path.join(copy, '.brief'))).filter((e) => e.startsWith('edition-'))).toEqual([]);
    const list = JSON.parse((await brief(['editions', '--json', ...at(copy)])).stdout) as {
      editions: { id: string }[];
    };
    expect(list.editions.map((e) => e.id)).toContain('2024-03-01.10000000000000000000000');
    // The stray folder holds no manifest: that, and only that, is what verify finds.
    expect(problems(await verify(copy))).toEqual(['2024-03-01.9999999999999999999999 MANIFEST manifest.json']);
  });
});
