// GS1 dates are YYMMDD (General Specifications 7.12): the century is the one that puts the
// year within 49 years ahead or 50 behind today, and day 00 means the month's last day.

import { Gs1Error } from './gs1-error.js';

const pad2 = (value: number) => String(value).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The full year for a two-digit GS1 year, judged from `today`'s year. */
export function gs1Year(twoDigits: number, today: Date): number {
  const currentYear = today.getUTCFullYear();
  const century = Math.floor(currentYear / 100) * 100;
  const difference = twoDigits - (currentYear % 100);
  if (difference >= 51) return century - 100 + twoDigits;
  if (difference <= -50) return century + 100 + twoDigits;
  return century + twoDigits;
}

/** `YYMMDD` as `YYYY-MM-DD`; a Gs1Error naming `ai` when it is no date. */
export function readGs1Date(ai: string, value: string, today: Date): string {
  if (!/^\d{6}$/.test(value)) throw new Gs1Error(ai, `(${ai}) must be a date YYMMDD`);
  const year = gs1Year(Number(value.slice(0, 2)), today);
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) throw new Gs1Error(ai, `(${ai}) has no month ${value.slice(2, 4)}`);
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) throw new Gs1Error(ai, `(${ai}) has no day ${value.slice(4, 6)} in ${year}-${pad2(month)}`);
  return `${year}-${pad2(month)}-${pad2(day === 0 ? lastDay : day)}`;
}

/** `YYYY-MM-DD` as the GS1 `YYMMDD` a label carries. */
export function writeGs1Date(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`${isoDate} is not a date YYYY-MM-DD`);
  return `${match[1]!.slice(2)}${match[2]}${match[3]}`;
}
