// Briefing packs, read back as a reader's tools see them: the contents page against the pages it
// names, page numbers through the whole pack, nested bookmarks, tags, the same bytes twice.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBookmarks } from '../../pipeline/print/bookmarks.ts';
import { brief } from '../support/cli.ts';
import { tempCorpus, type TempCorpus } from '../support/corpus.ts';
import { INTERNAL_QUOTES, internalMaterial } from '../support/internal.ts';
import { pdfInfo, pdfText } from '../support/pdf.ts';
import { expectConforming, untaggedTextPerPage } from '../support/pdf-standards.ts';

const made: TempCorpus[] = [];
let corpus: TempCorpus;
let first: { code: number; stdout: string; stderr: string };

const pack = (c: TempCorpus, out: string, ...more: string[]) =>
  brief(['pack', '--json', '--data', c.data, '--out', out, '--audience', 'analyst', '--date', '2024-01-15', ...more]);
const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const flat = (t: string) => t.replace(/\s+/g, ' ');

beforeAll(async () => {
  corpus = await tempCorpus();
  made.push(corpus);
  first = await pack(corpus, corpus.out, '--pack', 'weekly');
});
afterAll(async () => Promise.all(made.map((c) => c.remove())));

describe('brief pack', () => {
  it("makes one PDF: cover, contents, the documents in the pack file's order", async () => {
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout).pack;
    expect(result).toMatchObject({
      name: 'weekly.analyst',
      status: 'built',
      documents: ['views.analyst', 'brief.analyst'],
    });
    const info = await pdfInfo(result.pdf);
    expect(info.Title).toBe('Weekly security pack');
    expect(info.Tagged).toBe('yes');
    expect(Number(info.Pages)).toBe(result.pages);
    const cover = flat(await pdfText(result.pdf).then((t) => t.split('\f')[0]!)).toLowerCase();
    for (const s of [
      'Weekly security pack',
      'Briefing pack · Prepared for: Analyst',
      '15 January 2024',
      'The comparison first',
    ])
      expect.soft(cover).toContain(s.toLowerCase());
  });

  it('numbers pages through the whole pack and names the current document in the running header', async () => {
    const { pdf, pages } = JSON.parse(first.stdout).pack;
    const text = (await pdfText(pdf)).split('\f');
    expect(flat(text[pages - 1]!)).toContain(`Page ${pages} of ${pages}`);
    expect(flat(text[2]!)).toContain('Page 3 of');
    // The pages of the second document carry its title in their header, not the pack's; its first
    // page the title alone, the date being in its masthead ("Edition of …"), not twice on the page.
    const brief = text.findIndex((t, i) => i > 1 && t.includes('The Şuşa alliance and Iran'));
    expect(flat(text[brief]!)).not.toContain('The Şuşa alliance and Iran · 15 January 2024');
    expect(flat(text[brief]!)).toContain('Edition of 15 January 2024');
    expect(flat(text[brief + 1]!)).toMatch(/The Şuşa alliance and Iran · 15 January 2024/);
  });

  it("prints each document's marking once on its first page (its masthead), in its running header and footer after", async () => {
    const result = JSON.parse(first.stdout).pack as { pdf: string; html: string; documents: string[] };
    const markup = await readFile(result.html, 'utf8');
    const starts = [...markup.matchAll(/class="toc-doc">\s*<span class="toc-entry">.*?toc-page">(\d+)/g)].map(
      (m) => +m[1]!,
    );
    expect(starts).toHaveLength(result.documents.length);
    const pages = (await pdfText(result.pdf)).split('\f');
    for (const [i, name] of result.documents.entries()) {
      const html = await readFile(path.join(corpus.out, 'html', `${name}.html`), 'utf8');
      const marking = JSON.parse(/@top-left \{ content: ("(?:[^"\\]|\\.)*"); \}/.exec(html)![1]!).toUpperCase();
      // The marking heads its line (masthead, running header, footer).
      const count = (page: number) =>
        pages[page - 1]!.split('\n').filter((l) => l.trimStart().startsWith(marking)).length;
      expect.soft(count(starts[i]!), `${name}: its first page, ${starts[i]}`).toBe(1);
      expect.soft(count(starts[i]! + 1), `${name}: its second page, ${starts[i]! + 1}`).toBe(2);
    }
  });

  it('has a contents page whose every entry names the page that holds it', async () => {
    const { pdf, html } = JSON.parse(first.stdout).pack;
    const markup = await readFile(html, 'utf8');
    const entries = [
      ...markup.matchAll(/<span class="toc-title">([^<]+)<\/span><span class="toc-page">(\d+)<\/span>/g),
    ].map((m) => ({ title: m[1]!.replace(/^[^:]+: /, '').replace(/&#x27;/g, "'"), page: Number(m[2]) }));
    expect(entries.length).toBeGreaterThan(6);
    const pages = (await pdfText(pdf)).split('\f');
    for (const e of entries)
      expect.soft(flat(pages[e.page - 1] ?? ''), `${e.title} on page ${e.page}`).toContain(e.title);
  });

  it('numbers its contents right when they run past one page', async () => {
    const c = await tempCorpus();
    made.push(c);
    // Forty more sections: the contents take two pages, and every number after them moves by one.
    const brief = await readFile(path.join(c.data, 'reports/brief.md'), 'utf8');
    await c.write(
      'reports/brief.md',
      `${brief.trimEnd()}\n${Array.from({ length: 40 }, (_, i) => `\n## Note ${i + 1}\n\nMore on the drills [@beta-2022/encirclement].\n`).join('')}`,
    );
    const r = await pack(c, c.out, '--pack', 'weekly');
    expect(r.code, r.stderr).toBe(0);
    const { pdf, html } = JSON.parse(r.stdout).pack;
    const markup = await readFile(html, 'utf8');
    const entries = [
      ...markup.matchAll(/<span class="toc-title">([^<]+)<\/span><span class="toc-page">(\d+)<\/span>/g),
    ].map((m) => ({ title: m[1]!.replace(/^[^:]+: /, '').replace(/&#x27;/g, "'"), page: Number(m[2]) }));
    expect(entries.length).toBeGreaterThan(45);
    const pages = (await pdfText(pdf)).split('\f');
    expect(flat(pages[2]!)).toContain('Note 40'); // the contents' second page
    for (const e of entries)
      expect.soft(flat(pages[e.page - 1] ?? ''), `${e.title} on page ${e.page}`).toContain(e.title);
  });

  it('nests its bookmarks pack → document → headings', async () => {
    const doc = await PDFDocument.load(await readFile(JSON.parse(first.stdout).pack.pdf));
    const [root, ...others] = readBookmarks(doc);
    expect(others).toEqual([]);
    expect(root!.title).toBe('Weekly security pack');
    expect(root!.children.map((c) => c.title)).toEqual([
      'Contents',
      'Two views of the alliance',
      'The Şuşa alliance and Iran',
    ]);
    expect(root!.children[2]!.children.map((h) => h.title)).toContain('Key judgments');
    expect(root!.children[2]!.page).toBeGreaterThan(root!.children[1]!.page);
  });

  it('is PDF/UA-1 and PDF/A-2b: XMP, OutputIntent, links with text, no untagged text, figures with alt', async () => {
    const { pdf, pages } = JSON.parse(first.stdout).pack;
    const c = await expectConforming(pdf, expect);
    // The contents page's entries and the notes are links; the comparison's stance chart a figure.
    expect.soft(c.links).toBeGreaterThan(0);
    expect.soft(c.figures.length).toBeGreaterThanOrEqual(1);
    expect.soft((await untaggedTextPerPage(pdf)).length).toBe(pages);
  });

  it('gives the same bytes for the same inputs and date, in another folder and another process', async () => {
    const again = await pack(corpus, path.join(corpus.root, 'again'), '--pack', 'weekly');
    expect(again.code, again.stderr).toBe(0);
    expect(await sha(JSON.parse(again.stdout).pack.pdf)).toBe(await sha(JSON.parse(first.stdout).pack.pdf));
  });

  it('gives the same bytes whether its documents were just checked or kept from a build before', async () => {
    // A build first: the pack's own build then takes its shortcut and reads audiences.yaml raw.
    const out = path.join(corpus.root, 'built-first');
    const built = await brief([
      'build',
      '--data',
      corpus.data,
      '--out',
      out,
      '--audience',
      'analyst',
      '--date',
      '2024-01-15',
    ]);
    expect(built.code, built.stderr).toBe(0);
    const after = await pack(corpus, out);
    const fresh = await pack(corpus, path.join(corpus.root, 'fresh'));
    expect(after.code, after.stderr).toBe(0);
    expect(await sha(JSON.parse(after.stdout).pack.pdf)).toBe(await sha(JSON.parse(fresh.stdout).pack.pdf));
  });

  it('keeps an unchanged pack, and remakes it when one of its documents changes', async () => {
    const kept = await pack(corpus, corpus.out, '--pack', 'weekly');
    expect(JSON.parse(kept.stdout).pack.status).toBe('kept');
    const file = path.join(corpus.data, 'claims', 'beta-2022.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        '    type: reported-speech\n',
        '    type: reported-speech\n    locator: p. 7\n',
      ),
    );
    const remade = JSON.parse((await pack(corpus, corpus.out, '--pack', 'weekly')).stdout).pack;
    expect(remade.status).toBe('built');
    expect(remade.reasons).toContain('its documents changed');
  });

  it("without a pack file, takes the audience's reports: briefs, then the comparison, then the chronology", async () => {
    const r = await pack(corpus, corpus.out);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).pack.documents).toEqual(['brief.analyst', 'views.analyst', 'timeline.analyst']);
  });

  it('remakes a pack of the audience when a report was added and built since, not keeping it without it', async () => {
    const c = await tempCorpus();
    made.push(c);
    expect(JSON.parse((await pack(c, c.out)).stdout).pack.documents).toEqual([
      'brief.analyst',
      'views.analyst',
      'timeline.analyst',
    ]);
    const brief1 = await readFile(path.join(c.data, 'reports', 'brief.md'), 'utf8');
    await writeFile(
      path.join(c.data, 'reports', 'second.md'),
      brief1.replace('title: The Şuşa alliance and Iran', 'title: A second brief'),
    );
    // The build a pack of the audience makes, run first on its own: the pack's build then has
    // nothing to do, and the pack must still see the new document.
    const built = await brief([
      'build',
      '--data',
      c.data,
      '--out',
      c.out,
      '--audience',
      'analyst',
      '--date',
      '2024-01-15',
    ]);
    expect(built.code, built.stderr).toBe(0);
    const again = JSON.parse((await pack(c, c.out)).stdout).pack;
    expect(again.status).toBe('built');
    expect(again.documents).toContain('second.analyst');
  });

  it("keeps each document's own distribution marking on its pages, and the most restricted one on the cover", async () => {
    const mixed = await tempCorpus(await internalMaterial());
    made.push(mixed);
    const r = await brief([
      'pack',
      '--json',
      '--data',
      mixed.data,
      '--out',
      mixed.out,
      '--audience',
      'analyst',
      '--date',
      '2024-01-15',
      '--report',
      'brief,timeline',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pages = (await pdfText(JSON.parse(r.stdout).pack.pdf)).split('\f').map((p) => flat(p).toLowerCase());
    expect(pages[0]).toMatch(/^ ?internal · analyst edition/);
    // A document's first page: its masthead says "Edition of …".
    const firstPage = (title: string) =>
      pages.findIndex((p, i) => i > 1 && p.includes(title) && p.includes('edition of'));
    const briefPage = firstPage('the şuşa alliance and iran');
    // The chronology cites nothing internal: its pages stay public inside an internal pack.
    const timeline = firstPage('fixture chronology');
    // A document's first page carries its marking once, in its masthead, before "Edition of …", and
    // its running header the title alone (the date is the masthead's).
    expect(pages[briefPage]).toMatch(/the şuşa alliance and iran internal\b[^·]*· analyst edition edition of /);
    expect(pages[timeline]).toMatch(/fixture chronology public\b[^·]*· analyst edition edition of /);
  });

  it('makes a public pack with no internal quote in it, and names the judgments it left out', async () => {
    const mixed = await tempCorpus(await internalMaterial('[executive, analyst, public]'));
    made.push(mixed);
    const r = await brief([
      'pack',
      '--json',
      '--data',
      mixed.data,
      '--out',
      mixed.out,
      '--audience',
      'public',
      '--date',
      '2024-01-15',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pack: { pdf: string; documents: string[] };
      warnings: { code: string; message: string }[];
    };
    expect(out.pack.documents).toContain('brief.public');
    const text = flat(await pdfText(out.pack.pdf));
    for (const quote of INTERNAL_QUOTES) expect(text).not.toContain(quote);
    expect(out.warnings.filter((w) => w.code === 'W_JUDGMENT_OMITTED').length).toBeGreaterThan(0);
  });

  it('refuses an unknown pack or audience with the nearest name, and check validates pack files', async () => {
    const unknown = await brief([
      'pack',
      '--data',
      corpus.data,
      '--out',
      corpus.out,
      '--audience',
      'analyst',
      '--pack',
      'weekyl',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "weekly"?');
    expect((await brief(['pack', '--data', corpus.data, '--out', corpus.out])).code).toBe(2);
    const bad = await tempCorpus();
    made.push(bad);
    await bad.write('packs/weekly.yaml', 'title: Weekly\naudiences: [analyst]\nreports: [views, brefi]\n');
    const r = await brief(['check', '--data', bad.data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/packs\/weekly\.yaml:3:\d+ {2}E_UNKNOWN_REPORT/);
    expect(r.stderr).toContain('did you mean "brief"?');
  });
});
