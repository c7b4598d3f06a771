import { describe, expect, it } from 'vitest';
import { plural } from '../../../pipeline/core/plural.ts';

describe('plural', () => {
  it('says one thing in the singular, and none or many in the plural', () => {
    expect(plural(1, 'document')).toBe('1 document');
    expect(plural(0, 'document')).toBe('0 documents');
    expect(plural(2, 'source')).toBe('2 sources');
    expect(plural(101, 'event')).toBe('101 events');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(plural(2, 'PDF')).toBe('2 PDFs');
  });
});
