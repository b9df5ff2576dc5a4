import { z } from 'zod';
import { problemSchema } from './problem.js';

export const idParams = z.strictObject({ id: z.uuid('must be a UUID') });

/** The problem+json answers a route may give, for the OpenAPI document. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
} as const;

/** Codes people type: letters, digits and - _ . / ; trimmed. */
export const code = z.string().trim().min(1, 'is required').max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'may contain letters, digits and . _ - / only');
export const label = z.string().trim().min(1, 'is required').max(200);

/**
 * The largest quantity (API.md): 15 significant digits, 9 before the point and 6 after, so that
 * every quantity is exact as a JSON number (a double holds 15 digits; 123456789012.123456 is not).
 */
export const MAX_QUANTITY = 999_999_999.999999;
export const quantityTooLarge = 'may be at most 999999999.999999';

/** A quantity: a positive number with at most 6 decimals, kept as an exact decimal string inside. */
export const quantity = z
  .number({ message: 'must be a number' })
  .positive('must be greater than 0')
  .max(MAX_QUANTITY, quantityTooLarge)
  .refine((value) => decimalPlaces(value) <= 6, 'may have at most 6 decimals');

/**
 * Decimal places of a number as written: the shortest text that reads back as the same
 * number, which is also the text the services hand to PostgreSQL. Multiplying by 10^6
 * instead misjudges large values (139355052.260496 × 10^6 is not a whole float).
 */
export function decimalPlaces(value: number): number {
  const text = String(value);
  if (text.includes('e-')) return Infinity;
  return text.split('.')[1]?.length ?? 0;
}

/** NUMERIC values arrive as strings; the API shows them as JSON numbers. */
export const decimal = (value: string | number | null): number => Number(value);

/** The body of a 204 answer. */
export const noContent = z.null().describe('No content');

/**
 * A calendar date 'YYYY-MM-DD' that exists, from year 1 on (year 0000 fits the ISO pattern
 * but PostgreSQL refuses it).
 */
export const calendarDate = z
  .iso.date('must be a date YYYY-MM-DD')
  .refine((value) => !value.startsWith('0000-'), 'must be a date from year 0001 on');
