// capture: PDF bytes → text and metadata, through pdf.js (no worker, no eval, no fonts, no network).
// Lines are rebuilt from the text items' positions, paragraphs from the vertical gaps between them;
// pages are separated by a line holding only a form feed, so every offset knows its page. Running
// heads, feet and page numbers stay, on their own lines at the page edges: anchoring jumps them.
import { openPdf } from '../core/pdfjs.ts';
import { diagnostic } from '../core/diagnostics.ts';
import { CaptureError, type Captured, type CaptureMetadata } from './types.ts';
import { authorList, clean, edtfDate, findDoi, languageTag, mergeMetadata } from './metadata.ts';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}
interface Line {
  y: number;
  height: number;
  text: string;
}

/** Items → lines: a new line where pdf.js marks an end of line or the baseline moves; top to bottom. */
function pageLines(items: readonly Item[]): Line[] {
  const lines: { y: number; height: number; items: Item[] }[] = [];
  let current: (typeof lines)[number] | undefined;
  let eol = true;
  for (const item of items) {
    const tolerance = Math.max(2, 0.4 * (item.height || current?.height || 10));
    if (!current || (eol && item.str) || Math.abs(item.y - current.y) > tolerance) {
      if (!item.str.trim() && item.hasEOL) {
        eol = true;
        continue;
      }
      current = { y: item.y, height: item.height, items: [] };
      lines.push(current);
    }
    if (item.str) current.items.push(item);
    current.height = Math.max(current.height, item.height);
    eol = item.hasEOL;
  }
  return lines
    .filter((l) => l.items.some((i) => i.str.trim()))
    .map((l) => {
      let text = '';
      let end: number | undefined;
      for (const item of [...l.items].sort((a, b) => a.x - b.x)) {
        // A gap wider than a fifth of the type size between two runs is a space the PDF did not write.
        if (end !== undefined && item.x - end > 0.2 * (l.height || 10) && !/\s$/.test(text) && !/^\s/.test(item.str))
          text += ' ';
        text += item.str;
        end = item.x + item.width;
      }
      return { y: l.y, height: l.height, text: text.replace(/\s+/g, ' ').trim() };
    });
}

/**
 * Lines in reading order: the body as the PDF writes it (so two columns read one after the other),
 * with the page's head and foot, which a producer may write first or last (Chromium draws its margin
 * boxes first), at the top and the bottom: up to 3 lines set apart from the body by a wide gap.
 */
function readingOrder(lines: readonly Line[], usual: number): Line[] {
  const byY = [...lines].sort((a, b) => b.y - a.y);
  const gaps = byY.slice(1).map((l, i) => byY[i]!.y - l.y);
  const apart = (i: number) => usual > 0 && (gaps[i] ?? 0) > 2 * usual;
  const head = [0, 1, 2].find((i) => i < byY.length - 1 && apart(i));
  const foot = [1, 2, 3].map((k) => byY.length - 1 - k).find((i) => i >= 0 && apart(i));
  const top = head === undefined ? [] : byY.slice(0, head + 1);
  const bottom = foot === undefined || foot < (head ?? -1) + 1 ? [] : byY.slice(foot + 1);
  const edges = new Set([...top, ...bottom]);
  return [...top, ...lines.filter((l) => !edges.has(l)), ...bottom];
}

/**
 * The document's usual line spacing: the commonest gap between lines (to the point; of two as common,
 * the smaller), over all pages, so a page of a few lines is read by the measure of the others.
 */
function lineSpacing(pages: readonly (readonly Line[])[]): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    for (let i = 1; i < byY.length; i++) {
      const gap = Math.round(byY[i - 1]!.y - byY[i]!.y);
      if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** Lines → text: a blank line where the gap is clearly wider than the usual line spacing. */
function pageText(lines: readonly Line[], usual: number): string {
  // Larger type (a heading) sets its lines further apart: the gap is weighed against the line's own size too.
  const wide = (gap: number, l: Line) => usual > 0 && gap > 1.4 * usual && gap > 1.6 * l.height;
  return lines.map((l, i) => (i > 0 && wide(lines[i - 1]!.y - l.y, l) ? `\n${l.text}` : l.text)).join('\n');
}

const fail = (
  file: string,
  code: 'E_CAPTURE_ENCRYPTED' | 'E_CAPTURE_FORMAT' | 'E_CAPTURE_NO_TEXT',
  message: string,
  hint: string,
) => new CaptureError(diagnostic({ file, line: 1, column: 1 }, code, message, hint));

export async function capturePdf(bytes: Uint8Array, file: string): Promise<Captured> {
  const { task } = await openPdf(bytes);
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = (err as Error).name;
    if (name === 'PasswordException') {
      throw fail(
        file,
        'E_CAPTURE_ENCRYPTED',
        'the PDF is encrypted: its text cannot be read without its password',
        'open it with its password and save or print an unprotected copy (e.g. qpdf --decrypt --password=… in.pdf out.pdf), then capture that',
      );
    }
    throw fail(
      file,
      'E_CAPTURE_FORMAT',
      `the file starts like a PDF but cannot be read as one (${(err as Error).message})`,
      'download or export the PDF again; a file cut short by a download that stopped reads like this',
    );
  }
  try {
    const lines: Line[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.flatMap((i) =>
        'str' in i
          ? [
              {
                str: i.str,
                x: i.transform[4] as number,
                y: i.transform[5] as number,
                width: i.width,
                height: i.height,
                hasEOL: i.hasEOL,
              },
            ]
          : [],
      );
      lines.push(pageLines(items));
      page.cleanup();
    }
    const usual = lineSpacing(lines);
    const text = lines.map((page) => pageText(readingOrder(page, usual), usual)).join('\n\f\n');
    if (!/[\p{L}\p{N}]/u.test(text)) {
      throw fail(
        file,
        'E_CAPTURE_NO_TEXT',
        `no text layer: the PDF's ${doc.numPages} page${doc.numPages === 1 ? ' is an image' : 's are images'} (a scan?) with no text to quote`,
        'run OCR first, e.g. ocrmypdf in.pdf out.pdf, then capture the result',
      );
    }
    const { info, metadata } = await doc.getMetadata();
    const i = info as Record<string, unknown>;
    const xmp = (name: string) => {
      try {
        return metadata?.get(name) as unknown;
      } catch {
        return undefined;
      }
    };
    // A bag or sequence of one (dc:language, dc:publisher) is its one value; dc:creator stays a list.
    const one = (name: string) => {
      const v = xmp(name);
      return Array.isArray(v) ? v[0] : v;
    };
    const fromXmp: CaptureMetadata = {
      title: clean(one('dc:title')),
      authors: authorList(xmp('dc:creator')),
      published: edtfDate(one('xmp:createdate')),
      publisher: clean(one('dc:publisher')),
      language: languageTag(one('dc:language')),
      doi: findDoi(String(one('prism:doi') ?? one('dc:identifier') ?? '')),
    };
    const fromInfo: CaptureMetadata = {
      title: clean(i.Title),
      authors: authorList(i.Author),
      published: edtfDate(i.CreationDate),
      language: languageTag(i.Language),
    };
    return { format: 'pdf', text: `${text}\n`, metadata: mergeMetadata(fromXmp, fromInfo, { doi: findDoi(text) }) };
  } finally {
    await doc.destroy();
  }
}
