// Locators computed from where a quote stands: pages of a paged capture, else the heading and
// paragraph; furniture and title lines not counted; never a heading the text does not show.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isTitleLike,
  locate,
  locatorAt,
  pageAt,
  textLocations,
  writtenPages,
} from '../../../pipeline/anchor/locator.ts';

const at = (text: string, snippet: string) => {
  const i = text.indexOf(snippet);
  if (i < 0) throw new Error(`not in the text: ${snippet}`);
  return i;
};

describe('a paged text (form feed lines between pages)', () => {
  const text =
    'Title page.\n\f\nThe first paragraph of page two.\n\nA sentence that runs\n\f\non to page three.\n\f\nPage four.\n';
  it('gives the page an offset stands on', () => {
    expect(locatorAt(text, at(text, 'Title'))).toBe('p. 1');
    expect(locatorAt(text, at(text, 'The first paragraph'))).toBe('p. 2');
    expect(locatorAt(text, at(text, 'Page four'))).toBe('p. 4');
  });
  it('gives "pp." with an en dash for a span across pages', () => {
    const start = at(text, 'A sentence');
    const end = at(text, 'page three.') + 'page three.'.length;
    expect(locatorAt(text, start, end)).toBe('pp. 2–3');
  });
  it('keeps a span that ends just before a page break on its page', () => {
    const start = at(text, 'The first');
    expect(locatorAt(text, start, at(text, 'A sentence that runs') + 'A sentence that runs'.length)).toBe('p. 2');
  });
  it('counts the pages once per text', () => {
    const where = textLocations(text);
    expect(where.breaks).toHaveLength(3);
    expect(pageAt(where, text.length - 1)).toBe(4);
    expect(pageAt(textLocations('no pages'), 2)).toBeUndefined();
  });
});

describe('a Markdown capture (ATX headings)', () => {
  const text = [
    '# The Title of the Paper',
    '',
    '**An Author**',
    '',
    '## **Abstract**',
    '',
    'First abstract paragraph.',
    '',
    'Second abstract paragraph.',
    '',
    '### 1\\. Method',
    '',
    'Only paragraph of the method.',
    '',
    'Short Title Line',
    '',
    'Another paragraph.',
  ].join('\n');
  it('names the nearest heading before, without its markup, and the paragraph within it', () => {
    expect(locatorAt(text, at(text, 'Second abstract'))).toBe('“Abstract”, para. 2');
    expect(locatorAt(text, at(text, 'Only paragraph'))).toBe('“1. Method”, para. 1');
  });
  it('takes no plain line for a heading when the text has Markdown headings', () => {
    expect(locatorAt(text, at(text, 'Short Title Line'))).toBe('“1. Method”, para. 2');
    expect(locatorAt(text, at(text, 'Another paragraph'))).toMatch(/^“1\. Method”, para\. \d$/);
  });
  it('counts a paragraph cut by a page break (no stop before the blank line) once', () => {
    const cut = '## Section\n\nThe war changed the balance of\n\npower in the region.\n\nA new paragraph.';
    expect(locatorAt(cut, at(cut, 'power in the region'))).toBe('“Section”, para. 1');
    expect(locatorAt(cut, at(cut, 'A new paragraph'))).toBe('“Section”, para. 2');
  });
  it('clips a long heading at a word, with an ellipsis', () => {
    const long = `## ${'Consequences for the geopolitical position of a country '.repeat(3)}\n\nText here.`;
    const loc = locatorAt(long, at(long, 'Text here'))!;
    expect(loc).toMatch(/^“Consequences for the geopolitical .*…”, para\. 1$/);
    expect(loc.length).toBeLessThan(90);
  });
});

describe('a plain capture (title-like lines between blank lines)', () => {
  const text = [
    'Feature Article May 30, 2024',
    '',
    'The Title of the Article',
    '',
    'Jane Author',
    '',
    'The first paragraph, before any heading.',
    '',
    'The second paragraph is long enough not to be taken for a heading of any kind at all, and it ends mid',
    '',
    '¹ A footnote entry, https://example.org/a',
    '² Another footnote entry.',
    '',
    'sentence after the footnote block.',
    '',
    'The third paragraph.',
    '',
    'Meeting Turkey in the Middle',
    '',
    'One under the heading.',
    '',
    '12',
    '',
    'Two under the heading.',
    '',
    'IRGC soldiers on the river. (Photo via Wikicommons)',
    '',
    'Three under the heading, which is long enough not to be taken for a heading of any kind, is cut by a caption',
    '',
    'Short Caption Line',
    '',
    'and carried on.',
  ].join('\n');
  it('counts paragraphs from the top when no heading precedes; title, subtitle and byline are not paragraphs', () => {
    expect(locatorAt(text, at(text, 'The first paragraph'))).toBe('para. 1');
    expect(locatorAt(text, at(text, 'The third paragraph'))).toBe('para. 3');
  });
  it('does not count a block that carries on a sentence a footnote block cut', () => {
    expect(locatorAt(text, at(text, 'sentence after the footnote'))).toBe('para. 2');
  });
  it('names a short title-like line standing alone as the section', () => {
    expect(locatorAt(text, at(text, 'One under'))).toBe('“Meeting Turkey in the Middle”, para. 1');
  });
  it('does not count page numbers or captions', () => {
    expect(locatorAt(text, at(text, 'Two under'))).toBe('“Meeting Turkey in the Middle”, para. 2');
    expect(locatorAt(text, at(text, 'Three under'))).toBe('“Meeting Turkey in the Middle”, para. 3');
  });
  it('takes no line that cuts a sentence for a heading', () => {
    expect(locatorAt(text, at(text, 'and carried on'))).toBe('“Meeting Turkey in the Middle”, para. 3');
  });
  it('says nothing for a footnote block before any paragraph is counted, rather than a wrong number', () => {
    const notes = 'Title Line\n\n¹ A note, https://example.org\n\nThe paragraph.';
    expect(locatorAt(notes, at(notes, 'A note'))).toBeUndefined();
  });
  it('does not count a pull quote the text prints again', () => {
    const pulled =
      'First paragraph, in which the author says that the talks went well for both sides.\n\nthe talks went well for both sides\n\nSecond paragraph.';
    expect(locatorAt(pulled, at(pulled, 'Second'))).toBe('para. 2');
  });
  it('has one paragraph a line when the text has no blank line at all', () => {
    const lines = 'First paragraph on its own line.\nSecond paragraph.\nThird paragraph.';
    expect(locatorAt(lines, at(lines, 'Third'))).toBe('para. 3');
  });
});

describe('title-like lines and written page locators', () => {
  it('tells a heading from a sentence, a note, a reference or a time stamp', () => {
    expect(isTitleLike('Meeting Russia on the Margins')).toBe(true);
    expect(isTitleLike('2. The exercise cycle')).toBe(true);
    expect(isTitleLike('Iran fears is a secessionist threat amid a socioeconomic crisis.⁴⁶')).toBe(false);
    expect(isTitleLike('Table Trevelyan, "Armenia: disenchantment with the CSTO, in the')).toBe(false);
    expect(isTitleLike('27 March 2023 - 22:10')).toBe(false);
    expect(isTitleLike('lower-case start of a line')).toBe(false);
    expect(isTitleLike('12')).toBe(false);
    expect(isTitleLike('x'.repeat(95))).toBe(false);
  });
  it('reads the pages a written locator names', () => {
    expect(writtenPages('p. 7')).toEqual({ from: 7, to: 7 });
    expect(writtenPages('page 7')).toEqual({ from: 7, to: 7 });
    expect(writtenPages('pp. 7–8')).toEqual({ from: 7, to: 8 });
    expect(writtenPages('pp. 7-8')).toEqual({ from: 7, to: 8 });
    expect(writtenPages('“Meeting Turkey in the Middle”, para. 3')).toBeUndefined();
    expect(writtenPages('section 2, paragraph 4')).toBeUndefined();
  });
});

// The five real captures of the sample corpus, when they are at hand: every locator is one of the
// shapes above, and a few checked by reading the text.
const TEXTS = [process.env.BRIEF_TEXTS, path.resolve(__dirname, '../../../../shared/sources')]
  .filter((d): d is string => Boolean(d))
  .find((d) => existsSync(d));
describe.skipIf(!TEXTS)('the sample captures', () => {
  const read = (name: string) =>
    readFileSync(path.join(TEXTS!, readdirSync(TEXTS!).find((f) => f.startsWith(name))!), 'utf8');
  it('finds the sections the articles have', () => {
    const roubanis = read('001_');
    const where = textLocations(roubanis);
    expect(locate(where, at(roubanis, 'Similarly, Washington cannot draw a wedge'))).toBe(
      '“Meeting Turkey in the Middle”, para. 1',
    );
    expect(locate(where, at(roubanis, "Iran's engagement in the South Caucasus needs"))).toBe('para. 1');
    const topchubashov = read('004_');
    expect(locatorAt(topchubashov, at(topchubashov, 'During the military drills in October'))).toBe(
      '“Mounting tensions”, para. 2',
    );
    const mammadov = read('003_');
    // One paragraph a line; the pull quotes on lines 5 and 9, printed again in the body, are not.
    expect(locatorAt(mammadov, at(mammadov, 'In May, Russia and Iran signed'))).toBe('para. 6');
    expect(locatorAt(mammadov, at(mammadov, 'Whether this normalisation drive'))).toBe('para. 8');
    const alizadeh = read('000_');
    expect(locatorAt(alizadeh, at(alizadeh, 'Employing a qualitative methodology'))).toBe('“Abstract”, para. 2');
  });
});
