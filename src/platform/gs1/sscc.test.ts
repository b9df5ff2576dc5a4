import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit } from './check-digit.js';
import { makeSscc } from './sscc.js';

describe('makeSscc', () => {
  it('writes the GS1 example SSCC from its parts', () => {
    expect(makeSscc({ extensionDigit: 1, companyPrefix: '0614141', serial: 123456789 })).toBe('106141411234567897');
  });

  it('pads the serial to fill 17 digits before the check digit', () => {
    const sscc = makeSscc({ extensionDigit: 3, companyPrefix: '5901234', serial: 42 });
    expect(sscc).toBe('359012340000000421');
    expect(sscc).toHaveLength(18);
    expect(hasValidCheckDigit(sscc)).toBe(true);
  });

  it('leaves a shorter serial to a longer company prefix', () => {
    expect(makeSscc({ extensionDigit: 0, companyPrefix: '5901234567', serial: 999999n })).toMatch(/^05901234567999999\d$/);
    expect(() => makeSscc({ extensionDigit: 0, companyPrefix: '5901234567', serial: 1_000_000 })).toThrow(RangeError);
    expect(() => makeSscc({ extensionDigit: 0, companyPrefix: '5901234', serial: 1_000_000_000n })).toThrow(/0 to 999999999/);
  });

  it('refuses parts that do not fit', () => {
    expect(() => makeSscc({ extensionDigit: 10, companyPrefix: '5901234', serial: 1 })).toThrow(RangeError);
    expect(() => makeSscc({ extensionDigit: 1, companyPrefix: '590123', serial: 1 })).toThrow(/7 to 10 digits/);
    expect(() => makeSscc({ extensionDigit: 1, companyPrefix: '59012345678', serial: 1 })).toThrow(RangeError);
    expect(() => makeSscc({ extensionDigit: 1, companyPrefix: '5901234', serial: -1 })).toThrow(RangeError);
    expect(() => makeSscc({ extensionDigit: 1, companyPrefix: '5901234', serial: 1.5 })).toThrow(RangeError);
  });
});
