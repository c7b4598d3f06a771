// Anchoring, first form: exact and folded matches, and the altered quotes that must never anchor.
import { describe, expect, it } from 'vitest';
import { findQuote, fold } from '../../../pipeline/anchor/index.ts';

const TEXT = 'Trade grew by 8% in 2023.\nTehran said the drills were “not a threat” to anyone –\nthey were routine.';

describe('findQuote', () => {
  it('finds an exact quote with its offsets in UTF-16 units', () => {
    const a = findQuote(TEXT, 'Trade grew by 8% in 2023');
    expect(a).toEqual({ status: 'exact', start: 0, end: 24 });
  });
  it('folds curly quotes, dashes and line breaks', () => {
    expect(findQuote(TEXT, 'the drills were "not a threat" to anyone - they were routine').status).toBe('normalized');
  });
  it.each([
    ['a changed number', 'Trade grew by 9% in 2023'],
    ['a dropped negation', 'the drills were “a threat” to anyone'],
    ['an added word', 'Trade grew sharply by 8% in 2023'],
    ['another name', 'Baku said the drills were'],
  ])('does not anchor %s', (_, quote) => {
    expect(findQuote(TEXT, quote).status).toBe('not-found');
  });
  it('fold is idempotent', () => {
    expect(fold(fold(TEXT))).toBe(fold(TEXT));
  });
});
