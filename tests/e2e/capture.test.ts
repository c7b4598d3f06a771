// `brief capture` as a user runs it: a real multi-page PDF printed by Chromium (running head and foot,
// a sentence broken across pages) into a corpus made by `brief init`, then check and lock; an
// encrypted PDF, one with no text layer, a re-capture of a changed file, and nothing written on failure.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { printPdf } from '../support/print-html.ts';

const run = promisify(execFile);
const hasQpdf = await run('qpdf', ['--version']).then(
  () => true,
  () => false,
);

// Short numbered sentences: any sixteen words hold a number, so a quote of them stands once in the text.
const SENTENCES = Array.from(
  { length: 70 },
  (_, i) => `Sentence ${i + 1} says the corridor carries freight across the Caspian, officials note.`,
).join(' ');
const PAPER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Middle Corridor after the War</title><meta name="author" content="Jane Doe">
<style>
@page { size: A5; margin: 25mm 15mm; @top-center { content: "Caspian Review — Working Paper"; font-size: 9pt } @bottom-center { content: "Page " counter(page); font-size: 9pt } }
body { font: 11pt serif; margin: 0 }
</style></head><body><h1>The Middle Corridor after the War</h1><p>${SENTENCES}</p><p>A closing paragraph ends the paper.</p></body></html>`;

let root: string;
let corpus: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-capture-'));
  expect((await brief(['init', 'desk'], {}, root)).code).toBe(0);
  corpus = path.join(root, 'desk');
  // Chromium writes the title from <title>; the author is set as a publisher's tool would.
  const doc = await PDFDocument.load(await printPdf(PAPER));
  doc.setAuthor('Jane Doe');
  await writeFile(path.join(root, 'paper.pdf'), await doc.save());
  const column = (side: string) => Array.from({ length: 60 }, (_, i) => `${side}${i} words go here.`).join(' ');
  await writeFile(
    path.join(root, 'columns.pdf'),
    await printPdf(
      `<!doctype html><html><head><style>@page { size: A5; margin: 20mm; @bottom-center { content: counter(page) } } body { columns: 2; font: 10pt serif }</style></head><body><p>${column('Left')}</p><p>${column('Right')}</p></body></html>`,
    ),
  );
  await writeFile(
    path.join(root, 'scan.pdf'),
    await printPdf(
      '<!doctype html><html><body><div style="width:300px;height:200px;background:#345"></div></body></html>',
    ),
  );
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const listing = async () =>
  [
    ...(await readdir(path.join(corpus, 'data/sources'))),
    ...(await readdir(path.join(corpus, 'data/sources/text'))),
  ].sort();

describe('brief capture', () => {
  it('captures a PDF with its pages as form-feed lines and its metadata; a quote across a page break anchors', async () => {
    const r = await brief(
      ['capture', '../paper.pdf', '--perspective', 'independent-analyst', '--reliability', 'B'],
      {},
      corpus,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/captured \.\.\/paper\.pdf \(pdf, \d pages\) as source "doe-2026"/);
    expect(r.stderr).toMatch(/could not read: publisher, url — check will ask for them/);
    const text = await readFile(path.join(corpus, 'data/sources/text/doe-2026.txt'), 'utf8');
    const pages = text.split('\n\f\n');
    expect(pages.length).toBeGreaterThan(1);
    // The running head and foot stay, at the page edges, beside the form feed.
    expect(text).toMatch(/\n\nPage 1\n\f\nCaspian Review — Working Paper\n/);
    const fm = await readFile(path.join(corpus, 'data/sources/doe-2026.md'), 'utf8');
    for (const line of [
      'id: doe-2026',
      'title: The Middle Corridor after the War',
      'authors:\n  - Jane Doe',
      'perspective: independent-analyst',
      'reliability: B',
      'language: en',
      'text: doe-2026.txt',
      '  file: paper.pdf\n  format: pdf',
    ])
      expect(fm).toContain(line);
    expect(fm).toMatch(/published: "?2026-\d\d-\d\d"?\n/);
    expect(fm).toMatch(/text_sha256: [0-9a-f]{64}\n/);

    // A sentence that the page break cuts: the last words of page 1 and the first of page 2.
    const end1 = pages[0]!
      .split('\n')
      .filter((l) => l && !/^Page \d+$/.test(l))
      .at(-1)!;
    const start2 = pages[1]!.split('\n').filter((l) => l && !l.startsWith('Caspian Review'))[0]!;
    const quote = `${end1.split(' ').slice(-8).join(' ')} ${start2.split(' ').slice(0, 8).join(' ')}`;
    await writeFile(
      path.join(corpus, 'data/claims/doe-2026.yaml'),
      `source: doe-2026\nclaims:\n  - id: doe-2026/freight\n    statement: The corridor carries freight.\n    quote: ${JSON.stringify(quote)}\n`,
    );
    expect((await brief(['lock'], {}, corpus)).code).toBe(0);
    const check = await brief(['check', '--json'], {}, corpus);
    expect(check.code, check.stdout).toBe(0);
    const json = JSON.parse(check.stdout) as {
      ok: boolean;
      claims: { id: string; anchor: { status: string } }[];
      warnings: { code: string }[];
    };
    expect(json.ok).toBe(true);
    expect(['fuzzy', 'normalized']).toContain(json.claims.find((c) => c.id === 'doe-2026/freight')?.anchor.status);
    // The file gave no kind: check asks for it at captured_from:.
    expect(json.warnings.map((w) => w.code)).toContain('W_CAPTURE_MISSING');
  });

  it('reads a page in two columns one column after the other, not across them', async () => {
    const r = await brief(['capture', '../columns.pdf', '--id', 'columns', '--json'], {}, corpus);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(path.join(corpus, 'data/sources/text/columns.txt'), 'utf8');
    expect(text.split('\n').filter((l) => /Left/.test(l) && /Right/.test(l))).toEqual([]);
    expect(text.indexOf('Left40 ')).toBeLessThan(text.indexOf('Right0 '));
    expect(text.indexOf('Left0 ')).toBeLessThan(text.indexOf('Left40 '));
  });

  it('refuses a PDF with no text layer (a scan), and writes nothing', async () => {
    const before = await listing();
    const scan = await brief(['capture', '../scan.pdf'], {}, corpus);
    expect(scan.code).toBe(1);
    expect(scan.stderr).toMatch(/scan\.pdf:1:1 {2}E_CAPTURE_NO_TEXT {2}no text layer/);
    expect(scan.stderr).toMatch(/run OCR first, e\.g\. ocrmypdf/);
    expect(await listing()).toEqual(before);
  });

  // Skipped where qpdf is not installed (apt-get install qpdf): nothing else here encrypts a PDF.
  it.skipIf(!hasQpdf)(
    'refuses an encrypted PDF (made with qpdf --encrypt), and writes nothing',
    async () => {
      const before = await listing();
      await run('qpdf', [
        '--encrypt',
        'secret',
        'owner',
        '256',
        '--',
        path.join(root, 'paper.pdf'),
        path.join(root, 'locked.pdf'),
      ]);
      const locked = await brief(['capture', '../locked.pdf'], {}, corpus);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/locked\.pdf:1:1 {2}E_CAPTURE_ENCRYPTED {2}the PDF is encrypted/);
      expect(await listing()).toEqual(before);
    },
    60_000,
  );

  it('writes nothing for any file when one of several fails; a missing file or a folder is a usage error', async () => {
    const before = await listing();
    await writeFile(path.join(root, 'good.txt'), 'A good note\n\nIt has some text that is fine to capture.\n');
    const r = await brief(['capture', '../good.txt', '../scan.pdf'], {}, corpus);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(await listing()).toEqual(before);
    expect((await brief(['capture', '../missing.pdf'], {}, corpus)).stderr).toMatch(/missing\.pdf does not exist/);
    expect((await brief(['capture', '..'], {}, corpus)).code).toBe(2);
    expect((await brief(['capture', '../good.txt', '../paper.pdf', '--id', 'x'], {}, corpus)).code).toBe(2);
    expect((await brief(['capture', '../good.txt', '--reliability', 'G'], {}, corpus)).code).toBe(2);
  });

  it('a re-capture keeps the id and hand-written fields, and says which locked quotes moved, changed or vanished', async () => {
    const v1 = [
      '# Ports of the Caspian',
      'The port of Alat opened its new ferry terminal in the spring of that year.',
      'Officials said the rail link to Georgia would double its capacity by next year.',
      'Freight volumes through Aktau fell sharply during the winter storms.',
      'The ministry expects the ferry fleet to grow to twenty vessels.',
    ].join('\n\n');
    const note = path.join(root, 'ports.md');
    await writeFile(note, `${v1}\n`);
    const first = await brief(
      ['capture', '../ports.md', '--id', 'ports-2024', '--reliability', 'C', '--json'],
      {},
      corpus,
    );
    expect(first.code, first.stderr).toBe(0);
    const claims = [
      ['alat', 'The port of Alat opened its new ferry terminal'],
      ['rail', 'the rail link to Georgia would double its capacity'],
      ['aktau', 'Freight volumes through Aktau fell sharply'],
      ['fleet', 'expects the ferry fleet to grow to twenty vessels'],
    ];
    await writeFile(
      path.join(corpus, 'data/claims/ports-2024.yaml'),
      `source: ports-2024\nclaims:\n${claims.map(([id, q]) => `  - id: ports-2024/${id}\n    statement: A claim.\n    quote: ${JSON.stringify(q)}\n`).join('')}`,
    );
    const md = path.join(corpus, 'data/sources/ports-2024.md');
    await writeFile(
      md,
      (await readFile(md, 'utf8'))
        .replace('reliability: C', 'reliability: C\nkind: news\nreliability_note: A trade weekly.')
        .concat('\nOur own note.\n'),
    );
    expect((await brief(['lock'], {}, corpus)).code).toBe(0);

    const v2 = [
      '# Ports of the Caspian',
      'The port of Alat opened its new ferry terminal in the spring of that year.',
      'A new paragraph about Turkmenbashi comes here.',
      'Officials said the rail link to Georgia would triple its capacity by next year.',
      'The ministry expects the ferry fleet to grow to twenty vessels.',
    ].join('\n\n');
    await writeFile(note, `${v2}\n`);
    const again = await brief(['capture', '../ports.md', '--json'], {}, corpus);
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout) as {
      sources: { id: string; recapture: Record<string, { claim: string; detail?: string }[]> }[];
    };
    const r = out.sources[0]!;
    expect(r.id).toBe('ports-2024');
    expect(r.recapture.unchanged!.map((c) => c.claim)).toEqual(['ports-2024/alat']);
    expect(r.recapture.moved!.map((c) => c.claim)).toEqual(['ports-2024/fleet']);
    expect(r.recapture.changed!.map((c) => c.claim)).toEqual(['ports-2024/rail']);
    expect(r.recapture.changed![0]!.detail).toMatch(/would triple its capacity/);
    expect(r.recapture.vanished!.map((c) => c.claim)).toEqual(['ports-2024/aktau']);
    const fm = await readFile(md, 'utf8');
    for (const kept of ['reliability: C', 'kind: news', 'reliability_note: A trade weekly.', 'Our own note.'])
      expect(fm).toContain(kept);
    expect(await readFile(path.join(corpus, 'data/sources/text/ports-2024.md'), 'utf8')).toBe(`${v2}\n`);
    const text = await brief(['capture', '../ports.md'], {}, corpus);
    expect(text.stderr).toMatch(/re-captured \.\.\/ports\.md \(markdown\) as source "ports-2024"/);
    expect(text.stderr).toMatch(/vanished: ports-2024\/aktau/);
    expect(text.stderr).toMatch(/next: brief check .* then brief lock/);
    expect(existsSync(path.join(corpus, 'data/sources/ports-2024-2.md'))).toBe(false);
  });
});
