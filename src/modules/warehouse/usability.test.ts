import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { assertUsable, todayIn, usabilityProblems } from './usability.js';

const lp = { number: 'LP00000007', status: 'available' as const, qaStatus: 'released' as const, expiryDate: '2026-06-15' };

describe('the usability rule', () => {
  it('lets available, released stock through up to and including its expiry date, or without one', () => {
    expect(usabilityProblems(lp, '2026-06-15')).toEqual([]);
    expect(usabilityProblems({ ...lp, expiryDate: null }, '2099-01-01')).toEqual([]);
  });

  it('names each condition that fails', () => {
    expect(usabilityProblems(lp, '2026-06-16')).toEqual(['expired on 2026-06-15']);
    expect(usabilityProblems({ ...lp, status: 'consumed', qaStatus: 'hold' }, '2026-06-16')).toEqual([
      'status is consumed, not available',
      'QA status is hold, not released',
      'expired on 2026-06-15',
    ]);
  });

  it('throws a 409 naming the LP and the field', () => {
    let error: unknown;
    try {
      assertUsable({ ...lp, qaStatus: 'pending' }, '2026-01-01', 'lines.2.licensePlateId');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, message: 'license plate LP00000007 is not usable: QA status is pending, not released' });
    expect((error as AppError).fields).toMatchObject([{ path: 'lines.2.licensePlateId', message: 'QA status is pending, not released' }]);
  });
});

describe('todayIn', () => {
  it('gives the calendar date in the time zone, not in UTC', () => {
    const instant = new Date('2026-03-01T12:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2026-03-02');
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-03-01T05:00:00Z'))).toBe('2026-02-28');
    expect(todayIn('Europe/Warsaw', new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
