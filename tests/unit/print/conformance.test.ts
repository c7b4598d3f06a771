// print: the conformance pass's parts that need no browser: the content-stream reader, which
// operators become artifacts, the sRGB profile and the XMP packet.
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { markedText, untaggedRanges, wrapRanges } from '../../../pipeline/print/artifacts.ts';
import { xmpPacket } from '../../../pipeline/print/conformance.ts';
import { operators, parseToUnicode } from '../../../pipeline/print/content-stream.ts';
import { srgbProfile } from '../../../pipeline/print/srgb.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('content streams', () => {
  it('reads operators with their operands and byte ranges, strings with escapes and parentheses', () => {
    const s = bytes('q 1 0 0 1 0 0 cm\nBT /F1 12 Tf (a\\)b(c)) Tj [<0041> -20 (x)] TJ ET Q');
    const ops = operators(s);
    expect(ops.map((o) => o.op)).toEqual(['q', 'cm', 'BT', 'Tf', 'Tj', 'TJ', 'ET', 'Q']);
    const tj = ops[4]!;
    expect(text(s.subarray(tj.start, tj.end))).toBe('(a\\)b(c)) Tj');
    expect(tj.operands).toEqual([{ kind: 'string', bytes: [...Buffer.from('a)b(c)')] }]);
    expect(ops[5]!.operands.filter((o) => o.kind === 'string')).toHaveLength(2);
  });

  it('wraps painting at depth 0 as artifacts and leaves marked content and every other byte alone', () => {
    const src =
      '/P <</MCID 0>> BDC BT /F1 9 Tf <0041> Tj ET EMC\n' +
      'BT /F1 9 Tf (Page 1 of 2) Tj ET\n' +
      '0 0 m 10 0 l S\n' +
      '0 0 5 5 re W n\n' +
      '/Im1 Do\n' +
      '/Span <</MCID 1>> BDC 1 1 2 2 re f EMC';
    const s = bytes(src);
    const out = text(wrapRanges(s, untaggedRanges(operators(s))));
    expect(out).toBe(
      '/P <</MCID 0>> BDC BT /F1 9 Tf <0041> Tj ET EMC\n' +
        '/Artifact BMC\nBT /F1 9 Tf (Page 1 of 2) Tj ET\nEMC\n' +
        '/Artifact BMC\n0 0 m 10 0 l S\nEMC\n' +
        '0 0 5 5 re W n\n' +
        '/Artifact BMC\n/Im1 Do\nEMC\n' +
        '/Span <</MCID 1>> BDC 1 1 2 2 re f EMC',
    );
    expect(out.replace(/\/Artifact BMC\n|\nEMC/g, '')).toBe(src);
  });

  it('wraps single text shows when a text object holds marked content too', () => {
    const s = bytes('BT /P <</MCID 0>> BDC (a) Tj EMC (b) Tj ET');
    expect(text(wrapRanges(s, untaggedRanges(operators(s))))).toBe(
      'BT /P <</MCID 0>> BDC (a) Tj EMC /Artifact BMC\n(b) Tj\nEMC ET',
    );
  });

  it('reads the text of each marked-content id through a ToUnicode map', () => {
    const map = parseToUnicode(
      'begincmap 2 beginbfchar <0001> <0048> <0002> <0069> endbfchar 1 beginbfrange <0010> <0012> <0061> endbfrange endcmap',
    );
    const decode = (b: readonly number[]) => {
      let out = '';
      for (let i = 0; i + 1 < b.length; i += 2) out += map.get((b[i]! << 8) | b[i + 1]!) ?? '';
      return out;
    };
    const ops = operators(bytes('/Link <</MCID 4>> BDC BT /F1 9 Tf <00010002> Tj [<0010> 5 <0012>] TJ ET EMC (x) Tj'));
    expect(markedText(ops, () => decode)).toEqual(new Map([[4, 'Hiac']]));
  });
});

describe('the sRGB profile', () => {
  it('is an ICC v2 display RGB profile whose size is the one its header says', () => {
    const p = Buffer.from(srgbProfile());
    expect(p.readUInt32BE(0)).toBe(p.length);
    expect(p.readUInt32BE(8)).toBe(0x02100000);
    expect(p.toString('latin1', 12, 24)).toBe('mntrRGB XYZ ');
    expect(p.toString('latin1', 36, 40)).toBe('acsp');
    expect(p.readUInt32BE(128)).toBe(9);
    expect(Buffer.from(srgbProfile()).equals(p)).toBe(true);
  });
});

describe('the XMP packet', () => {
  it('says PDF/UA-1 and PDF/A-2b, declares pdfuaid, and repeats the Info dictionary', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle('Şuşa & <Iran>');
    doc.setAuthor('Team');
    doc.setSubject('About');
    doc.setKeywords(['a', 'b']);
    doc.setCreator('brief');
    doc.setProducer('brief (Chromium, pdf-lib)');
    const xmp = xmpPacket(doc, 'en-GB', '2024-01-15T00:00:00Z');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Şuşa &amp; &lt;Iran&gt;</rdf:li>');
    expect(xmp).toContain('<rdf:li>Team</rdf:li>');
    expect(xmp).toContain('<pdf:Keywords>a b</pdf:Keywords>');
    expect(xmp).toContain('<rdf:li>en-GB</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2024-01-15T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    // The declaration of pdfuaid is a description of its own.
    expect(xmp).toMatch(/<rdf:Description rdf:about="" xmlns:pdfaExtension=[^>]*>\n<pdfaExtension:schemas>/);
  });
});
