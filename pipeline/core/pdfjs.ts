// core: pdf.js, loaded and set up once for every reader of PDFs (capture reads a source's text,
// conform reads what a page paints): no worker thread, no eval, no fonts of the system, nothing
// fetched; cMaps and standard fonts from the package itself.
import { createRequire } from 'node:module';
import path from 'node:path';

async function loadPdfJs() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // No worker thread: the worker's code runs in this one, which pdf.js finds on globalThis.
  const g = globalThis as { pdfjsWorker?: unknown };
  const worker = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
  g.pdfjsWorker ??= await import(worker);
  return pdfjs;
}

/** pdf.js and a loading task for `bytes` (copied: pdf.js takes ownership of the buffer it is given). */
export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await loadPdfJs();
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    verbosity: 0,
    cMapUrl: `${root}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${root}/standard_fonts/`,
  });
  return { pdfjs, task };
}
