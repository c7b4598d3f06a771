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
  it('windows a long line around the column, so the caret stays under the character it points at', () => {
    const line = `${'word '.repeat(100)}TARGET and more ${'tail '.repeat(40)}`;
    const column = line.indexOf('TARGET') + 1;
    const frame = codeFrame(`first\n${line}\n`, 2, column).split('\n');
    const shown = frame.at(-2)!;
    const caret = frame.at(-1)!.indexOf('^');
    expect(shown.slice(caret, caret + 6)).toBe('TARGET');
    expect(shown).toMatch(/\| …word/);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(140);
    // A short line is shown whole.
    expect(codeFrame('x: 1\n', 1, 4)).toBe('> 1 | x: 1\n    |    ^');
  });
});
