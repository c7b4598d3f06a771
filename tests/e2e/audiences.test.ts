// End to end: audiences as a team uses them. A new audience is an entry, a partial and a stylesheet
// (no code); a document over its audience's page budget fails the build with nothing written; the
// public version carries no internal quote and the build names each judgment it left out.
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../support/build.ts';
import { brief as cli } from '../support/cli.ts';
import { MINI, corpora } from '../support/corpus.ts';
import { AUDIENCES, INTERNAL_QUOTES, internalMaterial } from '../support/internal.ts';
import { optionsFor } from '../support/options.ts';
import { pdfText } from '../support/pdf.ts';

const temp = corpora();
afterAll(() => temp.removeAll());
const corpus = (changes: Record<string, string>) => temp.make(changes);

/** The CLI without source texts, whatever the environment says. */
const brief = (args: string[]) => cli(args, { BRIEF_TEXTS: '' });

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('a new audience', () => {
  it('is an entry, a partial and a stylesheet: its documents show both, and reports that name no audiences get it', async () => {
    const c = await corpus({
      'audiences.yaml': `${AUDIENCES}- id: board\n  label: Board\n  distribution: [public]\n  marking: Board papers\n`,
      'reports/brief.md': (await readFile(path.join(MINI, 'reports/brief.md'), 'utf8')).replace(
        'audiences: [executive, analyst]\n',
        '',
      ),
    });
    await cp('templates', path.join(c.root, 'templates'), { recursive: true });
    await cp('styles', path.join(c.root, 'styles'), { recursive: true });
    await mkdir(path.join(c.root, 'templates/audiences/board'), { recursive: true });
    await writeFile(
      path.join(c.root, 'templates/audiences/board/bluf.hbs'),
      '<section class="bluf board-bluf">\n  <h2>In one paragraph</h2>\n  <p>{{bluf}}</p>\n</section>\n',
    );
    await writeFile(
      path.join(c.root, 'styles/audiences/board.css'),
      '/* Board papers: the summary signed off. */\n.board-bluf h2::after { content: " \u2014 for the board"; }\n',
    );
    const result = await build(
      optionsFor(c.data, c.out, {
        templatesDir: path.join(c.root, 'templates'),
        stylesDir: path.join(c.root, 'styles'),
        reports: ['brief'],
      }),
    );
    expect(result.documents.map((d) => d.audience).sort()).toEqual(['analyst', 'board', 'executive', 'public']);
    const board = result.documents.find((d) => d.audience === 'board')!;
    const html = await readFile(board.html, 'utf8');
    expect(html).toContain('<h2>In one paragraph</h2>');
    expect(html).toContain('.board-bluf h2::after');
    const text = flat(await pdfText(board.pdf!));
    expect(text).toContain('In one paragraph — for the board');
    expect(text).toContain('PUBLIC · BOARD PAPERS');
    // The other audiences keep the shared partial and their own styles.
    const analyst = flat(await pdfText(result.documents.find((d) => d.audience === 'analyst')!.pdf!));
    expect(analyst).toContain('Bottom line up front');
    expect(analyst).not.toContain('for the board');
  });
});

describe('page budgets', () => {
  it('fail the build when a document runs over: E_PAGE_BUDGET at the budget, exit 1, nothing written', async () => {
    const audiences = `${AUDIENCES.replace('  show_anchor_status: true\n', '  show_anchor_status: true\n  page_budget: { policy-brief: 1, chronology: 4 }\n')}`;
    const c = await corpus({ 'audiences.yaml': audiences });
    const r = await brief(['build', '--data', c.data, '--out', c.out]);
    expect(r.code).toBe(1);
    const line = audiences.split('\n').findIndex((l) => l.includes('page_budget')) + 1;
    expect(r.stderr).toMatch(
      new RegExp(
        `audiences\\.yaml:${line}:\\d+\\s+E_PAGE_BUDGET\\s+policy brief "brief" for audience "analyst" runs to [2-9] pages, over its budget of 1`,
      ),
    );
    expect(r.stderr).toContain('hint: shorten the report');
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(c.out)).toBe(false);
    // Within budget, the same corpus builds.
    await c.write('audiences.yaml', audiences.replace('policy-brief: 1', 'policy-brief: 9'));
    expect((await brief(['build', '--data', c.data, '--out', c.out, '--html'])).code).toBe(0);
  });
});

describe('the public audience', () => {
  it('gets no internal quote, and the build names each judgment it left out', async () => {
    const c = await corpus(await internalMaterial());
    const result = await build(optionsFor(c.data, c.out, { reports: ['brief'] }));
    const omitted = result.warnings.filter((w) => w.code === 'W_JUDGMENT_OMITTED');
    // Both audiences without internal material leave it out; each says which judgment and why.
    expect(omitted.map((w) => w.message.match(/left out of the (\w+) version/)![1]).sort()).toEqual([
      'executive',
      'public',
    ]);
    for (const w of omitted) {
      expect(w.file).toBe(c.rel('reports/brief.md'));
      expect(w.message).toContain(
        'key judgment 2 of report "brief" ("A drill held without notice is the likeliest trigger of the next',
      );
      expect(w.message).toContain('all its evidence comes from internal sources (desk-2024)');
    }
    const doc = (audience: string) => result.documents.find((d) => d.audience === audience)!;
    for (const audience of ['public', 'executive']) {
      const html = await readFile(doc(audience).html, 'utf8');
      const text = flat(await pdfText(doc(audience).pdf!));
      for (const quote of INTERNAL_QUOTES) {
        expect(html, audience).not.toContain(quote);
        expect(text, audience).not.toContain(quote);
      }
      expect(text, audience).not.toContain('Desk note');
      expect(text, audience).not.toContain('A drill held without notice');
      expect(text, audience).toContain('The alliance will deepen.');
    }
    // Marked public (on page 1 in its masthead, not its running head).
    expect(flat(await pdfText(doc('public').pdf!))).toMatch(/\bPUBLIC\b/);
    // The analyst gets all of it, marked internal.
    const analyst = flat(await pdfText(doc('analyst').pdf!));
    for (const quote of INTERNAL_QUOTES) expect(analyst).toContain(quote);
    expect(analyst).toContain('INTERNAL · ANALYST EDITION');
    expect(analyst).toContain('Internal assessment');
  });
});
