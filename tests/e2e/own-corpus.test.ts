// A corpus of one's own, as a new user would run it: brief init outside the project; a real multi-page
// PDF (running head and foot, a quoted sentence cut by a page break) and a saved web page (navigation,
// ads and reader comments around the article) captured; claims written from brief quote, without
// locators; a new audience overriding one partial and one stylesheet in the corpus only; a pack; two
// editions; rm -rf out; verify still passes, and the notes carry the computed page locators.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { printPdf } from '../support/print-html.ts';
import { pdfText } from '../support/pdf.ts';

// Sentences that differ in words, not numbers: a line that starts with a number reads as a footnote entry.
const NAMES = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliett',
  'kilo',
  'lima',
];
const PLACES = ['Gotland', 'Bornholm', 'Saaremaa', 'Hiiumaa', 'Aland'];
const SENTENCES = NAMES.flatMap((n) =>
  PLACES.map((p) => `The ${n} cable near ${p} lay close to the shipping lane for weeks.`),
).join(' ');
const ARTICLE_PDF = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Seabed Cables in the Baltic</title>
<style>@page { size: A5; margin: 24mm 15mm; @top-center { content: "Baltic Review — Seabed Security"; font-size: 9pt } @bottom-center { content: "Page " counter(page); font-size: 9pt } }
body { font: 11pt serif; margin: 0 }</style></head><body><h1>Seabed Cables in the Baltic</h1><p>${SENTENCES}</p><p>The review ends with a call for joint patrols.</p></body></html>`;
const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Anchors and cables | Nordic Wire</title>
<meta property="og:site_name" content="Nordic Wire"><meta name="author" content="Aino Korhonen"><meta property="article:published_time" content="2025-02-03T08:00:00Z">
<link rel="canonical" href="https://news.invalid/anchors-and-cables"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav><div class="ad">Buy a boat today</div>
<article><h1>Anchors and cables</h1><p>Investigators say the tanker dragged its anchor across the seabed for close to 180 kilometres before it was stopped by the coast guard.</p>
<p>The operator of the damaged link said repairs would take several weeks, and that traffic had been routed through a second cable in the meantime.</p>
<p>Officials in Helsinki said the incident showed how exposed the region's energy and data links remain to ships that sail under flags of convenience.</p></article>
<section class="comments"><h2>Comments</h2><p>Reader42: This is all a hoax made up by the coast guard.</p></section>
<footer>© Nordic Wire. All rights reserved.</footer></body></html>`;

let root: string;
let corpus: string;
const run = async (...args: string[]) => {
  const r = await brief(args, {}, corpus);
  expect(r.code, `brief ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};
const edit = async (file: string, from: string, to: string) => {
  const full = path.join(corpus, file);
  const text = await readFile(full, 'utf8');
  expect(text, `${file} holds ${from}`).toContain(from);
  await writeFile(full, text.replace(from, to));
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-own-'));
  expect((await brief(['init', 'baltic'], {}, root)).code).toBe(0);
  corpus = path.join(root, 'baltic');
  const doc = await PDFDocument.load(await printPdf(ARTICLE_PDF));
  doc.setAuthor('Mikko Virtanen');
  await writeFile(path.join(root, 'seabed.pdf'), await doc.save());
  await writeFile(path.join(root, 'anchors.html'), PAGE_HTML);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("a corpus of one's own, end to end", () => {
  it('captures, quotes, overrides, packs, archives twice, loses out/ and still verifies, with page locators in the notes', async () => {
    // 1. capture a PDF and a saved web page
    await run(
      'capture',
      '../seabed.pdf',
      '--id',
      'virtanen-2026',
      '--perspective',
      'independent-analyst',
      '--reliability',
      'B',
    );
    await run(
      'capture',
      '../anchors.html',
      '--id',
      'korhonen-2025',
      '--perspective',
      'independent-analyst',
      '--reliability',
      'C',
    );
    const web = await readFile(path.join(corpus, 'data/sources/text/korhonen-2025.txt'), 'utf8');
    expect(web).toContain('close to 180 kilometres');
    for (const chrome of ['Buy a boat', 'Reader42', 'All rights reserved', 'Sport']) expect(web).not.toContain(chrome);
    const text = await readFile(path.join(corpus, 'data/sources/text/virtanen-2026.txt'), 'utf8');
    const pages = text.split('\n\f\n');
    expect(pages.length).toBeGreaterThan(1);

    // 2. claims written from brief quote, without locators; one quote runs across the page break
    const passage = async (source: string, ...words: string[]) => {
      const r = await run('quote', source, ...words, '--json');
      return (JSON.parse(r.stdout) as { passages: { quote: string; locator: string }[] }).passages[0]!;
    };
    const late = await passage('virtanen-2026', 'The', 'lima', 'cable', 'near', 'Hiiumaa', 'lay', 'close');
    expect(late.locator).toMatch(/^p\. [2-9]$/);
    const web1 = await passage('korhonen-2025', 'tanker', 'dragged', 'its', 'anchor', 'across', 'the', 'seabed');
    const end1 = pages[0]!
      .split('\n')
      .filter((l) => l && !/^Page \d+$/.test(l))
      .at(-1)!;
    const start2 = pages[1]!.split('\n').filter((l) => l && !l.startsWith('Baltic Review'))[0]!;
    const across = `${end1.split(' ').slice(-8).join(' ')} ${start2.split(' ').slice(0, 8).join(' ')}`;
    await writeFile(
      path.join(corpus, 'data/claims/virtanen-2026.yaml'),
      `source: virtanen-2026
claims:
  - id: virtanen-2026/late-finding
    statement: One cable lay near the shipping lane for weeks.
    quote: ${JSON.stringify(late.quote)}
  - id: virtanen-2026/across-pages
    statement: The review lists cables that lay near the lane.
    quote: ${JSON.stringify(across)}
`,
    );
    await writeFile(
      path.join(corpus, 'data/claims/korhonen-2025.yaml'),
      `source: korhonen-2025\nclaims:\n  - id: korhonen-2025/anchor-dragged\n    statement: A tanker dragged its anchor across the seabed.\n    quote: ${JSON.stringify(web1.quote)}\n`,
    );
    await edit(
      'data/reports/first-brief.md',
      '## Background\n',
      '## Background\n\nA review of the seabed found cables near the lane [@virtanen-2026/late-finding; @virtanen-2026/across-pages], and a tanker dragged its anchor [@korhonen-2025/anchor-dragged].\n',
    );

    // 3. a new audience: one partial and one stylesheet in the corpus, nothing else
    await writeFile(
      path.join(corpus, 'data/audiences.yaml'),
      `${await readFile(path.join(corpus, 'data/audiences.yaml'), 'utf8')}- id: minister\n  label: Minister\n  distribution: [public]\n  marking: For the Minister\n`,
    );
    await run('templates', 'copy', 'bluf', '--audience', 'minister');
    await edit(
      'templates/audiences/minister/bluf.hbs',
      '<section class="bluf"',
      '<p class="decision">Decision sought: none yet.</p>\n<section class="bluf minister-bluf"',
    );
    await mkdir(path.join(corpus, 'styles/audiences'), { recursive: true });
    await writeFile(
      path.join(corpus, 'styles/audiences/minister.css'),
      '.minister-bluf { border: 2pt solid rgb(0, 110, 60); }\n',
    );
    expect((await run('templates', '--audience', 'minister')).stdout).toMatch(
      /bluf +partial +corpus templates\/audiences\/minister\/bluf\.hbs/,
    );

    // 4. lock, check, build, pack
    await run('lock');
    const check = JSON.parse((await run('check', '--json')).stdout) as {
      ok: boolean;
      claims: { id: string; anchor: { status: string; locator?: string } }[];
    };
    expect(check.ok).toBe(true);
    const across1 = check.claims.find((c) => c.id === 'virtanen-2026/across-pages')!.anchor;
    expect(['fuzzy', 'normalized']).toContain(across1.status);
    expect(across1.locator).toBe('pp. 1–2');
    await run('build');
    const minister = await pdfText(path.join(corpus, 'out/pdf/first-brief.minister.pdf'));
    expect(minister).toContain('Decision sought: none yet.');
    expect(await readFile(path.join(corpus, 'out/html/first-brief.minister.html'), 'utf8')).toContain(
      'rgb(0, 110, 60)',
    );
    const team = await pdfText(path.join(corpus, 'out/pdf/first-brief.team.pdf'));
    expect(team).not.toContain('Decision sought');
    // The notes carry the computed page locators of the PDF source.
    expect(team).toContain(late.locator);
    expect(team).toContain('pp. 1–2');
    await run('pack', '--audience', 'minister');
    expect(existsSync(path.join(corpus, 'out/packs/minister.pdf'))).toBe(true);

    // 5. two editions, with a change between them; then out/ is gone and nothing archived is lost
    await run('edition', '--date', '2026-12-01');
    await edit(
      'data/claims/korhonen-2025.yaml',
      'statement: A tanker dragged its anchor across the seabed.',
      'statement: A tanker dragged its anchor along the seabed.',
    );
    await run('edition', '--date', '2026-12-02');
    const changelog = await readFile(path.join(corpus, 'editions/2026-12-02/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('korhonen-2025/anchor-dragged');
    await rm(path.join(corpus, 'out'), { recursive: true });
    const verify = JSON.parse((await run('verify', '--json')).stdout) as { ok: boolean; editions: string[] };
    expect(verify).toMatchObject({ ok: true, editions: ['2026-12-01', '2026-12-02'] });
    // The archive holds the corpus's own override, so an edition can be rebuilt as it was.
    const manifest = JSON.parse(await readFile(path.join(corpus, 'editions/2026-12-02/manifest.json'), 'utf8')) as {
      inputs: { path: string }[];
    };
    expect(manifest.inputs.map((i) => i.path)).toEqual(
      expect.arrayContaining(['corpus-templates/audiences/minister/bluf.hbs', 'corpus-styles/audiences/minister.css']),
    );
  }, 300_000);
});
