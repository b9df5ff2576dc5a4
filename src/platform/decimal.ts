// Quantities cross two number systems: the API speaks JSON numbers (doubles), PostgreSQL
// computes in exact NUMERIC. A double holds 15 significant digits exactly, so a quantity of at
// most 9 digits before the point and 6 after is the same value in both, as long as it crosses
// as text and never through arithmetic in JavaScript. These are the only two crossings.

import { AppError } from './http/errors.js';

/** The largest quantity the API takes (API.md): 9 digits before the point, 6 after. */
export const MAX_QUANTITY = 999_999_999.999999;
/** Decimals a quantity may have; the NUMERIC columns keep exactly these. */
export const QUANTITY_DECIMALS = 6;

/** The rules' wording, shared by the request schemas and the services' guard. */
export const quantityMessages = {
  notANumber: 'must be a number',
  notPositive: 'must be greater than 0',
  negative: 'must be 0 or more',
  tooLarge: 'may be at most 999999999.999999',
  tooManyDecimals: (decimals: number) => `may have at most ${decimals} decimals`,
} as const;

/** Plain decimal text: an optional minus, digits, and an optional fraction; no exponent, no spaces. */
const decimalTextPattern = /^-?\d+(\.\d+)?$/;

/**
 * Decimal places of a number as written: the shortest text that reads back as the same
 * number, which is also the text PostgreSQL receives. Multiplying by 10^6 instead misjudges
 * large values (139355052.260496 × 10^6 is not a whole float). Exponent forms (1e-7) are
 * below the smallest quantity and count as too many.
 */
export function decimalPlaces(value: number): number {
  const text = String(value);
  if (text.includes('e-')) return Infinity;
  return text.split('.')[1]?.length ?? 0;
}

/** How low a quantity may go: above 0, 0 or more, or any sign (a ledger's change). */
export type QuantityFloor = 'positive' | 'zero' | 'any';

/**
 * Why `value` is not a quantity, or null when it is: a finite number (or plain decimal text)
 * of at most 6 decimals, at most MAX_QUANTITY in size, and not below `least`.
 */
export function findQuantityProblem(value: number | string, least: QuantityFloor = 'positive'): string | null {
  const checked = checkQuantity(value, least);
  return checked.ok ? null : checked.problem;
}

/**
 * A validated quantity as the exact decimal text PostgreSQL receives: 0.1 becomes '0.1',
 * never 0.1000000000000000055…, so ten draws of 0.1 from 1 leave exactly 0 in NUMERIC.
 * Either sign passes (a ledger's change); anything that is no finite number of at most
 * 6 decimals within ±MAX_QUANTITY throws a RangeError, since a schema should have refused it.
 */
export function toDecimalText(value: number | string): string {
  const checked = checkQuantity(value, 'any');
  if (!checked.ok) throw new RangeError(`${String(value)} is no quantity: ${checked.problem}`);
  // Within these bounds the shortest round-trip text of a double has no exponent; String(-0) is '0'.
  return String(checked.number);
}

/**
 * For a service that takes a quantity from another module (already validated by that
 * module's schema): its decimal text, or a 400 naming `path` should a slip get through.
 */
export function requireQuantityText(value: number | string, path: string, least: 'positive' | 'zero' = 'positive'): string {
  const problem = findQuantityProblem(value, least);
  if (problem) throw new AppError('VALIDATION', `${path} ${problem}`, [{ path, message: problem }]);
  return toDecimalText(value);
}

/**
 * An exact NUMERIC value (text from the driver) as the API's JSON number: '0.100000' → 0.1.
 * Numbers pass through and null reads as 0 (an empty sum), as before; text that is no plain
 * decimal throws, so a wrong column never leaves as NaN.
 */
export function toJsonNumber(value: string | number | null): number {
  if (value === null) return 0;
  const number = typeof value === 'string' ? textToNumber(value) : value;
  if (number === null || !Number.isFinite(number)) throw new RangeError(`${String(value)} is not a decimal number`);
  return number;
}

/** NUMERIC values arrive as strings; the API shows them as JSON numbers (the name the queries files use). */
export const decimal = toJsonNumber;

function textToNumber(text: string): number | null {
  return decimalTextPattern.test(text) ? Number(text) : null;
}

function checkQuantity(value: number | string, least: QuantityFloor): { ok: true; number: number } | { ok: false; problem: string } {
  const read = readQuantity(value);
  const refuse = (problem: string) => ({ ok: false as const, problem });
  if (!read) return refuse(quantityMessages.notANumber);
  if (least === 'positive' && !(read.number > 0)) return refuse(quantityMessages.notPositive);
  if (least === 'zero' && read.number < 0) return refuse(quantityMessages.negative);
  if (Math.abs(read.number) > MAX_QUANTITY) return refuse(quantityMessages.tooLarge);
  if (read.decimals > QUANTITY_DECIMALS) return refuse(quantityMessages.tooManyDecimals(QUANTITY_DECIMALS));
  return { ok: true, number: read.number };
}

/**
 * A quantity's value and its decimals. Text counts its own digits (trailing zeros aside),
 * so '0.10000000000000000001' is refused rather than read as 0.1.
 */
function readQuantity(value: number | string): { number: number; decimals: number } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? { number: value, decimals: decimalPlaces(value) } : null;
  const number = textToNumber(value);
  if (number === null) return null;
  const fraction = value.split('.')[1] ?? '';
  return { number, decimals: fraction.replace(/0+$/, '').length };
}
