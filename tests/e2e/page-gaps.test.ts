// End to end: the print stylesheet leaves no blank gap before a tall row of quotes (it splits, three
// lines kept either side), keeps a figure whole with its caption, and keeps other rows whole.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { $ } from 'zx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPdf } from '../support/print-html.ts';

$.quiet = true;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'brief-gaps-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The text of each page of the PDF that `body` prints to, under brief's print stylesheet. */
async function pages(body: string): Promise<string[]> {
  const css = await readFile('styles/print.css', 'utf8');
  const html = `<!doctype html><html lang="en"><head><style>${css} body { font: 10pt/14pt serif; margin: 0; } p { margin: 0; }</style></head><body>${body}</body></html>`;
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, await printPdf(html));
  const text = (await $`pdftotext -enc UTF-8 -layout ${file} -`).stdout;
  return text.split('\f').filter((p) => p.trim());
}

/** `lines` lines of filler (page 1 holds PAGE_LINES). */
const filler = (lines: number) => Array.from({ length: lines }, (_, i) => `<p>filler ${i + 1}</p>`).join('');
// A4 less the 22 mm and 20 mm margins: 255 mm, 51 lines of 14 pt.
const PAGE_LINES = 51;

describe('page breaks in print', () => {
  it('splits a tall row of quotes where the page ends, instead of moving it whole and leaving a gap', async () => {
    const row = Array.from({ length: 30 }, (_, i) => `<p>quote line ${i + 1}</p>`).join('');
    const all = await pages(
      `${filler(PAGE_LINES - 15)}<table class="side-by-side"><tbody><tr><td>source</td><td>${row}</td></tr></tbody></table>`,
    );
    expect(all).toHaveLength(2);
    expect(all[0]).toContain('filler 36');
    expect(all[0]).toContain('quote line 3');
    expect(all[1]).toContain('quote line 30');
  });

  it('keeps any other row whole, and a figure whole with its caption', async () => {
    const short = '<tr><td><p>row line 1</p><p>row line 2</p><p>row line 3</p></td></tr>';
    const [a, b] = await pages(`${filler(PAGE_LINES - 2)}<table><tbody>${short}</tbody></table>`);
    expect(a).toContain(`filler ${PAGE_LINES - 2}`);
    expect(a).not.toContain('row line 1');
    expect(b).toContain('row line 3');
    const figure =
      '<figure class="chart"><figcaption>Figure caption</figcaption><svg width="400" height="300" viewBox="0 0 400 300"><rect width="400" height="300" fill="#ccc"/><text x="10" y="290">chart foot</text></svg></figure>';
    const [c, d] = await pages(`${filler(PAGE_LINES - 10)}${figure}`);
    expect(c).toContain(`filler ${PAGE_LINES - 10}`);
    expect(c).not.toContain('Figure caption');
    expect(d).toContain('Figure caption');
    expect(d).toContain('chart foot');
  });
});
