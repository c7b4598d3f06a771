// The evidence lock's pure logic on small in-memory corpora: making, writing and reading a lock, the
// anchors it vouches for without texts, what makes it stale, and where a lost quote's passage stood.
import { describe, expect, it } from 'vitest';
import { findQuote, prepareText, type Anchoring, type ClaimAnchor } from '../../../pipeline/anchor/index.ts';
import { applyLock, makeLock, type AnchorLock } from '../../../pipeline/anchor/lock.ts';
import {
  compareLock,
  describeChanges,
  hasMoved,
  isStale,
  onlyLocated,
  staleDiagnostic,
} from '../../../pipeline/anchor/lock-compare.ts';
import { lockedPassage, passageNote } from '../../../pipeline/anchor/lock-passage.ts';
import { parseLock, serializeLock } from '../../../pipeline/anchor/lock-format.ts';
import { compactSelector, describeQuote, sha256 } from '../../../pipeline/anchor/selector.ts';
import { locatorAt } from '../../../pipeline/anchor/locator.ts';
import type { Claim, Model, Source } from '../../../pipeline/model/index.ts';

const TEXT =
  'A test article.\n\nThe leaders met in Şuşa on 15 June 2021 and signed a declaration.\nTrade grew by 8% in 2023, according to customs figures.\nObservers called the drills a provocation.\n';
const QUOTES: Record<string, string> = {
  'alpha/meeting': 'The leaders met in Şuşa on 15 June 2021',
  'alpha/trade': 'Trade grew by 8% in 2023',
  'alpha/drills': 'Observers called the drills a provocation.',
};

const at = (file: string, line = 1) => ({ file, line, column: 1 });

/** A model with one source (alpha, text alpha.txt) and the given claims; only what the lock reads. */
function modelOf(quotes: Record<string, string> = QUOTES, textFile = 'alpha.txt'): Model {
  const source = {
    id: 'alpha',
    text: textFile,
    at: at('sources/alpha.md', 2),
    textAt: at('sources/alpha.md', 5),
    exclude: [],
    excludeAt: [],
  } as unknown as Source;
  const claims = new Map(
    Object.entries(quotes).map(([id, quote], i) => [
      id,
      {
        id,
        source: 'alpha',
        quote,
        at: at('claims/alpha.yaml', 3 + 8 * i),
        quoteAt: at('claims/alpha.yaml', 5 + 8 * i),
      } as unknown as Claim,
    ]),
  );
  return { dataDir: '/data', sources: new Map([['alpha', source]]), claims } as unknown as Model;
}

/** What anchorClaims does, for a text in memory (or none). */
function anchoringOf(model: Model, text: string | undefined): Anchoring {
  const anchors = new Map<string, ClaimAnchor>();
  const prepared = text === undefined ? undefined : prepareText(text);
  for (const claim of model.claims.values()) {
    if (!prepared) {
      anchors.set(claim.id, { status: 'no-text' });
      continue;
    }
    const a = findQuote(prepared, claim.quote);
    const locator = a.start === undefined ? undefined : locatorAt(text!, a.start, a.end);
    anchors.set(
      claim.id,
      a.start === undefined
        ? a
        : {
            ...a,
            selector: describeQuote(text!, a.start, a.end!),
            textSha256: sha256(text!),
            via: 'text',
            ...(locator ? { locator } : {}),
          },
    );
  }
  const texts =
    text === undefined
      ? new Map()
      : new Map([['alpha', { file: '/texts/alpha.txt', sha256: sha256(text), excluded: [] }]]);
  return { anchors, texts, diagnostics: [] };
}

const lockFor = (text = TEXT, quotes = QUOTES): AnchorLock => {
  const model = modelOf(quotes);
  return makeLock(model, anchoringOf(model, text));
};

describe('making and writing a lock', () => {
  it('has one entry per verified claim, with quote hash, text, status, offsets and selector', () => {
    const lock = lockFor();
    expect([...lock.claims.keys()]).toEqual(['alpha/drills', 'alpha/meeting', 'alpha/trade']);
    const e = lock.claims.get('alpha/trade')!;
    expect(e).toMatchObject({
      source: 'alpha',
      quoteSha256: sha256(QUOTES['alpha/trade']!),
      text: { file: 'alpha.txt', sha256: sha256(TEXT) },
      status: 'exact',
    });
    expect(TEXT.slice(e.start, e.end)).toBe('Trade grew by 8% in 2023');
    expect(e.selector).toMatchObject({ type: 'TextQuoteSelector', exact: 'Trade grew by 8% in 2023' });
  });

  it('writes JSON with a fixed key order, 2-space indent and entries sorted by claim id, and reads it back', () => {
    const text = serializeLock(lockFor());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "version": 1,');
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['version', 'offsets', 'claims']);
    expect(Object.keys(json.claims)).toEqual(['alpha/drills', 'alpha/meeting', 'alpha/trade']);
    expect(Object.keys(json.claims['alpha/trade'])).toEqual([
      'source',
      'quoteSha256',
      'text',
      'status',
      'start',
      'end',
      'locator',
      'selector',
    ]);
    expect(json.claims['alpha/trade'].locator).toBe('para. 2');
    const back = parseLock('anchors.lock', text);
    expect(back.diagnostics).toEqual([]);
    expect(serializeLock(back.lock!)).toBe(text);
  });

  it('records the locator computed from where the quote stands, whether or not the claim writes one', () => {
    const paged =
      'First page, first line.\n\f\nThe leaders met in Şuşa on 15 June 2021 and signed a declaration.\n\f\nTrade grew by 8% in 2023, according to customs figures.\nObservers called the drills a provocation.\n';
    const lock = lockFor(paged);
    expect(lock.claims.get('alpha/meeting')!.locator).toBe('p. 2');
    expect(lock.claims.get('alpha/trade')!.locator).toBe('p. 3');
  });

  it('reads a lock written before locators were recorded; with the texts at hand it is stale, each claim with a new locator', () => {
    const text = serializeLock(lockFor());
    const old = JSON.parse(text);
    for (const e of Object.values(old.claims) as Record<string, unknown>[]) delete e.locator;
    const back = parseLock('anchors.lock', JSON.stringify(old, null, 2));
    expect(back.diagnostics).toEqual([]);
    const model = modelOf();
    const c = compareLock(model, anchoringOf(model, TEXT), back.lock);
    expect(c.moved.map((m) => m.claim)).toEqual(['alpha/drills', 'alpha/meeting', 'alpha/trade']);
    expect(c.moved.every(onlyLocated)).toBe(true);
    expect(c.moved.some(hasMoved)).toBe(false);
    expect(describeChanges(c)).toBe('3 quotes with a new locator (alpha/drills, alpha/meeting, alpha/trade)');
  });

  it('keeps only the two ends of a span that holds much more than its quote', () => {
    const footnotes = `\n\n${'¹ A long footnote entry that the quote jumps over, with a URL https://example.org/a/very/long/path. '.repeat(4)}\n\n`;
    const span = `Turkey's trade with Iran is surging,${footnotes}in 2023 by an impressive 42%.`;
    const s = compactSelector({ type: 'TextQuoteSelector', exact: span, prefix: 'before ', suffix: ' after' }, 64);
    expect(s).toMatchObject({
      type: 'RangeSelector',
      startSelector: { exact: "Turkey's trade with Iran is surging,", prefix: 'before ' },
      endSelector: { exact: 'in 2023 by an impressive 42%.', suffix: ' after' },
    });
    expect(JSON.stringify(s)).not.toContain('https://');
    const short = { type: 'TextQuoteSelector', exact: 'a quote', prefix: 'p', suffix: 's' } as const;
    expect(compactSelector(short, 7)).toBe(short);
  });
});

describe('reading a malformed lock', () => {
  it('reports invalid JSON as E_LOCK_SYNTAX where the parser stopped', () => {
    const { lock, diagnostics } = parseLock('data/anchors.lock', '{\n  "version": 1,\n  "claims": {,\n}');
    expect(lock).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'E_LOCK_SYNTAX', file: 'data/anchors.lock', line: 3 }]);
  });

  it('reports a wrong shape at the field', () => {
    const json = JSON.parse(serializeLock(lockFor()));
    json.claims['alpha/trade'].status = 'not-found';
    const text = JSON.stringify(json, null, 2);
    const { diagnostics } = parseLock('data/anchors.lock', text);
    const line = text.split('\n').findIndex((l) => l.includes('"not-found"')) + 1;
    expect(diagnostics).toMatchObject([
      { code: 'E_LOCK_SYNTAX', line, message: expect.stringContaining('alpha/trade › status') },
    ]);
    expect(parseLock('x', '[]').diagnostics[0]!.code).toBe('E_LOCK_SYNTAX');
  });
});

describe('applying the lock where a text is missing', () => {
  it('gives the anchors it vouches for the locator it recorded', () => {
    const model = modelOf();
    const anchors = applyLock(model, lockFor(), new Set(['alpha']));
    expect(anchors.get('alpha/trade')).toMatchObject({ status: 'exact', via: 'lock', locator: 'para. 2' });
  });

  it('vouches for a claim whose quote, source and text file are as locked', () => {
    const anchors = applyLock(modelOf(), lockFor(), new Set(['alpha']));
    expect(anchors.get('alpha/trade')).toMatchObject({
      status: 'exact',
      via: 'lock',
      textSha256: sha256(TEXT),
      selector: { exact: 'Trade grew by 8% in 2023' },
    });
    expect(anchors.size).toBe(3);
  });

  it('not for a claim quoted differently since, nor for another text file, nor where the text is at hand', () => {
    const lock = lockFor();
    expect(
      applyLock(modelOf({ ...QUOTES, 'alpha/trade': 'Trade grew by 9% in 2023' }), lock, new Set(['alpha'])).has(
        'alpha/trade',
      ),
    ).toBe(false);
    expect(applyLock(modelOf(QUOTES, 'alpha-v2.txt'), lock, new Set(['alpha'])).size).toBe(0);
    expect(applyLock(modelOf(), lock, new Set()).size).toBe(0);
    expect(applyLock(modelOf(), undefined, new Set(['alpha'])).size).toBe(0);
  });
});

describe('comparing the lock with the texts', () => {
  const compare = (text: string, quotes = QUOTES, lock = lockFor()) => {
    const model = modelOf(quotes);
    return compareLock(model, anchoringOf(model, text), lock);
  };

  it('is current when nothing changed', () => {
    expect(isStale(compare(TEXT))).toBe(false);
  });

  it('names quotes that moved and the text that changed', () => {
    const c = compare(TEXT.replace('A test article.', 'A test article, with a longer first line.'));
    expect(c.moved.map((m) => m.claim)).toEqual(['alpha/drills', 'alpha/meeting', 'alpha/trade']);
    expect(c.moved.every(hasMoved)).toBe(true);
    expect(c.texts).toEqual([{ file: 'alpha.txt', from: sha256(TEXT), to: expect.any(String) }]);
    expect(describeChanges(c)).toBe(
      '3 quotes moved (alpha/drills, alpha/meeting, alpha/trade), text alpha.txt changed',
    );
  });

  it('tells a quote whose surroundings changed from one that moved', () => {
    const c = compare(TEXT.replace(', according', '; according'));
    expect(c.moved.map((m) => [m.claim, hasMoved(m)])).toEqual([['alpha/trade', false]]);
    expect(describeChanges(c)).toContain('1 quote with other text around it (alpha/trade)');
  });

  it('names claims added, re-quoted and removed', () => {
    const quotes = {
      'alpha/meeting': 'The leaders met in Şuşa',
      'alpha/trade': QUOTES['alpha/trade']!,
      'alpha/customs': 'according to customs figures',
    };
    const c = compare(TEXT, quotes);
    expect(c).toMatchObject({
      added: ['alpha/customs'],
      requoted: ['alpha/meeting'],
      removed: ['alpha/drills'],
      moved: [],
      texts: [],
    });
    expect(describeChanges(c)).toBe(
      '1 claim not in the lock (alpha/customs), 1 claim quoted differently since locked (alpha/meeting), 1 entry for a claim that no longer exists (alpha/drills)',
    );
  });

  it('gives W_LOCK_STALE at the one claim concerned, or at the lock; none without texts', () => {
    const model = modelOf();
    const moved = anchoringOf(model, TEXT.replace(', according', '; according'));
    expect(staleDiagnostic(model, moved, lockFor(), 'data/anchors.lock')).toMatchObject({
      code: 'W_LOCK_STALE',
      severity: 'warning',
      file: 'claims/alpha.yaml',
      line: 11,
      hint: expect.stringContaining('brief lock'),
    });
    const shifted = anchoringOf(model, `Preface.\n${TEXT}`);
    expect(staleDiagnostic(model, shifted, lockFor(), 'data/anchors.lock')).toMatchObject({
      file: 'data/anchors.lock',
      line: 1,
      message: expect.stringContaining('3 quotes moved'),
    });
    expect(staleDiagnostic(model, anchoringOf(model, TEXT), undefined, 'data/anchors.lock')).toMatchObject({
      file: 'data/anchors.lock',
      line: 1,
      message: expect.stringContaining('does not exist'),
    });
    expect(staleDiagnostic(model, anchoringOf(model, TEXT), lockFor(), 'data/anchors.lock')).toBeUndefined();
    expect(staleDiagnostic(model, anchoringOf(model, undefined), undefined, 'data/anchors.lock')).toBeUndefined();
  });
});

describe('where a lost quote stood', () => {
  const entry = lockFor().claims.get('alpha/trade')!;

  it('shows what the text now holds between the locked prefix and suffix', () => {
    const text = TEXT.replace('Trade grew by 8% in 2023', 'Trade fell by 3% in 2023');
    expect(lockedPassage(text, entry)).toEqual({ kind: 'between', text: 'Trade fell by 3% in 2023' });
    expect(passageNote(text, entry)).toBe(
      'where the evidence lock had it, between “a declaration.” and “, according to c”, the text now reads “Trade fell by 3% in 2023”',
    );
  });

  it('shows what follows the prefix, or precedes the suffix, when only one is left', () => {
    expect(
      lockedPassage(
        TEXT.replace(
          'Trade grew by 8% in 2023, according to customs',
          'Trade fell sharply last year, said the customs',
        ),
        entry,
      ),
    ).toMatchObject({ kind: 'after-prefix', text: 'Trade fell sharply last year,' });
    expect(
      lockedPassage(TEXT.replace('signed a declaration.\nTrade grew', 'left.\nCommerce fell'), entry),
    ).toMatchObject({ kind: 'before-suffix', text: 'Commerce fell by 8% in 2023' });
  });

  it('says the passage is gone when neither is found', () => {
    const text = 'A wholly different article.\n';
    expect(lockedPassage(text, entry)).toEqual({ kind: 'gone' });
    expect(passageNote(text, entry)).toContain('the passage the evidence lock recorded is gone from the text');
  });
});
