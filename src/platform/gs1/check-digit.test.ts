import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';

describe('the GS1 mod-10 check digit', () => {
  it.each([
    ['GTIN-13', '400638133393', '1'],
    ['GTIN-14', '0400638133393', '1'],
    ['GTIN-12', '03600029145', '2'],
    ['GTIN-8', '9638507', '4'],
    ['SSCC-18 (GS1 General Specifications example)', '10614141123456789', '7'],
    ['SSCC-18 with extension 0', '00614141123456789', '0'],
  ])('completes a %s', (_name, data, check) => {
    expect(gs1CheckDigit(data)).toBe(check);
    expect(hasValidCheckDigit(data + check)).toBe(true);
  });

  it('refuses a number whose last digit is not its check digit', () => {
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
    expect(hasValidCheckDigit('106141411234567890')).toBe(false);
  });

  it('catches every single-digit error and adjacent swap of unequal digits a GTIN-13 can have', () => {
    const valid = '4006381333931';
    for (let at = 0; at < valid.length; at++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === valid[at]) continue;
        expect(hasValidCheckDigit(valid.slice(0, at) + digit + valid.slice(at + 1))).toBe(false);
      }
    }
    expect(hasValidCheckDigit('4006383133931')).toBe(false);
  });

  it('refuses what is not digits', () => {
    expect(() => gs1CheckDigit('40063A')).toThrow(RangeError);
    expect(hasValidCheckDigit('40063A1')).toBe(false);
    expect(hasValidCheckDigit('7')).toBe(false);
  });
});
