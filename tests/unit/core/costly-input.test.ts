// Inputs built to make a backtracking regular expression take minutes: one long line of a
// repeated fragment, the worst case for a pattern that rescans the rest of the line from every
// start. Each must finish in well under a second; before the fix the first took 80 s.
import { describe, expect, it } from 'vitest';
import { findQuote, prepareText } from '../../../pipeline/anchor/index.ts';
import { isInterruptionLine } from '../../../pipeline/anchor/interruptions.ts';
import { quoteParts } from '../../../pipeline/anchor/normalize.ts';
import { malformedCitations, matchCitations } from '../../../pipeline/core/citations.ts';
import { splitSections as summarySections } from '../../../pipeline/archive/summary.ts';
import { atxHeading, splitSections } from '../../../pipeline/core/sections.ts';
import { createMarkdown } from '../../../pipeline/render/markdown.ts';

const N = 100_000;
/** CPU time, not wall time: a shared machine's load must not fail the test, only our own work. */
const fast = (what: string, fn: () => unknown) => {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  expect((used.user + used.system) / 1000, what).toBeLessThan(1500);
};

describe('a long line built to backtrack', () => {
  it('a heading with a long run of spaces', () => {
    fast('sections', () => splitSections(`## a${' '.repeat(N)}b${' '.repeat(N)}x#`));
    fast('edition summary', () => summarySections(`## a${' '.repeat(N)}b`));
    fast('heading', () => atxHeading(`## a${' \t'.repeat(N)}#`));
  });
  it('citations left open, and "@" in brackets', () => {
    fast('citations', () => matchCitations('[@'.repeat(N)));
    fast('malformed', () => malformedCitations('[@'.repeat(N)));
    fast('malformed @', () => malformedCitations(`[${'@ '.repeat(N)}`));
  });
  it('a body with spaces before a citation', () => {
    const render = createMarkdown();
    fast('markdown', () => render(`Claim${' '.repeat(N)}x [@a].`, () => 1));
  });
  it('source texts of "<a", "$^{" and "(photo"', () => {
    for (const text of ['<a'.repeat(N), '$^{'.repeat(N), '(photo '.repeat(N / 4), `${' '.repeat(N)}x`]) {
      fast(text.slice(0, 6), () => findQuote(prepareText(text, []), 'a quote that is not in this text'));
      fast(text.slice(0, 6), () => isInterruptionLine(text));
    }
  });
  it('a quote with a long run of spaces', () => {
    fast('parts', () => quoteParts(`${' '.repeat(N)}x`));
  });
});

describe('headings as before', () => {
  it.each([
    ['## Background', 'Background'],
    ['## Background ##', 'Background'],
    ['##\tBackground  #  ', 'Background'],
    ['## C#', 'C#'],
    ['## #', undefined],
    ['##Background', undefined],
    ['### Background', undefined],
    ['##', undefined],
  ])('%j → %j', (line, heading) => {
    expect(atxHeading(line)).toBe(heading);
  });
});
