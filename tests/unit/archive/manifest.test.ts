// archive: edition ids and the manifest's shape: a stray huge revision and a manifest of another
// shape are read plainly, never as a Number in exponent form or a crash.
import { describe, expect, it } from 'vitest';
import { nextEditionId, parseEditionId, parseManifest } from '../../../pipeline/archive/manifest.ts';

describe('edition ids', () => {
  it('a stray huge revision gives the next id one more, not 1e+22', () => {
    const next = nextEditionId('2026-02-01', ['2026-02-01', '2026-02-01.9999999999999999999999']);
    expect(next).toBe('2026-02-01.10000000000000000000000');
    expect(parseEditionId(next)).toEqual({ date: '2026-02-01', revision: 10000000000000000000000n });
    expect(nextEditionId('2026-02-01', ['2026-02-01', '2026-02-01.2', '2026-01-31.7'])).toBe('2026-02-01.3');
    expect(nextEditionId('2026-02-01', ['2026-01-31'])).toBe('2026-02-01');
  });
});

describe('a manifest of the wrong shape', () => {
  it('is a problem in words, where it is wrong', () => {
    for (const text of ['{}', '{"format": 1, "outputs": "x"}', 'null', '[]', 'not json']) {
      const parsed = parseManifest(Buffer.from(text));
      expect('problem' in parsed, text).toBe(true);
    }
    expect(parseManifest(Buffer.from('not json'))).toEqual({ problem: 'the manifest is not valid JSON' });
    expect((parseManifest(Buffer.from('{}')) as { problem: string }).problem).toMatch(
      /^the manifest is not in the shape brief edition writes: at format, /,
    );
  });
});
