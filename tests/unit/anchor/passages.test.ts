// Passages for `brief quote`: always a substring of the text that anchors exact, the sentence (or
// clause) that holds most of the words, never from an excluded part, cut honestly at a page break.
import { describe, expect, it } from 'vitest';
import { findPassages } from '../../../pipeline/anchor/passages.ts';

const TEXT = [
  'Mounting tensions',
  '',
  'Relations have been strained since 2020. However, the drills on the river in October, codenamed Mighty Iran, raised the stakes.¹² Baku answered within weeks.',
  '',
  "Turkey's trade with Iran is surging,",
  '',
  '¹² A footnote entry, https://example.org/a',
  '',
  'in 2023 by an impressive 42%.',
  '',
  'Reader comments',
  '',
  'The drills on the river were a provocation, says a reader.',
  '',
].join('\n');
const comments = { start: TEXT.indexOf('Reader comments'), end: TEXT.length };

describe('findPassages', () => {
  it('gives the sentence that holds the words, exactly as written, without a trailing footnote marker', () => {
    const { passages } = findPassages(TEXT, 'drills river Mighty Iran', { excluded: [comments] });
    const p = passages[0]!;
    expect(p.quote).toBe('However, the drills on the river in October, codenamed Mighty Iran, raised the stakes.');
    expect(TEXT.slice(p.start, p.end)).toBe(p.quote);
    expect(p).toMatchObject({ status: 'exact', line: 3, before: 'Relations have been strained since 2020. ' });
    expect(p.after.startsWith('¹² Baku answered')).toBe(true);
  });
  it('never offers an excluded part (reader comments), however well it matches', () => {
    const { passages } = findPassages(TEXT, 'drills river provocation reader', { excluded: [comments] });
    expect(passages.every((p) => p.end <= comments.start)).toBe(true);
  });
  it('offers the part of a sentence on one side of a page break or footnote block, and says so', () => {
    const { passages } = findPassages(TEXT, 'trade Iran surging', { excluded: [comments] });
    expect(passages[0]).toMatchObject({
      quote: "Turkey's trade with Iran is surging",
      status: 'exact',
      cut: 'page-break',
    });
  });
  it('trims a long sentence to the clauses that hold the words', () => {
    const long = `Before the war, ${'the region saw many things happen, '.repeat(8)}and the ministers signed the ferry agreement in Baku, while others waited for a sign that never came.`;
    const p = findPassages(long, 'ministers signed ferry agreement').passages[0]!;
    expect(p.quote).toBe('and the ministers signed the ferry agreement in Baku');
    expect(p.status).toBe('exact');
  });
  it('finds nothing when fewer than half the words asked stand in one sentence', () => {
    expect(findPassages(TEXT, 'glaciers penguins river').passages).toEqual([]);
  });
});
