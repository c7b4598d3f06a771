// serve: pack requests checked at the door: the schema, then the corpus's ids; every problem
// located by a JSON pointer into the body; the bind and token rules.
import { describe, expect, it } from 'vitest';
import { bindProblem, isLoopback, parsePackRequest, type CorpusIds } from '../../../pipeline/serve/index.ts';
import { hostAllowed, parseGrants, tokenMatches } from '../../../pipeline/serve/auth.ts';

const IDS: CorpusIds = {
  audiences: ['analyst', 'executive'],
  reports: ['brief', 'views', 'timeline'],
  packs: new Map([['weekly', ['analyst']]]),
};
const parse = (body: unknown) => parsePackRequest(body, IDS, '2026-02-01');
const problems = (body: unknown) => {
  const r = parse(body);
  return r.ok ? [] : r.problems.map((p) => `${p.pointer} ${p.code}`);
};

describe('pack requests', () => {
  it('takes a good request, with today as its date when it names none', () => {
    expect(parse({ audience: 'analyst', reports: ['views', 'brief'] })).toEqual({
      ok: true,
      value: { audience: 'analyst', reports: ['views', 'brief'], pack: null, date: '2026-02-01' },
    });
    expect(parse({ audience: 'analyst', pack: 'weekly', date: '2024-01-15' })).toMatchObject({
      ok: true,
      value: { pack: 'weekly', date: '2024-01-15' },
    });
  });

  it('refuses anything that could reach a path, where it is', () => {
    for (const bad of ['../etc/passwd', 'brief/..', '..', 'a/b', 'Brief', 'brief ', '', 'a--b', '%2e%2e']) {
      expect(problems({ audience: 'analyst', reports: ['views', bad] }), bad).toEqual(['/reports/1 E_BAD_ID']);
    }
    expect(problems({ audience: '../analyst' })).toEqual(['/audience E_BAD_ID']);
    expect(problems({ audience: 'analyst', pack: '/weekly' })).toEqual(['/pack E_BAD_ID']);
  });

  it('checks ids against the corpus, with the nearest as a hint', () => {
    const r = parse({ audience: 'analist', reports: ['brefi'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.pointer, p.code, p.hint])).toEqual([
      ['/audience', 'E_UNKNOWN_AUDIENCE', 'did you mean "analyst"?'],
      ['/reports/0', 'E_UNKNOWN_REPORT', 'did you mean "brief"?'],
    ]);
    expect(problems({ audience: 'executive', pack: 'weekly' })).toEqual(['/audience E_PACK_AUDIENCE']);
    expect(problems({ audience: 'analyst', pack: 'weekly', reports: ['brief'] })).toEqual(['/reports E_BAD_VALUE']);
  });

  it('says what is wrong with the shape in plain words', () => {
    expect(problems({ audience: 'analyst', date: '2026-02-30' })).toEqual(['/date E_BAD_DATE']);
    expect(problems({ audience: 'analyst', date: '1 Feb 2026' })).toEqual(['/date E_BAD_DATE']);
  });

  it('refuses a date before 1900 or more than a year ahead (each would be a work folder on disk)', () => {
    expect(problems({ audience: 'analyst', date: '0000-01-01' })).toEqual(['/date E_DATE_RANGE']);
    expect(problems({ audience: 'analyst', date: '9999-12-31' })).toEqual(['/date E_DATE_RANGE']);
    expect(problems({ audience: 'analyst', date: '2027-02-02' })).toEqual(['/date E_DATE_RANGE']);
    expect(problems({ audience: 'analyst', date: '2027-02-01' })).toEqual([]);
    expect(problems({ audience: 'analyst', date: '1900-01-01' })).toEqual([]);
    expect(problems({ audience: 'analyst', extra: 1 })).toEqual(['/extra E_UNKNOWN_KEY']);
    expect(problems({})).toEqual(['/audience E_MISSING_FIELD']);
    expect(problems([1, 2])).toEqual(['/ E_BAD_TYPE']);
    expect(problems({ audience: 'analyst', reports: [] })).toEqual(['/reports E_BAD_TYPE']);
    const r = parse({ audience: 7 });
    expect(!r.ok && r.problems[0]!.message).toBe('7 is not a audience id');
  });
});

describe('the door', () => {
  it('binds beyond loopback only with a token long enough', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.2', 'example.org']) expect(isLoopback(host), host).toBe(false);
    expect(bindProblem('127.0.0.1', [])).toBeUndefined();
    expect(bindProblem('0.0.0.0', [])).toContain('without a token');
    expect(parseGrants('short', undefined)).toMatchObject({ problem: expect.stringContaining('shorter than 16') });
    expect(bindProblem('0.0.0.0', [{ token: 'x'.repeat(32), audiences: 'all' }])).toBeUndefined();
  });

  it('compares tokens as bearer headers only', () => {
    const token = 'y'.repeat(32);
    expect(tokenMatches(token, `Bearer ${token}`)).toBe(true);
    expect(tokenMatches(token, `bearer ${token}`)).toBe(true);
    for (const h of [undefined, '', token, `Bearer ${token}y`, `Bearer ${token.slice(1)}`, `Basic ${token}`])
      expect(tokenMatches(token, h), String(h)).toBe(false);
  });

  it('answers only requests addressed to this machine when it has no token', () => {
    for (const h of ['localhost:8080', '127.0.0.1:9', '[::1]:8080', 'localhost']) expect(hostAllowed(h), h).toBe(true);
    for (const h of [undefined, 'attacker.example', 'attacker.example:8080', '10.0.0.1:80'])
      expect(hostAllowed(h), String(h)).toBe(false);
  });
});
