// capture: a file (PDF, saved web page, DOCX, Markdown, plain text) → its text as a source text and the
// metadata it carries. The format is told by the file's first bytes, the extension only between
// Markdown and plain text. Each reader (and its library) is loaded only for a file of its format.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, UsageError } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import { CaptureError, type Captured } from './types.ts';
import { zipMembers } from './zip.ts';
import { decodeUtf8 } from './text.ts';

export { CaptureError, type Captured, type CaptureMetadata } from './types.ts';
export { cslMetadata, matchCsl, parseCsl, type CslItem } from './csl.ts';

/** The largest file captured: a PDF of a few thousand pages; beyond it, pdf.js's memory and time grow past reason. */
export const MAX_CAPTURE_BYTES = 50_000_000;

const startsWith = (bytes: Uint8Array, magic: string) =>
  Buffer.from(bytes.subarray(0, magic.length)).toString('latin1') === magic;
const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;
const HTML_EXT = /\.x?html?$/i;

function fail(
  file: string,
  code: 'E_CAPTURE_FORMAT' | 'E_CAPTURE_TOO_LARGE',
  message: string,
  hint: string,
): CaptureError {
  return new CaptureError(diagnostic({ file, line: 1, column: 1 }, code, message, hint));
}

/** Reads `file` (or `bytes` as if read from it) and captures it; CaptureError for a file that cannot be captured. */
export async function captureFile(file: string, given?: Uint8Array): Promise<Captured> {
  const shown = displayPath(path.resolve(file)) || file;
  let bytes = given;
  if (!bytes) {
    const info = await stat(file).catch(() => undefined);
    if (!info)
      throw new UsageError(
        `${file} does not exist; name the file to capture (a PDF, a saved web page, a DOCX, Markdown or text)`,
      );
    if (info.isDirectory())
      throw new UsageError(
        `${file} is a folder; name the files in it to capture, e.g. brief capture ${path.join(file, '*.pdf')}`,
      );
    if (info.size > MAX_CAPTURE_BYTES) {
      throw fail(
        shown,
        'E_CAPTURE_TOO_LARGE',
        `the file is ${(info.size / 1e6).toFixed(1)} MB; brief captures files of at most ${MAX_CAPTURE_BYTES / 1e6} MB`,
        'split it into parts (qpdf --split-pages, or print page ranges to PDF) and capture each as its own source',
      );
    }
    bytes = await readFile(file);
  } else if (bytes.length > MAX_CAPTURE_BYTES) {
    throw fail(
      shown,
      'E_CAPTURE_TOO_LARGE',
      `the file is ${(bytes.length / 1e6).toFixed(1)} MB; brief captures files of at most ${MAX_CAPTURE_BYTES / 1e6} MB`,
      'split it into parts and capture each as its own source',
    );
  }
  if (startsWith(bytes, '%PDF-')) return (await import('./pdf.ts')).capturePdf(bytes, shown);
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    if (!(await zipMembers(bytes))?.includes('word/document.xml')) {
      throw fail(
        shown,
        'E_CAPTURE_FORMAT',
        'the file is a ZIP archive, but not a Word document (it has no word/document.xml)',
        'unpack it and capture the files inside, or export the document as PDF or DOCX',
      );
    }
    return (await import('./docx.ts')).captureDocx(bytes, shown);
  }
  if (/\.(pdf|docx)$/i.test(file)) {
    throw fail(
      shown,
      'E_CAPTURE_FORMAT',
      `the file is named ${path.extname(file)} but is not one: it does not start as a ${/pdf$/i.test(file) ? 'PDF (%PDF-)' : 'DOCX (a ZIP archive)'} does`,
      'download or export it again; a web page saved under a .pdf name (a login or error page) looks like this',
    );
  }
  // The rest is text: UTF-8, or refused.
  if (bytes.subarray(0, 8000).includes(0)) {
    throw fail(
      shown,
      'E_CAPTURE_FORMAT',
      'the file is binary, not a format brief captures',
      'brief captures PDF, DOCX, HTML saved from a browser, Markdown and plain text: export or convert the file to one of them',
    );
  }
  const text = decodeUtf8(bytes, shown);
  if (
    HTML_START.test(text.replace(/^\uFEFF/, '').slice(0, 4000)) ||
    (HTML_EXT.test(file) && /<(?:body|head|p|article)[\s>]/i.test(text))
  ) {
    return (await import('./html.ts')).captureHtml(text.replace(/^\uFEFF/, ''), shown);
  }
  return (await import('./text.ts')).captureText(bytes, shown, MARKDOWN.test(file));
}
