// Test support: what PDF/UA-1 and PDF/A-2b ask of a file, read back with tools other than the pass
// that made it: qpdf (--check, and --qdf to read each page's content uncompressed), poppler's pdfinfo
// (-meta for the XMP, -struct for the tag tree) and pdf-lib's object parser.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { $ } from 'zx';

$.quiet = true;

async function qpdfCheck(file: string): Promise<{ ok: boolean; out: string }> {
  const r = await $`qpdf --check ${file}`.nothrow();
  return { ok: r.exitCode === 0, out: r.stdout + r.stderr };
}

const pdfMeta = async (file: string) => (await $`pdfinfo -meta ${file}`).stdout;
/** The tag tree, element names only: milliseconds. */
export const structTree = async (file: string) => (await $`pdfinfo -struct ${file}`.nothrow()).stdout;
/** The tag tree with each element's text: poppler takes seconds a page for it, so only where the text is the point. */
export const structText = async (file: string) => (await $`pdfinfo -struct-text ${file}`.nothrow()).stdout;

/**
 * Text-showing operators outside any marked content, per page: qpdf writes each page's content
 * uncompressed (--qdf) and this counts Tj, TJ, ' and " at BDC/BMC…EMC depth 0. A scanner of its own,
 * not the pass's: strings are blanked first so their bytes cannot look like operators.
 */
export async function untaggedTextPerPage(file: string): Promise<number[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'brief-qdf-'));
  try {
    const qdf = path.join(dir, 'q.pdf');
    await $`qpdf --qdf --object-streams=disable ${file} ${qdf}`.nothrow();
    const text = (await readFile(qdf)).toString('latin1');
    const counts: number[] = [];
    const page = /%% Contents for page (\d+)\n(?:%%[^\n]*\n)?\d+ 0 obj\n<<[\s\S]*?>>\nstream\n([\s\S]*?)\nendstream/g;
    for (const m of text.matchAll(page)) {
      const body = m[2]!.replace(/\((?:\\[\s\S]|[^\\)])*\)/g, '()');
      let depth = 0;
      let outside = 0;
      for (const token of body.match(/<<|>>|<[0-9a-fA-F\s]*>|[^\s<>[\]()/]+|\/[^\s<>[\]()/]*/g) ?? []) {
        if (token === 'BDC' || token === 'BMC') depth++;
        else if (token === 'EMC') depth--;
        else if (depth === 0 && (token === 'Tj' || token === 'TJ' || token === "'" || token === '"')) outside++;
      }
      counts[Number(m[1]) - 1] = outside;
    }
    return counts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Conformance {
  readonly header: string;
  readonly hasId: boolean;
  readonly outputIntent: string | undefined;
  readonly profileBytes: number;
  readonly links: number;
  readonly linksWithoutContents: number;
  readonly figures: { alt: string | undefined }[];
}

/** What pdf-lib's parser finds: the header, /ID, the OutputIntent, links and figures with their /Alt. */
async function conformance(file: string): Promise<Conformance> {
  const bytes = await readFile(file);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  const intent = intents?.lookupMaybe(0, PDFDict);
  const found = intent?.lookup(PDFName.of('DestOutputProfile'));
  const profile = found instanceof PDFRawStream ? found : undefined;
  let links = 0;
  let without = 0;
  for (const page of doc.getPages())
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const a = doc.context.lookup(ref, PDFDict);
      if (a.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      links++;
      if (!a.has(PDFName.of('Contents'))) without++;
    }
  const figures: { alt: string | undefined }[] = [];
  const walk = (o: unknown, depth: number): void => {
    if (depth > 300) return;
    const node = o instanceof PDFRef ? doc.context.lookup(o) : o;
    if (node instanceof PDFArray) for (const k of node.asArray()) walk(k, depth + 1);
    else if (
      node instanceof PDFDict &&
      !node.has(PDFName.of('MCID')) &&
      node.get(PDFName.of('Type')) !== PDFName.of('OBJR')
    ) {
      if (node.get(PDFName.of('S')) === PDFName.of('Figure')) {
        const alt = node.lookup(PDFName.of('Alt')) as { decodeText(): string } | undefined;
        figures.push({ alt: alt?.decodeText() });
      }
      walk(node.get(PDFName.of('K')), depth + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)?.get(PDFName.of('K')), 0);
  return {
    header: bytes.subarray(0, 8).toString('latin1'),
    hasId: doc.context.trailerInfo.ID !== undefined,
    outputIntent: intent?.get(PDFName.of('S'))?.toString(),
    profileBytes: profile?.getContentsSize() ?? 0,
    links,
    linksWithoutContents: without,
    figures,
  };
}

/** Debian's PDFBox Preflight (PDF/A-1b only), when installed; its error codes and messages. */
const PREFLIGHT = '/usr/share/java/preflight.jar';
export const hasPreflight = () => existsSync(PREFLIGHT) && existsSync('/usr/bin/java');

export async function preflight(file: string): Promise<string[]> {
  const cp = [
    PREFLIGHT,
    '/usr/share/java/pdfbox2.jar',
    '/usr/share/java/fontbox2.jar',
    '/usr/share/java/xmpbox.jar',
    '/usr/share/java/commons-logging.jar',
    '/usr/share/java/javax.activation.jar',
    '/usr/share/java/jaxb-api.jar',
  ]
    .filter(existsSync)
    .join(':');
  const r = await $`java -cp ${cp} org.apache.pdfbox.preflight.Validator_A1b ${file}`.nothrow();
  return (r.stdout + r.stderr).split('\n').filter((l) => /^\s*\d+(\.\d+)*\s*:/.test(l) || /ERROR|Error/.test(l));
}

/** Every check above on one file, softly, so a failing file says all it lacks at once. */
export async function expectConforming(file: string, expect: import('vitest').ExpectStatic): Promise<Conformance> {
  const check = await qpdfCheck(file);
  expect.soft(check.ok, `${file}: ${check.out}`).toBe(true);
  expect.soft(check.out).toContain('No syntax or stream encoding errors');
  const meta = await pdfMeta(file);
  expect.soft(meta).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
  expect.soft(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect.soft(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  expect.soft(meta).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
  const info = (await $`pdfinfo ${file}`).stdout;
  const title = /^Title:\s+(.*)$/m.exec(info)?.[1];
  const xmpTitle = /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</.exec(meta)?.[1];
  const unxml = (s: string | undefined) => s?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  expect.soft(title).toBeTruthy();
  expect.soft(unxml(xmpTitle), 'dc:title equals the Info Title').toBe(title);
  const untagged = await untaggedTextPerPage(file);
  expect.soft(untagged.length).toBeGreaterThan(0);
  expect
    .soft(
      untagged.filter((n) => n > 0),
      'text shown outside marked content, per page',
    )
    .toEqual([]);
  // Heading levels in order: none more than one below the heading before it.
  const levels = (await structTree(file))
    .split('\n')
    .flatMap((l) => /^\s*H([1-6])\b/.exec(l)?.[1] ?? [])
    .map(Number);
  expect.soft(levels[0], 'first heading').toBe(1);
  expect
    .soft(
      levels.filter((l, i) => i > 0 && l > levels[i - 1]! + 1),
      `heading levels ${levels.join(' ')}`,
    )
    .toEqual([]);
  const c = await conformance(file);
  expect.soft(c.header).toBe('%PDF-1.7');
  expect.soft(c.hasId).toBe(true);
  expect.soft(c.outputIntent).toBe('/GTS_PDFA1');
  expect.soft(c.profileBytes).toBeGreaterThan(0);
  expect.soft(c.linksWithoutContents, `${c.links} links`).toBe(0);
  expect
    .soft(
      c.figures.filter((f) => !f.alt?.trim()),
      'figures without /Alt',
    )
    .toEqual([]);
  return c;
}
