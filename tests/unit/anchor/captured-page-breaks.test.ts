// Anchoring across the page breaks of a captured PDF: a quote may run on over the running foot,
// the page number, the form-feed line and the next page's running head, never over body text.
import { describe, expect, it } from 'vitest';
import { findQuote, prepareText } from '../../../pipeline/anchor/find-quote.ts';
import { runningHeads } from '../../../pipeline/anchor/interruptions.ts';

const page = (n: number, body: string) =>
  `Caspian Review — Spring issue\n\n${body}\n\nBaku Policy Institute, working paper\n${n}`;
const PAGES = [
  page(
    1,
    'The first page opens the argument.\nThe corridor was expected to carry freight from the\nfirst months of operation onward',
  ),
  page(2, 'without interruption, according to the ministry. The second page goes on.\nMore text here.'),
  page(3, 'A third page, so the heads repeat on most pages.'),
].join('\n\f\n');

describe('page breaks in a captured text', () => {
  it('takes the lines repeated beside every form feed for running heads and feet', () => {
    const heads = runningHeads(PAGES.split('\n').map((l) => l.trim() || (l.includes('\f') ? '\f' : '')));
    expect([...heads].sort()).toEqual(['0', 'Baku Policy Institute, working paper', 'Caspian Review — Spring issue']);
  });

  it('anchors a sentence quoted across a page break, over foot, page number, form feed and head', () => {
    const a = findQuote(
      prepareText(PAGES),
      'from the first months of operation onward without interruption, according to the ministry',
    );
    expect(['fuzzy', 'normalized']).toContain(a.status);
    expect(PAGES.slice(a.start, a.end)).toMatch(/^from the\nfirst months[\s\S]*\f[\s\S]*according to the ministry$/);
  });

  it('never jumps a repeated body line that stands away from the page breaks', () => {
    const text = [
      'Executive summary\n\nA first line.\nA second line.\nA third line.\nThe pipeline would carry gas to the\nExecutive summary\nsouthern markets by the end of the decade\nand more.\nAnd more.\nAnd still more.\n\n1',
      'Executive summary\n\nAnother page.\n\n2',
      'Executive summary\n\nA third page.\n\n3',
    ].join('\n\f\n');
    expect(findQuote(prepareText(text), 'carry gas to the southern markets by the end of the decade').status).toBe(
      'not-found',
    );
  });

  it('without form feeds, a line repeated twice is prose', () => {
    const text =
      'Caspian Review\n\nThe corridor was expected to carry freight from the\nCaspian Review\nfirst months onward.';
    expect(findQuote(prepareText(text), 'carry freight from the first months onward').status).toBe('not-found');
  });

  it('finds a heading line captured as Markdown without its "## "', () => {
    const text = '## The corridor after the war\n\nBody text follows here.';
    expect(findQuote(prepareText(text), 'The corridor after the war').status).toBe('exact');
  });

  it('costs one pass over a long text: 1,000 pages of heads, feet and body lines that run on', () => {
    const pages = Array.from({ length: 1000 }, (_, n) =>
      page(n + 1, Array.from({ length: 30 }, (_, i) => `line ${i} of page ${n} runs on with words and`).join('\n')),
    );
    const text = pages.join('\n\f\n');
    const started = process.cpuUsage();
    // Not found: every pass folds the text and weighs jumps from every place the quote could start.
    expect(findQuote(prepareText(text), 'runs on with words and nothing that is there').status).toBe('not-found');
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});
