// capture: each format on in-memory input → the text written to the corpus and the metadata read.
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureError, captureFile, MAX_CAPTURE_BYTES } from '../../../pipeline/capture/index.ts';
import { docx, zipOf } from '../../support/zip.ts';

const ARTICLE = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the article explains how the Middle Corridor carries freight between Central Asia and Europe, and why ministers in Baku and Astana expect the volumes to grow in the years ahead.</p>`,
).join('\n');

const PAGE = `<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Corridor | Caspian Times</title>
<meta property="og:title" content="The corridor after the war">
<meta property="og:site_name" content="Caspian Times">
<meta property="article:published_time" content="2024-03-05T09:30:00+04:00">
<link rel="canonical" href="https://example.org/news/corridor">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"The corridor after the war","author":[{"@type":"Person","name":"Leyla Aliyeva"},{"@type":"Person","name":"Tom Brandt"}],"datePublished":"2024-03-05","publisher":{"@type":"Organization","name":"Caspian Times Ltd"}}</script>
<style>p { color: red }</style><script>var tracking = "SCRIPT TEXT";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<div class="ad advertisement">Buy a subscription now! ADVERT TEXT</div>
<main><article>
<h1>The corridor after the war</h1>
${ARTICLE}
<div class="ad-slot">SLOT TEXT</div>
<h2>What comes next</h2>
<ul><li>More rail wagons</li><li>New ferries</li></ul>
<p>The last paragraph of the article sums up what the ministers said about the corridor, its ports and its railways, and what they expect.</p>
</article></main>
<section id="comments" class="comments"><h3>Reader comments</h3><div class="comment"><p>COMMENT TEXT: this is all wrong!</p></div></section>
<footer><p>Copyright Caspian Times. FOOTER TEXT</p></footer>
</body></html>`;

const bytes = (s: string) => new TextEncoder().encode(s);
async function captureError(name: string, input: Uint8Array): Promise<CaptureError> {
  const err = await captureFile(name, input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CaptureError);
  return err as CaptureError;
}

describe('capture: a saved web page', () => {
  it('keeps the article only, headings as "## " and list items as "- ", and reads the page\'s metadata', async () => {
    const c = await captureFile('page.html', bytes(PAGE));
    expect(c.format).toBe('html');
    for (const gone of ['Home', 'ADVERT TEXT', 'SLOT TEXT', 'COMMENT TEXT', 'FOOTER TEXT', 'SCRIPT TEXT', 'color: red'])
      expect(c.text, gone).not.toContain(gone);
    expect(c.text).toContain('Paragraph 1 of the article explains how the Middle Corridor carries freight');
    expect(c.text).toMatch(/\n\n## What comes next\n\n- More rail wagons\n- New ferries\n\nThe last paragraph/);
    expect(c.text).toMatch(/years ahead\.\n\nParagraph 2 /);
    expect(c.metadata).toEqual({
      title: 'The corridor after the war',
      authors: ['Leyla Aliyeva', 'Tom Brandt'],
      published: '2024-03-05',
      publisher: 'Caspian Times Ltd',
      url: 'https://example.org/news/corridor',
      language: 'en-GB',
    });
  });

  it('reads OpenGraph and <meta> where there is no JSON-LD', async () => {
    const page = PAGE.replace(/<script type="application\/ld\+json">.*?<\/script>/s, '').replace(
      '<title>',
      '<meta name="author" content="Leyla Aliyeva"><title>',
    );
    const c = await captureFile('page.htm', bytes(page));
    expect(c.metadata).toMatchObject({
      title: 'The corridor after the war',
      authors: ['Leyla Aliyeva'],
      published: '2024-03-05',
      publisher: 'Caspian Times',
    });
  });

  it('refuses a page with no article (E_CAPTURE_EMPTY)', async () => {
    const err = await captureError(
      'login.html',
      bytes('<!doctype html><html><body><nav><a href="/">Home</a></nav><p>Please log in.</p></body></html>'),
    );
    expect(err.diagnostic).toMatchObject({ code: 'E_CAPTURE_EMPTY', file: 'login.html', line: 1 });
  });
});

describe('capture: Markdown and plain text', () => {
  it("reads a Markdown file's front matter for title, author and date, and leaves it out of the text", async () => {
    const c = await captureFile(
      'note.md',
      bytes(
        '---\ntitle: "Ports of the Caspian"\nauthor: Farid Guliyev\ndate: 2023-11-02\nlang: az\n---\n\n# A heading\n\nBody text.\n',
      ),
    );
    expect(c).toEqual({
      format: 'markdown',
      text: '# A heading\n\nBody text.\n',
      metadata: { title: 'Ports of the Caspian', authors: ['Farid Guliyev'], published: '2023-11-02', language: 'az' },
    });
  });

  it('takes the title from the first "# " heading of Markdown, the first line of text', async () => {
    expect((await captureFile('a.md', bytes('Intro line\n\n# The real title\n\nText.'))).metadata.title).toBe(
      'The real title',
    );
    expect((await captureFile('a.txt', bytes('Ports of the Caspian\n\nText.'))).metadata.title).toBe(
      'Ports of the Caspian',
    );
  });

  it('drops a byte-order mark and turns CRLF into LF, and keeps every other character', async () => {
    const c = await captureFile('a.txt', bytes('\uFEFFTitle line\r\n\r\nCafé — “quoted”\u00A0text\r\n'));
    expect(c.text).toBe('Title line\n\nCafé — “quoted”\u00A0text\n');
  });

  it('refuses a text with no words in it (E_CAPTURE_EMPTY)', async () => {
    expect((await captureError('empty.md', bytes('---\ntitle: x\n---\n\n  \n'))).diagnostic.code).toBe(
      'E_CAPTURE_EMPTY',
    );
  });

  it('refuses text that is not UTF-8, at its first bad byte (E_NOT_UTF8)', async () => {
    const err = await captureError('latin1.txt', Uint8Array.from([...bytes('Line one\nCaf'), 0xe9, 0x0a]));
    expect(err.diagnostic).toMatchObject({ code: 'E_NOT_UTF8', file: 'latin1.txt', line: 2, column: 4 });
    expect(err.diagnostic.message).toContain('0xE9');
  });

  it('refuses a file named .pdf that is not a PDF, and a ZIP that is not a Word document (E_CAPTURE_FORMAT)', async () => {
    expect((await captureError('report.pdf', bytes('<html><body>Access denied</body></html>'))).diagnostic.code).toBe(
      'E_CAPTURE_FORMAT',
    );
    expect((await captureError('photos.docx', await zipOf({ 'a.jpg': 'x' }))).diagnostic.code).toBe('E_CAPTURE_FORMAT');
    expect((await captureError('data.bin', Uint8Array.from([1, 0, 2, 0, 3]))).diagnostic.code).toBe('E_CAPTURE_FORMAT');
  });
});

describe('capture: a DOCX', () => {
  const core =
    '<dc:title>Rail and ferries</dc:title><dc:creator>Nigar Mammadova</dc:creator><dc:language>en-US</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2022-07-14T08:00:00Z</dcterms:created>';
  it('gives its text with headings as "## ", paragraphs after blank lines, and its core properties', async () => {
    const file = await docx(
      [
        ['Heading1', 'Rail and ferries'],
        ['', 'The first paragraph of the memo.'],
        ['Heading2', 'Findings'],
        ['', 'A second paragraph.'],
      ],
      core,
    );
    const c = await captureFile('memo.docx', file);
    expect(c.format).toBe('docx');
    expect(c.text).toBe(
      '## Rail and ferries\n\nThe first paragraph of the memo.\n\n## Findings\n\nA second paragraph.\n',
    );
    expect(c.metadata).toMatchObject({
      title: 'Rail and ferries',
      authors: ['Nigar Mammadova'],
      published: '2022-07-14',
      language: 'en-US',
    });
  });

  it('is told by its bytes, whatever its name', async () => {
    expect((await captureFile('memo.bin', await docx([['', 'Some text here.']], core))).format).toBe('docx');
  });
});

describe('capture: files it will not read', () => {
  it('refuses a file over the size limit before reading it (E_CAPTURE_TOO_LARGE), and names the limit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'brief-capture-'));
    try {
      const file = path.join(dir, 'huge.pdf');
      await writeFile(file, '%PDF-1.7\n');
      await truncate(file, MAX_CAPTURE_BYTES + 1); // sparse: no 50 MB written
      const err = await captureFile(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CaptureError);
      expect((err as CaptureError).diagnostic).toMatchObject({ code: 'E_CAPTURE_TOO_LARGE', line: 1, column: 1 });
      expect((err as CaptureError).diagnostic.message).toMatch(/at most 50 MB/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
