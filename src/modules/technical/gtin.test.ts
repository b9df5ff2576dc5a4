import { describe, expect, it } from 'vitest';
import { isValidGtin } from './gtin.js';

describe('GTIN check digit', () => {
  it.each([
    ['96385074', 'GTIN-8'],
    ['036000291452', 'GTIN-12 (UPC-A)'],
    ['4006381333931', 'GTIN-13 (EAN-13)'],
    ['5901234123457', 'GTIN-13 (Polish prefix)'],
    ['00012345678905', 'GTIN-14'],
  ])('accepts %s (%s)', (value) => {
    expect(isValidGtin(value)).toBe(true);
  });

  it.each([
    ['4006381333932', 'a wrong check digit'],
    ['96385075', 'a wrong GTIN-8 check digit'],
    ['400638133393', 'a GTIN-13 missing its last digit (valid length, wrong digit)'],
    ['1234567', 'seven digits'],
    ['1234567890', 'ten digits'],
    ['123456789012345', 'fifteen digits'],
    ['40063813339a1', 'a letter'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (value) => {
    expect(isValidGtin(value)).toBe(false);
  });
});
