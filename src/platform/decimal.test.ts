import { describe, expect, it } from 'vitest';
import { AppError } from './http/errors.js';
import { decimalPlaces, findQuantityProblem, MAX_QUANTITY, requireQuantityText, toDecimalText, toJsonNumber } from './decimal.js';

/** Exact sum of decimal texts in millionths, as NUMERIC would compute it (no doubles involved). */
const sumInMillionths = (texts: string[]) =>
  texts.reduce((total, text) => {
    const [whole, fraction = ''] = text.replace('-', '').split('.');
    const millionths = BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
    return total + (text.startsWith('-') ? -millionths : millionths);
  }, 0n);

describe('toDecimalText', () => {
  it('hands PostgreSQL the number as written, so ten draws of 0.1 from 1 leave exactly 0', () => {
    expect(toDecimalText(0.1)).toBe('0.1');
    const draws = Array.from({ length: 10 }, () => toDecimalText(-0.1));
    expect(sumInMillionths(['1', ...draws])).toBe(0n);
    // The same in doubles is not 0: the reason quantities never meet JavaScript arithmetic.
    expect(Array.from({ length: 10 }, () => 0.1).reduce((left, right) => left - right, 1)).not.toBe(0);
  });

  it('keeps the largest quantity and the smallest step exactly', () => {
    expect(toDecimalText(999999999.999999)).toBe('999999999.999999');
    expect(toDecimalText(MAX_QUANTITY)).toBe('999999999.999999');
    expect(toDecimalText(0.000001)).toBe('0.000001');
    expect(toDecimalText(139355052.260496)).toBe('139355052.260496');
    expect(toDecimalText(-42.5)).toBe('-42.5');
    expect(toDecimalText(-0)).toBe('0');
  });

  it('takes exact text from the database and writes it plainly', () => {
    expect(toDecimalText('0.100000')).toBe('0.1');
    expect(toDecimalText('-12.500000')).toBe('-12.5');
    expect(toDecimalText('999999999.999999')).toBe('999999999.999999');
  });

  it('refuses what a schema should have refused: 7 decimals, too large, a double that arithmetic made, NaN-ish input', () => {
    const refused = [1e-7, 0.0000001, 1.1234567, 0.1 * 3, 1_000_000_000, Number('999999999999.999999'), -1e12, NaN, Infinity, -Infinity];
    for (const value of refused) expect(() => toDecimalText(value), String(value)).toThrow(RangeError);
    const refusedText = ['', ' ', 'abc', '1e3', '0x10', '1,5', '+1', '.5', '1.', 'NaN', 'Infinity', '0.10000000000000000001', '1000000000'];
    for (const text of refusedText) expect(() => toDecimalText(text), JSON.stringify(text)).toThrow(RangeError);
  });
});

describe('findQuantityProblem', () => {
  it('names the rule a value breaks, in the words of the API', () => {
    expect(findQuantityProblem(1)).toBeNull();
    expect(findQuantityProblem(0)).toBe('must be greater than 0');
    expect(findQuantityProblem(-1)).toBe('must be greater than 0');
    expect(findQuantityProblem(0, 'zero')).toBeNull();
    expect(findQuantityProblem(-0.5, 'zero')).toBe('must be 0 or more');
    expect(findQuantityProblem(-0.5, 'any')).toBeNull();
    expect(findQuantityProblem(1e-7)).toBe('may have at most 6 decimals');
    expect(findQuantityProblem(1_000_000_000)).toBe('may be at most 999999999.999999');
    expect(findQuantityProblem(NaN)).toBe('must be a number');
    expect(findQuantityProblem('ten')).toBe('must be a number');
  });
});

describe('requireQuantityText', () => {
  it('turns a slip past a schema into a 400 naming the field', () => {
    expect(requireQuantityText(2.5, 'qty')).toBe('2.5');
    expect(requireQuantityText('0', 'qty', 'zero')).toBe('0');
    for (const slip of [0, -1, 1e-7, NaN, '1e3', 1_000_000_000]) {
      const error = (() => {
        try {
          requireQuantityText(slip, 'qty');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, String(slip)).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).fields?.[0]?.path).toBe('qty');
    }
  });
});

describe('toJsonNumber', () => {
  it('reads exact NUMERIC text as the JSON number the API shows', () => {
    expect(toJsonNumber('0.100000')).toBe(0.1);
    expect(toJsonNumber('1.000000')).toBe(1);
    expect(toJsonNumber('0.000000')).toBe(0);
    expect(toJsonNumber('999999999.999999')).toBe(999999999.999999);
    expect(toJsonNumber('-3.250000')).toBe(-3.25);
    expect(toJsonNumber(7)).toBe(7);
    expect(toJsonNumber(null)).toBe(0);
  });

  it('refuses text that is no decimal rather than answer NaN', () => {
    for (const text of ['NaN', 'abc', '', '1e3', 'Infinity']) expect(() => toJsonNumber(text), JSON.stringify(text)).toThrow(RangeError);
    expect(() => toJsonNumber(NaN)).toThrow(RangeError);
  });
});

describe('decimalPlaces', () => {
  it('counts decimals as written, also for large values and exponent forms', () => {
    expect(decimalPlaces(1)).toBe(0);
    expect(decimalPlaces(0.000001)).toBe(6);
    expect(decimalPlaces(139355052.260496)).toBe(6);
    expect(decimalPlaces(1e-7)).toBe(Infinity);
  });
});
