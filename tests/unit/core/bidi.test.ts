import { describe, expect, it } from 'vitest';
import { balanceBidi, isolateBidi } from '../../../pipeline/core/bidi.ts';

const LRI = '\u2066',
  PDI = '\u2069',
  RLO = '\u202E',
  PDF = '\u202C',
  RLI = '\u2067';

describe('corpus text kept from turning its neighbours round', () => {
  it('leaves text without right-to-left letters or controls as it is', () => {
    expect(isolateBidi('Baku, 2023: “not a threat”')).toBe('Baku, 2023: “not a threat”');
  });
  it('isolates right-to-left letters', () => {
    expect(isolateBidi('تهران')).toBe(`${LRI}تهران${PDI}`);
  });
  it('closes an override the string left open, inside its isolate', () => {
    expect(isolateBidi(`evil${RLO}txet`)).toBe(`${LRI}evil${RLO}txet${PDF}${PDI}`);
  });
  it('drops a pop that would close the isolate around it early', () => {
    expect(isolateBidi(`a${PDI}${RLO}b`)).toBe(`${LRI}a${RLO}b${PDF}${PDI}`);
    expect(balanceBidi(`${PDF}a`)).toBe('a');
  });
  it('keeps balanced controls, and closes nested ones in order', () => {
    expect(balanceBidi(`${RLI}a${PDI}`)).toBe(`${RLI}a${PDI}`);
    expect(balanceBidi(`${RLI}a${RLO}b`)).toBe(`${RLI}a${RLO}b${PDF}${PDI}`);
    // A PDI closes the override opened inside its isolate.
    expect(balanceBidi(`${RLI}${RLO}a${PDI}b`)).toBe(`${RLI}${RLO}a${PDI}b`);
  });
});
