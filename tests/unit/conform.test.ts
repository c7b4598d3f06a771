// The conformance check on PDFs made in memory: one that passes every rule, and the same PDF broken
// in one way at a time, each caught by the right rule at the right place.
import { describe, expect, it } from 'vitest';
import { checkConformance, type Finding } from '../../pipeline/conform/index.ts';
import { instant, parseXmp } from '../../pipeline/conform/xmp.ts';
import { type Break, conformingPdf } from '../support/conform-pdf.ts';

const check = async (...breaks: Break[]) => checkConformance(await conformingPdf(...breaks), { file: 'test.pdf' });
const brief = (f: Finding) => ({
  rule: f.rule,
  ...(f.page === undefined ? {} : { page: f.page }),
  ...(f.path === undefined ? {} : { path: f.path }),
});

describe('checkConformance', () => {
  it('finds nothing in a PDF made to pass', async () => {
    expect(await check()).toEqual([]);
  });

  it('catches a link without alternate text, on its page and object', async () => {
    const findings = await check('link-contents');
    expect(findings.map(brief)).toEqual([{ rule: '28-012', page: 1 }]);
    expect(findings[0]!.object).toBeGreaterThan(0);
    expect(findings[0]!.message).toContain('https://example.org/');
    expect(findings[0]!.standard).toBe('PDF/UA-1');
  });

  it('catches text painted outside marked content, and counts it per page', async () => {
    const findings = await check('untagged-text');
    expect(findings.map(brief)).toEqual([{ rule: '01-005', page: 1 }]);
    expect(findings[0]!.message).toContain('1 text-showing operator');
  });

  it('catches a figure without alt text, by its structure path', async () => {
    expect((await check('figure-alt')).map(brief)).toEqual([
      { rule: '13-004', page: 1, path: 'Document[1]/Figure[1]' },
    ]);
  });

  it('catches a missing XMP stream', async () => {
    expect((await check('xmp')).map(brief)).toEqual([{ rule: '06-001' }]);
  });

  it('catches an XMP title that is not the Info title', async () => {
    const findings = await check('xmp-title');
    expect(findings.map(brief)).toEqual([{ rule: '6.6.3' }]);
    expect(findings[0]!.message).toContain('"Another title"');
  });

  it('catches a skipped heading level', async () => {
    expect((await check('heading-skip')).map(brief)).toEqual([{ rule: '14-003', page: 1, path: 'Document[1]/H3[1]' }]);
  });

  it('catches a missing trailer /ID', async () => {
    const findings = await check('id');
    expect(findings.map(brief)).toEqual([{ rule: '6.1.3-id' }]);
    expect(findings[0]!.standard).toBe('PDF/A-2');
  });

  it('catches a font whose program is not embedded', async () => {
    const findings = await check('font-embed');
    expect(findings.map(brief)).toEqual([{ rule: '31-011', page: 1 }]);
    expect(findings[0]!.message).toContain('LiberationSans (/F1)');
  });

  it('catches a JavaScript action, on the page of its link', async () => {
    expect((await check('javascript')).map(brief)).toEqual([{ rule: '6.5.1', page: 1 }]);
  });

  it('catches a ParentTree that maps marked content to the wrong element', async () => {
    const findings = await check('parent-tree');
    expect(findings.map(brief)).toEqual([{ rule: '14.7.4.4', page: 1 }]);
    expect(findings[0]!.message).toContain('MCID 0, 1');
  });

  it('catches a TH without a scope', async () => {
    expect((await check('th-scope')).map(brief)).toEqual([
      { rule: '15-003', page: 1, path: 'Document[1]/Table[1]/TR[1]/TH[1]' },
    ]);
  });

  it('catches an embedded file that breaks PDF/A-3 and a PDF/A-2 claim', async () => {
    const findings = await check('embedded-file');
    expect(findings.map((f) => f.rule).sort()).toEqual(['6.8', '6.8-a2']);
    expect(findings.find((f) => f.rule === '6.8')!.message).toMatch(/no \/AFRelationship.*not in the catalog's \/AF/);
  });

  it('reports several breaks at once, each once', async () => {
    const rules = (await check('xmp', 'id', 'link-contents', 'untagged-text')).map((f) => f.rule).sort();
    expect(rules).toEqual(['01-005', '06-001', '28-012', '6.1.3-id']);
  });

  it('refuses bytes that are not a PDF', async () => {
    await expect(checkConformance(new TextEncoder().encode('not a pdf'), { file: 'x.pdf' })).rejects.toThrow(
      /x\.pdf cannot be read as a PDF/,
    );
  });
});

describe('XMP reading', () => {
  it('reads properties written as attributes and as elements, and the schemas extensions describe', () => {
    const xmp = parseXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>' +
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt>' +
        '<rdf:li xml:lang="fr">Titre</rdf:li><rdf:li xml:lang="x-default">Title</rdf:li></rdf:Alt></dc:title></rdf:Description>' +
        '</rdf:RDF></x:xmpmeta>',
    );
    if (typeof xmp === 'string') throw new Error(xmp);
    expect(xmp.properties.map((p) => [p.name, p.values[0]])).toEqual([
      ['part', '1'],
      ['title', 'Title'],
    ]);
    expect(xmp.described.size).toBe(0);
  });

  it('says why a packet cannot be read', () => {
    expect(parseXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')).toBe('no rdf:RDF element');
    expect(typeof parseXmp('')).toBe('string');
  });

  it('compares PDF and XMP dates as instants', () => {
    expect(instant("D:20240115010000+01'00'")).toBe(instant('2024-01-15T00:00:00Z'));
    expect(instant('D:20240115000000Z')).toBe(Date.UTC(2024, 0, 15));
    expect(instant('yesterday')).toBeUndefined();
  });
});
