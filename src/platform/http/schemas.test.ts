import { describe, expect, it } from 'vitest';
import { calendarDate, quantity } from './schemas.js';

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
