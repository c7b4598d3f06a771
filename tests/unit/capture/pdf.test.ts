// capture/pdf: PDF bytes (made in memory with pdf-lib) → lines, paragraphs, pages as form-feed lines, metadata.
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CaptureError, captureFile } from '../../../pipeline/capture/index.ts';

async function makePdf(
  pages: readonly (readonly string[])[],
  meta: { title?: string; author?: string; language?: string } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  pages.forEach((lines, n) => {
    const page = doc.addPage([400, 600]);
    page.drawText('Caspian Review', { x: 40, y: 570, size: 8, font });
    // Body lines 14 pt apart; an empty string is a paragraph gap.
    let y = 520;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 40, y, size: 11, font });
      y -= 14;
    }
    page.drawText(`Page ${n + 1}`, { x: 180, y: 30, size: 8, font });
  });
  if (meta.title) doc.setTitle(meta.title);
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.language) doc.setLanguage(meta.language);
  doc.setCreationDate(new Date('2023-05-17T10:00:00Z'));
  return doc.save();
}

describe('capture: a PDF', () => {
  it('rebuilds lines and paragraphs, keeps head and foot at the page edges, and separates pages by a form-feed line', async () => {
    const pdf = await makePdf(
      [
        [
          'First paragraph, first line',
          'and its second line',
          'and its third line',
          'and its fourth line.',
          '',
          'A second paragraph that runs on',
        ],
        ['to the next page.'],
      ],
      { title: 'Ports of the Caspian', author: 'Farid Guliyev; Nigar Mammadova', language: 'en-GB' },
    );
    const c = await captureFile('ports.pdf', pdf);
    expect(c.format).toBe('pdf');
    expect(c.text).toBe(
      'Caspian Review\n\nFirst paragraph, first line\nand its second line\nand its third line\nand its fourth line.\n\nA second paragraph that runs on\n\nPage 1\n\f\nCaspian Review\n\nto the next page.\n\nPage 2\n',
    );
    expect(c.metadata).toMatchObject({
      title: 'Ports of the Caspian',
      authors: ['Farid Guliyev', 'Nigar Mammadova'],
      published: '2023-05-17',
      language: 'en-GB',
    });
  });

  it('refuses a PDF whose pages hold no text (E_CAPTURE_NO_TEXT), and a damaged one (E_CAPTURE_FORMAT)', async () => {
    const blank = await PDFDocument.create();
    blank.addPage([400, 600]).drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
    const noText = await captureFile('scan.pdf', await blank.save()).catch((e: unknown) => e);
    expect(noText).toBeInstanceOf(CaptureError);
    expect((noText as CaptureError).diagnostic).toMatchObject({ code: 'E_CAPTURE_NO_TEXT', file: 'scan.pdf' });
    expect((noText as CaptureError).diagnostic.hint).toMatch(/ocrmypdf/);
    const damaged = await captureFile('cut.pdf', new TextEncoder().encode('%PDF-1.7\ngarbage\n')).catch(
      (e: unknown) => e,
    );
    expect((damaged as CaptureError).diagnostic.code).toBe('E_CAPTURE_FORMAT');
  });

  it('reads XMP before the info dictionary: dc:title, dc:creator, xmp:CreateDate, dc:language, dc:publisher', async () => {
    const doc = await PDFDocument.load(
      await makePdf([['Body text of the report, long enough.']], { title: 'Info title', author: 'Info Author' }),
    );
    const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Ports of the Caspian</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Farid Guliyev</rdf:li><rdf:li>Nigar Mammadova</rdf:li></rdf:Seq></dc:creator>
<dc:publisher><rdf:Bag><rdf:li>Caspian Policy Centre</rdf:li></rdf:Bag></dc:publisher>
<dc:language><rdf:Bag><rdf:li>fa</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>2021-09-30T12:00:00Z</xmp:CreateDate>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
    const c = await captureFile('xmp.pdf', await doc.save());
    expect(c.metadata).toMatchObject({
      title: 'Ports of the Caspian',
      authors: ['Farid Guliyev', 'Nigar Mammadova'],
      publisher: 'Caspian Policy Centre',
      language: 'fa',
      published: '2021-09-30',
    });
  });
});
