// capture: a CSL-JSON export → items (malformed: located), and the item a captured file is, by DOI, URL or title.
import { describe, expect, it } from 'vitest';
import { CaptureError, cslMetadata, matchCsl, parseCsl } from '../../../pipeline/capture/index.ts';

const ITEMS = JSON.stringify(
  [
    {
      id: 'a',
      title: 'Ports of the Caspian: A Survey',
      author: [{ family: 'Guliyev', given: 'Farid' }],
      issued: { 'date-parts': [[2023, 11, 2]] },
      'container-title': 'Caspian Studies',
      DOI: '10.1234/CS.2023.77',
      language: 'en',
    },
    {
      id: 'b',
      title: 'The corridor after the war',
      author: [{ literal: 'Caspian Policy Centre' }],
      issued: { 'date-parts': [[2024, 3]] },
      publisher: 'CPC',
      URL: 'https://www.example.org/corridor/',
    },
    {
      id: 'c',
      title: 'Rail and ferries in 2022',
      author: [{ family: 'Mammadova', given: 'Nigar' }],
      issued: { 'date-parts': [[2022]] },
    },
  ],
  null,
  2,
);

const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureError);
    return (e as CaptureError).diagnostic;
  }
  throw new Error('no error');
};

describe('capture --csl', () => {
  const items = parseCsl(ITEMS, 'zotero.json');

  it("matches by DOI in the file's metadata or text, whatever its case", () => {
    expect(
      matchCsl(items, { title: 'Something else' }, 'Text with doi:10.1234/cs.2023.77. More.', 'f.pdf', 'zotero.json')
        .title,
    ).toBe('Ports of the Caspian: A Survey');
  });

  it('matches by URL (scheme, www and a trailing slash aside), then by title folded for case and punctuation', () => {
    expect(matchCsl(items, { url: 'http://example.org/corridor' }, '', 'f.html', 'zotero.json').title).toBe(
      'The corridor after the war',
    );
    expect(matchCsl(items, { title: 'RAIL AND FERRIES — IN 2022' }, '', 'f.docx', 'zotero.json').title).toBe(
      'Rail and ferries in 2022',
    );
  });

  it("gives the item's fields as metadata", () => {
    expect(cslMetadata(items[0]!)).toEqual({
      title: 'Ports of the Caspian: A Survey',
      authors: ['Farid Guliyev'],
      published: '2023-11-02',
      publisher: 'Caspian Studies',
      language: 'en',
      doi: '10.1234/cs.2023.77',
      family: 'Guliyev',
    });
    expect(cslMetadata(items[1]!)).toMatchObject({
      authors: ['Caspian Policy Centre'],
      published: '2024-03',
      publisher: 'CPC',
      family: 'Caspian Policy Centre',
    });
  });

  it('without a match, says so and names the nearest titles (E_CAPTURE_NO_MATCH)', () => {
    const d = err(() => matchCsl(items, { title: 'Ferries of the Caspian' }, '', 'f.pdf', 'zotero.json'));
    expect(d).toMatchObject({ code: 'E_CAPTURE_NO_MATCH', file: 'f.pdf' });
    expect(d.message).toContain('“Ports of the Caspian: A Survey”');
  });

  it('locates a syntax error, and an item of the wrong shape', () => {
    expect(err(() => parseCsl('[\n  {"title": "a"},\n  {"title": "b" "x": 1}\n]', 'bad.json'))).toMatchObject({
      code: 'E_YAML_SYNTAX',
      file: 'bad.json',
      line: 3,
    });
    expect(err(() => parseCsl('[\n  {"title": "a"},\n  {"title": ["b"]}\n]', 'bad.json'))).toMatchObject({
      code: 'E_BAD_TYPE',
      line: 3,
      column: 13,
    });
    expect(err(() => parseCsl('{"items": []}', 'bad.json'))).toMatchObject({ code: 'E_BAD_TYPE', line: 1 });
  });
});
