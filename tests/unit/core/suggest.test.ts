import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../../../pipeline/core/suggest.ts';
import { codeFrame } from '../../../pipeline/core/format.ts';

describe('suggest', () => {
  it('measures edit distance', () => {
    expect(editDistance('roubanis-2042', 'roubanis-2024')).toBe(1); // a transposition
    expect(editDistance('roubanis-2041', 'roubanis-2024')).toBe(2);
    expect(nearest('int', ['integer', 'number'])).toBe('integer');
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests the nearest id and nothing for a stranger', () => {
    expect(nearest('roubanis-2042', ['roubanis-2024', 'mammadov-2023'])).toBe('roubanis-2024');
    expect(nearest('zzzzzz', ['roubanis-2024'])).toBeUndefined();
    expect(didYouMean('statment', ['statement', 'quote'], 'x')).toBe('did you mean "statement"?');
  });
  it('draws a code frame with a caret under the column', () => {
    const frame = codeFrame('a: 1\nb: 2\nc: oops\n', 3, 4);
    expect(frame).toContain('> 3 | c: oops');
    expect(frame.split('\n').at(-1)).toBe('    |    ^');
  });
});
