import { describe, expect, it } from 'vitest';
import { calendarDate, countedQuantity, percentBelow100, quantity, quantityParam } from './schemas.js';

describe('calendarDate', () => {
  it('takes real dates and refuses impossible ones and year 0000, which PostgreSQL cannot store', () => {
    expect(calendarDate.safeParse('2026-11-25').success).toBe(true);
    expect(calendarDate.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '25.11.2026', '0000-01-01', '2026-11-25T10:00:00Z']) {
      expect(calendarDate.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('quantity', () => {
  it('takes positive numbers with up to 6 decimals', () => {
    for (const good of [1, 0.1, 0.000001, 123456.123456, 139355052.260496]) expect(quantity.safeParse(good).success, String(good)).toBe(true);
    for (const bad of [0, -1, 0.0000001, 1.1234567]) expect(quantity.safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe('countedQuantity', () => {
  it('is a quantity that may be 0', () => {
    for (const good of [0, 0.000001, 999999999.999999]) expect(countedQuantity.safeParse(good).success, String(good)).toBe(true);
    for (const bad of [-0.1, 1e-7, 1_000_000_000, Number.NaN]) expect(countedQuantity.safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe('quantityParam', () => {
  it('reads plain decimal text from a query string as a quantity', () => {
    expect(quantityParam.parse('2.5')).toBe(2.5);
    expect(quantityParam.parse(' 7 ')).toBe(7);
    expect(quantityParam.parse('999999999.999999')).toBe(999999999.999999);
  });

  it('refuses text a quantity in a body would be refused for, and forms only Number() would read', () => {
    const message = (text: string) => quantityParam.safeParse(text).error?.issues[0]?.message;
    expect(message('0')).toBe('must be greater than 0');
    expect(message('-1')).toBe('must be greater than 0');
    expect(message('1.1234567')).toBe('may have at most 6 decimals');
    expect(message('999999999999.999999')).toBe('may be at most 999999999.999999');
    for (const text of ['abc', '', '0x10', '1e3', 'Infinity']) expect(message(text), text).toBe('must be a number');
  });
});

describe('percentBelow100', () => {
  it('takes 0 up to below 100 with the decimals given', () => {
    const scrap = percentBelow100(2);
    for (const good of [0, 2.5, 99.99]) expect(scrap.safeParse(good).success, String(good)).toBe(true);
    for (const bad of [-1, 100, 1.234]) expect(scrap.safeParse(bad).success, String(bad)).toBe(false);
  });
});
