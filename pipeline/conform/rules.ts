// conform: the rules the check runs, each named as its standard names it (a Matterhorn Protocol 1.1
// failure condition for PDF/UA-1, a clause of ISO 19005-2/-3 for PDF/A), with what it means and
// what fixes it in plain words. A finding carries one of these ids and where in the file it is.

type Standard = 'PDF/UA-1' | 'PDF/A-2' | 'PDF/A-3' | 'PDF';

interface Rule {
  readonly standard: Standard;
  /** The same condition in the other standard, when there is one. */
  readonly also?: string;
  readonly title: string;
  readonly hint: string;
}

const rule = (standard: Standard, title: string, hint: string, also?: string): Rule =>
  also ? { standard, title, hint, also } : { standard, title, hint };

/** Every rule, by the id its standard gives it. */
const RULES = {
  // PDF/UA-1, Matterhorn Protocol 1.1 checkpoints that a machine can decide from the file.
  '01-003': rule(
    'PDF/UA-1',
    'content marked as Artifact inside tagged content',
    'close the tagged marked-content sequence before the artifact begins',
  ),
  '01-004': rule(
    'PDF/UA-1',
    'tagged content inside content marked as Artifact',
    'an artifact cannot hold real content: close the artifact first',
  ),
  '01-005': rule(
    'PDF/UA-1',
    'content neither tagged nor marked as Artifact',
    'wrap running heads, markings and page numbers in /Artifact BMC … EMC, and real content in a tagged BDC with an MCID',
  ),
  '06-001': rule(
    'PDF/UA-1',
    'no XMP metadata stream in the catalog',
    'add an XMP packet (dc:title, pdfuaid:part) as the catalog /Metadata',
    '6.6.2.1',
  ),
  '06-002': rule(
    'PDF/UA-1',
    'the XMP metadata has no PDF/UA identifier (pdfuaid:part = 1)',
    'add pdfuaid:part 1 to the XMP, with its PDF/A extension schema',
  ),
  '06-003': rule('PDF/UA-1', 'the XMP metadata has no dc:title', "put the document's title in dc:title (x-default)"),
  '07-001': rule(
    'PDF/UA-1',
    'the catalog has no ViewerPreferences with DisplayDocTitle',
    'set /ViewerPreferences << /DisplayDocTitle true >> in the catalog',
  ),
  '07-002': rule(
    'PDF/UA-1',
    'DisplayDocTitle is false',
    'set DisplayDocTitle to true so readers show the title, not the file name',
  ),
  '10-001': rule(
    'PDF/UA-1',
    'a font whose character codes cannot be mapped to Unicode (no ToUnicode)',
    'embed a ToUnicode CMap for the font',
    '6.2.11.7.2',
  ),
  '11-006': rule(
    'PDF/UA-1',
    'the natural language of the document cannot be determined (no /Lang in the catalog)',
    'set /Lang in the catalog, e.g. from <html lang>',
  ),
  '13-004': rule(
    'PDF/UA-1',
    'a Figure without alternate text',
    "give the figure an /Alt (or ActualText): for a chart, its description; for an HTML <figure>, an aria-label or role='group'",
  ),
  '14-002': rule(
    'PDF/UA-1',
    'the first numbered heading is not H1',
    'start the heading levels at H1 (the document title)',
  ),
  '14-003': rule(
    'PDF/UA-1',
    'a numbered heading level is skipped (such as H1 followed by H3)',
    'use the next heading level down, or restyle rather than skip a level',
  ),
  '15-003': rule(
    'PDF/UA-1',
    'a TH without a Scope attribute in a table whose cells name no headers',
    'give each <th> a scope (col or row), or give the data cells Headers',
  ),
  '21-001': rule(
    'PDF/UA-1',
    'the file specification of an embedded file has no F and UF entries',
    'give each file specification /F and /UF file names',
    '6.8',
  ),
  '26-001': rule(
    'PDF/UA-1',
    'the file is encrypted without a /P permissions entry',
    'do not encrypt, or allow assistive technology (P bit 10)',
    '6.1.3',
  ),
  '26-002': rule(
    'PDF/UA-1',
    'the file is encrypted and forbids assistive technology (P bit 10 off)',
    'do not encrypt, or set P bit 10',
    '6.1.3',
  ),
  '28-002': rule(
    'PDF/UA-1',
    'an annotation (other than Link, Widget, Popup or PrinterMark) not in an Annot structure element',
    'tag the annotation: an Annot element with an OBJR to it, and /StructParent on the annotation',
  ),
  '28-004': rule(
    'PDF/UA-1',
    'an annotation (other than Widget) with no /Contents',
    'give the annotation a /Contents text',
  ),
  '28-008': rule(
    'PDF/UA-1',
    'a page with annotations has no /Tabs entry',
    'set /Tabs /S on the page (tab order follows the structure)',
  ),
  '28-009': rule(
    'PDF/UA-1',
    'a page with annotations has /Tabs other than /S',
    'set /Tabs /S on the page (tab order follows the structure)',
  ),
  '28-011': rule(
    'PDF/UA-1',
    'a Link annotation not nested in a Link structure element',
    'give the annotation a /StructParent whose ParentTree entry is a Link element with an OBJR to it',
  ),
  '28-012': rule(
    'PDF/UA-1',
    'a Link annotation without alternate text in /Contents',
    "copy the link's text (or its target) into the annotation's /Contents",
  ),
  '31-011': rule(
    'PDF/UA-1',
    'a font program is not embedded',
    'embed the font (FontFile, FontFile2 or FontFile3 in its descriptor)',
    '6.2.11.4.1',
  ),
  // Tagged PDF (ISO 32000-1) and PDF/UA-1 clauses that Matterhorn does not number.
  '7.1-marked': rule(
    'PDF/UA-1',
    'the catalog does not say the file is tagged (MarkInfo /Marked true)',
    'print with tagging on (Chromium: tagged: true) and keep /MarkInfo << /Marked true >>',
    '6.7.2.2',
  ),
  '7.1-tree': rule(
    'PDF/UA-1',
    'the catalog has no StructTreeRoot: the file has no tags',
    'print with tagging on, and never merge tagged PDFs with a tool that drops the tree',
    '6.7.3.3',
  ),
  '7.1-title': rule(
    'PDF/UA-1',
    'the document information has no Title',
    "set /Title in the Info dictionary (the same as the XMP's dc:title)",
  ),
  '7.1-suspects': rule('PDF/UA-1', 'MarkInfo /Suspects is true', 'fix the tags and set /Suspects false'),
  '7.5-headers': rule(
    'PDF/UA-1',
    'a table with a header row (THead) but no TH cell',
    'mark header cells as <th> (TH) with a scope',
  ),
  '14.7.4.4': rule(
    'PDF',
    'the ParentTree does not match the structure tree (a page or annotation maps to the wrong element, or to none)',
    'write a ParentTree entry for every page (/StructParents) and annotation (/StructParent) that points back at its elements',
  ),
  // PDF/A-2 (ISO 19005-2) and PDF/A-3 (ISO 19005-3) clauses checkable from the file.
  '6.1.3-id': rule(
    'PDF/A-2',
    'the trailer has no /ID',
    'write a file identifier: two strings, e.g. a hash of the content',
  ),
  '6.1.3-encrypt': rule('PDF/A-2', 'the trailer has /Encrypt', 'PDF/A forbids encryption: write the file unencrypted'),
  '6.2.3': rule(
    'PDF/A-2',
    'no PDF/A OutputIntent with an ICC profile (device colours then have no meaning)',
    'add an /OutputIntents entry /S /GTS_PDFA1 whose /DestOutputProfile is an sRGB ICC profile stream with /N 3',
  ),
  '6.5.1': rule(
    'PDF/A-2',
    'a JavaScript or Launch action (or a JavaScript name tree)',
    'remove scripts and Launch actions: PDF/A and brief PDFs carry no code',
  ),
  '6.5.2': rule('PDF/A-2', 'an additional-actions (/AA) entry in the catalog or a page', 'remove the /AA entry'),
  '6.6.2.1': rule(
    'PDF/A-2',
    'the XMP metadata cannot be read (not well-formed XML or RDF)',
    'write a well-formed XMP packet (x:xmpmeta, rdf:RDF, rdf:Description)',
  ),
  '6.6.2.3.1': rule(
    'PDF/A-2',
    'an XMP property of a schema that is neither predefined nor described by a PDF/A extension schema',
    'describe the schema (e.g. pdfuaid) in pdfaExtension:schemas, in its own rdf:Description',
  ),
  '6.6.3': rule(
    'PDF/A-2',
    'the Info dictionary and the XMP metadata disagree',
    'write the same title, author, subject, keywords, producer and dates to both',
  ),
  '6.6.4': rule(
    'PDF/A-2',
    'no valid PDF/A identification (pdfaid:part 2 or 3, pdfaid:conformance A, B or U)',
    'add pdfaid:part and pdfaid:conformance to the XMP',
  ),
  '6.8': rule(
    'PDF/A-3',
    'an embedded file that does not meet PDF/A-3 (AFRelationship, MIME Subtype, Params/ModDate, listed in /AF)',
    'give the file specification /AFRelationship and list it in the catalog /AF; give the embedded stream /Subtype (MIME) and /Params << /ModDate … >>',
  ),
  '6.8-a2': rule(
    'PDF/A-2',
    'an embedded file in a file that claims PDF/A-2 (which allows only PDF/A files inside)',
    'declare pdfaid:part 3, or embed nothing',
  ),
} as const satisfies Record<string, Rule>;

type RuleId = keyof typeof RULES;

/** One failure, named by its rule and placed as precisely as the file allows. */
export interface Finding {
  /** The PDF it was found in, as given. */
  readonly file: string;
  readonly rule: RuleId;
  readonly standard: Standard;
  /** 1-based. */
  readonly page?: number;
  /** The indirect object at fault. */
  readonly object?: number;
  /** The structure element's path from the root, such as Document/Sect[2]/Figure[1]. */
  readonly path?: string;
  readonly message: string;
  readonly hint: string;
}

/** Where a finding is, in words: page, object, structure path. */
export function whereOf(f: Pick<Finding, 'page' | 'object' | 'path'>): string {
  const parts = [
    f.page === undefined ? '' : `page ${f.page}`,
    f.object === undefined ? '' : `object ${f.object}`,
    f.path ?? '',
  ].filter(Boolean);
  return parts.join(', ') || 'document';
}

export type Place = Partial<Pick<Finding, 'page' | 'object' | 'path'>>;

/** A finding of rule `id`, where `place` says, with `detail` added to the rule's title. */
export type Report = (id: RuleId, place: Place, detail?: string) => void;

export function collector(file: string): { report: Report; findings: Finding[] } {
  const findings: Finding[] = [];
  const report: Report = (id, place, detail) => {
    const r: Rule = RULES[id];
    findings.push({
      file,
      rule: id,
      standard: r.standard,
      ...place,
      message: detail ? `${r.title}: ${detail}` : r.title,
      hint: r.hint,
    });
  };
  return { report, findings };
}
