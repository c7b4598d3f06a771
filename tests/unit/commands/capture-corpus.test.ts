// commands/capture: a new source's id, and where a re-captured text now has each locked quote.
import { describe, expect, it } from 'vitest';
import { deriveId, compareRecapture } from '../../../pipeline/commands/capture-corpus.ts';
import { describeQuote, sha256 } from '../../../pipeline/anchor/selector.ts';
import type { AnchorLock, LockEntry } from '../../../pipeline/anchor/lock.ts';

describe('deriveId', () => {
  it("takes the first author's family name, else the publisher, else the file name, and the year", () => {
    expect(deriveId({ authors: ['Leyla Aliyeva'], published: '2024-03-05' }, 'a.pdf', new Set())).toBe('aliyeva-2024');
    expect(deriveId({ authors: ['Doe, Jane'], published: '2024' }, 'a.pdf', new Set())).toBe('doe-2024');
    expect(deriveId({ family: 'Gülüzadə', published: '2021-01' }, 'a.pdf', new Set())).toBe('guluzade-2021');
    expect(deriveId({ publisher: 'Caspian Times Ltd' }, 'a.pdf', new Set())).toBe('caspian-times-ltd');
    expect(deriveId({ authors: ['حمیدرضا عزیزی'] }, 'Report (final).pdf', new Set())).toBe('report-final');
  });

  it('is unique: -2, -3 after an id already taken', () => {
    expect(deriveId({ authors: ['Jane Doe'], published: '2024' }, 'a.pdf', new Set(['doe-2024', 'doe-2024-2']))).toBe(
      'doe-2024-3',
    );
  });
});

describe('compareRecapture', () => {
  const old =
    'Intro.\n\nThe port of Alat opened a terminal.\n\nThe rail link would double its capacity by next year.\n\nVolumes through Aktau fell sharply in winter.\n';
  const entry = (claim: string, quote: string): [string, LockEntry] => {
    const start = old.indexOf(quote);
    return [
      claim,
      {
        source: 's',
        quoteSha256: sha256(quote),
        text: { file: 's.txt', sha256: sha256(old) },
        status: 'exact',
        start,
        end: start + quote.length,
        selector: describeQuote(old, start, start + quote.length),
      },
    ];
  };
  const quotes = new Map([
    ['s/alat', 'The port of Alat opened a terminal'],
    ['s/rail', 'would double its capacity'],
    ['s/aktau', 'Volumes through Aktau fell sharply'],
  ]);
  const lock: AnchorLock = { claims: new Map([...quotes].map(([c, q]) => entry(c, q))) };

  it('says which quotes are unchanged, moved, changed (old → new) and vanished', () => {
    const now =
      'Intro, longer now.\n\nThe port of Alat opened a terminal.\n\nThe rail link would triple its capacity by next year.\n';
    const r = compareRecapture(now, quotes, lock, 's.txt');
    expect(r.moved.map((m) => m.claim)).toEqual(['s/alat']);
    expect(r.changed.map((m) => m.claim)).toEqual(['s/rail']);
    expect(r.changed[0]!.detail).toMatch(/^“would double its capacity” → .*would triple its capacity/);
    expect(r.vanished.map((m) => m.claim)).toEqual(['s/aktau']);
    expect(compareRecapture(old, quotes, lock, 's.txt').unchanged).toHaveLength(3);
  });
});
