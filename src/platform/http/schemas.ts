import { z } from 'zod';
import { decimalPlaces, findQuantityProblem, MAX_QUANTITY, QUANTITY_DECIMALS, quantityMessages } from '../decimal.js';
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

// Quantities: one family of schemas over the rules of platform/decimal.ts. Each stays a JSON
// number (the OpenAPI document shows its bounds); services turn it into exact text with
// toDecimalText before PostgreSQL sees it.
export { decimal, decimalPlaces, MAX_QUANTITY } from '../decimal.js';

const quantityNumber = z.number({ message: quantityMessages.notANumber });
const withDecimals = (schema: z.ZodNumber, decimals: number) =>
  schema.refine((value) => decimalPlaces(value) <= decimals, quantityMessages.tooManyDecimals(decimals));

/** A quantity: a positive number with at most 6 decimals, at most 999,999,999.999999. */
export const quantity = withDecimals(quantityNumber.positive(quantityMessages.notPositive).max(MAX_QUANTITY, quantityMessages.tooLarge), QUANTITY_DECIMALS);

/** A quantity that may be 0: a count (an adjust to a counted 0). */
export const countedQuantity = withDecimals(quantityNumber.min(0, quantityMessages.negative).max(MAX_QUANTITY, quantityMessages.tooLarge), QUANTITY_DECIMALS);

/**
 * A quantity written in a query string (`?qty=2.5`): plain decimal text under the rules of
 * `quantity`, its digits counted as written; read as a number. Hex and exponent forms
 * that Number() would take are refused.
 */
export const quantityParam = z
  .string()
  .trim()
  .transform((text, context) => {
    const problem = findQuantityProblem(text, 'positive');
    if (problem) context.addIssue({ code: 'custom', message: problem, input: text });
    return problem ? z.NEVER : Number(text);
  })
  .describe('greater than 0, at most 6 decimals, at most 999999999.999999');

/** A share in percent below 100 (a BOM item's scrap): 0 or more, with at most `decimals` decimals. */
export const percentBelow100 = (decimals: number) =>
  withDecimals(quantityNumber.min(0, quantityMessages.negative).lt(100, 'must be below 100'), decimals);

/** The body of a 204 answer. */
export const noContent = z.null().describe('No content');

/**
 * A calendar date 'YYYY-MM-DD' that exists, from year 1 on (year 0000 fits the ISO pattern
 * but PostgreSQL refuses it).
 */
export const calendarDate = z
  .iso.date('must be a date YYYY-MM-DD')
  .refine((value) => !value.startsWith('0000-'), 'must be a date from year 0001 on');
