// serve: tokens per audience (BRIEF_TOKENS) beside the one token that opens every audience
// (BRIEF_TOKEN): how they are written, what each opens, and that a token is matched whole.
import { describe, expect, it } from 'vitest';
import { grantFor, mayReach, parseGrants, type Grant } from '../../../pipeline/serve/auth.ts';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const grants = (single: string | undefined, many: string | undefined): Grant[] => {
  const r = parseGrants(single, many);
  if ('problem' in r) throw new Error(r.problem);
  return r.grants;
};

describe('tokens per audience', () => {
  it('gives BRIEF_TOKEN every audience, and each BRIEF_TOKENS token the audiences it names', () => {
    const g = grants(A, `public:${B},analyst+executive:${'c'.repeat(20)},*:${'d'.repeat(16)}`);
    expect(g.map((x) => (x.audiences === 'all' ? 'all' : [...x.audiences].join('+')))).toEqual([
      'all',
      'public',
      'analyst+executive',
      'all',
    ]);
    const pub = grantFor(g, `Bearer ${B}`)!;
    expect(mayReach(pub.audiences, 'public')).toBe(true);
    expect(mayReach(pub.audiences, 'analyst')).toBe(false);
    expect(grantFor(g, `bearer ${'c'.repeat(20)}`)?.audiences).toEqual(new Set(['analyst', 'executive']));
    for (const h of [undefined, '', B, `Bearer ${B}x`, `Bearer ${B.slice(1)}`, `Basic ${B}`, 'Bearer '])
      expect(grantFor(g, h), String(h)).toBeUndefined();
  });

  it('refuses a badly written BRIEF_TOKENS, saying which entry', () => {
    const problem = (many: string) => {
      const r = parseGrants(undefined, many);
      return 'problem' in r ? r.problem : '';
    };
    expect(problem(B)).toContain('entry 1 has no ":"');
    expect(problem(`public:${B},analyst:short`)).toContain('entry 2 (analyst) has a token shorter than 16');
    expect(problem(`Public:${B}`)).toContain('"Public" is not an audience id');
    expect(problem(`public:${B},analyst:${B}`)).toContain('the same token is given twice');
    expect(parseGrants(undefined, '')).toEqual({ grants: [] });
  });
});
