// render: corpus text is escaped, Markdown sanitized, citations become notes, templates fail with their place.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFonts } from '../../../pipeline/config/fonts.ts';
import { InputError } from '../../../pipeline/core/diagnostics.ts';
import { presentationOf } from '../../../pipeline/config/layers.ts';
import { codePointsOf, createHtmlRenderer, FONT_FACES_HERE, withFontFaces } from '../../../pipeline/render/index.ts';
import { createMarkdown } from '../../../pipeline/render/markdown.ts';
import { formatEdtf } from '../../../pipeline/render/dates.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { MINI } from '../../support/corpus.ts';
import { memoryCorpus } from '../../support/memory.ts';

const fonts = bundledFonts();

describe('markdown', () => {
  const md = createMarkdown();
  it('turns citations into note references and merges neighbours, in note order', () => {
    const html = md('Text [@a/b] and [@a/c] [@a/b; @a/d].', (id) => ({ 'a/b': 1, 'a/c': 2, 'a/d': 3 })[id]);
    expect(html).toContain('Text<sup class="fn-ref"><a href="#note-1">1</a></sup>');
    expect(html).toContain(
      'and<sup class="fn-ref"><a href="#note-1">1</a>,<a href="#note-2">2</a>,<a href="#note-3">3</a></sup>',
    );
  });
  it('escapes raw HTML and drops remote images', () => {
    const html = md(
      '<script>alert(1)</script> ![x](http://example.com/x.png) <img src="http://e.com/y.png">',
      () => undefined,
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('font faces', () => {
  const families = (html: string) => [...new Set([...html.matchAll(/font-family:"([^"]+)"/g)].map((m) => m[1]))];
  it("inline only the files the document's text needs (a data: URL weighs on the HTML whatever its unicode-range)", () => {
    const page = (body: string) => withFontFaces(`<style>${FONT_FACES_HERE}</style><p>${body}</p>`, fonts, new Map());
    expect(families(page('Plain text'))).toEqual(['Brief Serif', 'Brief Sans']);
    expect(families(page('Text with ایران and Երևան'))).toEqual([
      'Brief Serif',
      'Brief Sans',
      'Brief Serif Arabic',
      'Brief Sans Arabic',
      'Brief Serif Armenian',
      'Brief Sans Armenian',
    ]);
    expect(page('x')).not.toContain(FONT_FACES_HERE);
  });
  it('count characters written as HTML entities and CSS escapes', () => {
    const used = codePointsOf('&#x10D3; &#1575; content: "\\0531"');
    expect([0x10d3, 0x627, 0x531].every((cp) => used.has(cp))).toBe(true);
  });
});

describe('dates', () => {
  it.each([
    ['2021-06-15', '15 June 2021'],
    ['2021-10', 'October 2021'],
    ['2013', '2013'],
    ['2020~', 'c. 2020'],
    ['2020?', '2020 (uncertain)'],
    ['2022-12/2023-06', 'December 2022 – June 2023'],
    ['../2024', 'until 2024'],
    ['2023/..', '2023 onwards'],
    ['2013?', '2013 (uncertain)'],
  ])('%s reads as %s', (edtf, text) => expect(formatEdtf(edtf)).toBe(text));
});

describe('renderHtml', () => {
  it('escapes corpus text and inlines fonts, styles and charts', async () => {
    const text = await readFile(path.join(MINI, 'reports/timeline.md'), 'utf8');
    const corpus = memoryCorpus({
      'reports/timeline.md': text.replace('title: Fixture chronology', 'title: "Fixture <b>chronology</b> & co"'),
    });
    const { html } = corpus.render(corpus.select(await corpus.check(), 'timeline', 'analyst'));
    expect(html).toContain('<h1>Fixture &lt;b&gt;chronology&lt;/b&gt; &amp; co</h1>');
    expect(html).toContain('font/woff2;base64,');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('quote verified (exact)');
  });

  it('prints in a note the locator computed from where the quote stands when the claim writes none, and a written one as written', async () => {
    const claims = await readFile(path.join(MINI, 'claims/alpha-2021.yaml'), 'utf8');
    // The first claim loses its locator; the second keeps "para. 1", which the text's count (its first line is a paragraph) would not give.
    const corpus = memoryCorpus({
      'claims/alpha-2021.yaml': claims.replace(
        'and signed a declaration of mutual assistance.\n    locator: para. 1\n',
        'and signed a declaration of mutual assistance.\n',
      ),
    });
    const r = await corpus.check();
    expect(r.model!.claims.get('alpha-2021/shusha-meeting')!.locator).toBeUndefined();
    expect(r.anchoring!.anchors.get('alpha-2021/shusha-meeting')!.locator).toBe('para. 2');
    const sel = corpus.select(r, 'brief', 'analyst');
    const { html } = corpus.render(sel);
    const note = (quote: string) =>
      html
        .split('<li id="note-')
        .slice(1)
        .find((li) => li.includes(quote))
        ?.split('</li>')[0] ?? '';
    expect(note('The leaders met in Şuşa')).toMatch(/<span class="citation">— [^<]*, para\. 2\.<\/span>/);
    const written = sel.footnotes.find((f) => f.claim.locator !== undefined && f.anchor.locator !== f.claim.locator);
    expect(written).toBeDefined();
    expect(note(written!.claim.quote.slice(0, 20))).toContain(`, ${written!.claim.locator}.</span>`);
  });

  // The corpus's own templates and styles stay on the disk: the layers they form are resolved there
  // (config/layers.ts looks for each file in each folder), not through the world.
  it('lets an audience override a partial without forking the templates: the corpus holds that one file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'brief-tpl-'));
    await mkdir(path.join(root, 'templates/audiences/analyst'), { recursive: true });
    await writeFile(path.join(root, 'templates/audiences/analyst/bluf.hbs'), '<p class="custom-bluf">{{bluf}}</p>');
    await mkdir(path.join(root, 'styles/audiences'), { recursive: true });
    await writeFile(path.join(root, 'styles/audiences/analyst.css'), '.custom-bluf { color: rgb(1, 2, 3); }');
    await writeFile(path.join(root, 'styles/house.css'), '.house-rule { color: rgb(4, 5, 6); }');
    const r = await memoryCorpus().check();
    const presentation = presentationOf({
      templatesDir: 'templates',
      stylesDir: 'styles',
      corpusTemplatesDir: path.join(root, 'templates'),
      corpusStylesDir: path.join(root, 'styles'),
    });
    const render = (audience: string) => {
      const sel = selectReport(
        r.model!,
        r.anchoring!,
        r.model!.reports.find((x) => x.id === 'brief')!,
        r.model!.audiences.get(audience)!,
        { allowUnverified: false },
      );
      return createHtmlRenderer({ presentation, fonts, editionDate: '2024-01-15' }).renderHtml(sel, []);
    };
    const analyst = render('analyst');
    expect(analyst.html).toContain('class="custom-bluf"');
    expect(analyst.html).toContain('rgb(1, 2, 3)');
    expect(analyst.templates.bluf).toBe(path.join(root, 'templates/audiences/analyst/bluf.hbs'));
    // Every other template still comes from brief's own folder, and the extra stylesheet reaches every audience.
    expect(analyst.templates['title-block']).toBe(path.resolve('templates/partials/title-block.hbs'));
    const executive = render('executive');
    expect(executive.html).not.toContain('class="custom-bluf"');
    expect(executive.html).toContain('rgb(4, 5, 6)');
    expect(analyst.html).toContain('rgb(4, 5, 6)');
    // brief's own audiences/ folder is the sample's: a corpus of its own does not get its executive overrides.
    expect(executive.templates.sources).toBe(path.resolve('templates/partials/sources.hbs'));
    await rm(root, { recursive: true, force: true });
  });

  // brief's own partial replaced in memory, where the world reads it from (the same files are listed).
  const withBluf = (text: string) =>
    memoryCorpus({}, { extra: { [path.resolve('templates/partials/bluf.hbs')]: text } });

  it("reports a misspelt field in a partial with the partial's file and line (strict mode, at run time)", async () => {
    const corpus = withBluf('<section class="bluf">\n  <h2>Summary</h2>\n  <p>{{bluff}}</p>\n</section>\n');
    const sel = corpus.select(await corpus.check({ templates: false }), 'brief', 'analyst');
    let error: unknown;
    try {
      corpus.render(sel);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const d = (error as InputError).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'E_TEMPLATE', line: 3 });
    expect(d.file).toMatch(/partials\/bluf\.hbs$/);
    expect(d.message).toContain('"bluff" not defined');
  });

  it('reports a broken template with its file and line', async () => {
    const corpus = withBluf('<section>\n{{#if bluf}}\n<p>{{bluf}}</p>\n');
    let error: unknown;
    try {
      corpus.render({ audience: { id: 'analyst' }, report: { kind: 'chronology' } } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const d = (error as InputError).diagnostics[0]!;
    expect(d.code).toBe('E_TEMPLATE');
    expect(d.file).toMatch(/partials\/bluf\.hbs$/);
    expect(d.line).toBeGreaterThanOrEqual(2);
  });
});
