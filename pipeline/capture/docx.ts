// capture: DOCX bytes → text (mammoth's HTML, through the same HTML → text as a web page, so headings
// stay "## ") and metadata from its core properties (docProps/core.xml: title, creator, created, language).
import { diagnostic } from '../core/diagnostics.ts';
import { CaptureError, type Captured, type CaptureMetadata } from './types.ts';
import { domToText, parseDom, wordCount } from './html.ts';
import { coreProperties } from './metadata.ts';
import { zipText } from './zip.ts';

async function docxMetadata(bytes: Uint8Array): Promise<CaptureMetadata> {
  const xml = await zipText(bytes, 'docProps/core.xml');
  if (!xml) return {};
  const { DOMParser } = await import('linkedom');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return coreProperties(
    doc.querySelectorAll('*') as unknown as Iterable<{ tagName: string; textContent: string | null }>,
  );
}

export async function captureDocx(bytes: Uint8Array, file: string): Promise<Captured> {
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new CaptureError(
      diagnostic(
        { file, line: 1, column: 1 },
        'E_CAPTURE_FORMAT',
        `the file is a ZIP with a word/document.xml, but not a Word document mammoth can read (${(err as Error).message})`,
        'open it in Word or LibreOffice and save it again as .docx, or export it as PDF and capture that',
      ),
    );
  }
  const text = domToText((await parseDom(`<html><body>${html}</body></html>`)).body as never);
  if (wordCount(text) === 0) {
    throw new CaptureError(
      diagnostic(
        { file, line: 1, column: 1 },
        'E_CAPTURE_EMPTY',
        'the document holds no text (only images, or nothing at all)',
        'if its pages are scanned images, export it as PDF and run OCR (e.g. ocrmypdf), then capture the result',
      ),
    );
  }
  return { format: 'docx', text: `${text}\n`, metadata: await docxMetadata(bytes) };
}
