import { describe, expect, it } from '@jest/globals';
import { letterCode, normaliseCode } from '../../libs/surveys/src/invitation-code.js';

describe('letterCode', () => {
  const batch = '6f1c2d3e-0000-4000-8000-000000000001';

  it('derives the same code for the same batch and place, so a batch can be printed again', () => {
    expect(letterCode('s'.repeat(32), batch, 0)).toBe(letterCode('s'.repeat(32), batch, 0));
  });

  it('gives every place, batch and secret its own code, in the letters’ alphabet', () => {
    const codes = new Set(Array.from({ length: 2000 }, (_, i) => letterCode('s'.repeat(32), batch, i)));
    expect(codes.size).toBe(2000);
    expect(letterCode('t'.repeat(32), batch, 0)).not.toBe(letterCode('s'.repeat(32), batch, 0));
    expect(letterCode('s'.repeat(32), batch.replace(/1$/, '2'), 0)).not.toBe(letterCode('s'.repeat(32), batch, 0));
    for (const c of [...codes].slice(0, 50)) {
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(normaliseCode(c)).toBe(c.replace('-', ''));
    }
  });
});
