import { z } from 'zod';
import { MAX_QUANTITY, QUANTITY_DECIMALS, decimalPlaces } from '../../platform/decimal.js';
import { code, label } from '../../platform/http/schemas.js';

const uuid = z.uuid('must be a UUID');

/** A measured value or limit: any sign (a freezer reads −18 °C), at most 6 decimals. */
const measured = z
  .number({ message: 'must be a number' })
  .min(-MAX_QUANTITY, 'may be at least -999999999.999999')
  .max(MAX_QUANTITY, 'may be at most 999999999.999999')
  .refine((value) => decimalPlaces(value) <= QUANTITY_DECIMALS, `may have at most ${QUANTITY_DECIMALS} decimals`);

export const createCcpBody = z
  .strictObject({
    code,
    name: label,
    hazard: z.string().trim().min(1, 'is required').max(500),
    unit: z.string().trim().min(1, 'is required').max(20),
    min: measured.optional().describe('lower critical limit; a reading below it is a deviation'),
    max: measured.optional().describe('upper critical limit; a reading above it is a deviation'),
    locationId: uuid.optional(),
  })
  .refine((body) => body.min !== undefined || body.max !== undefined, { message: 'a critical control point needs a min or a max limit', path: ['max'] })
  .refine((body) => body.min === undefined || body.max === undefined || body.min <= body.max, { message: 'must not be below min', path: ['max'] });

export const createReadingBody = z.strictObject({
  value: measured,
  takenAt: z.iso.datetime({ message: 'must be an ISO 8601 timestamp', offset: true }).optional().describe('default: now'),
  note: z.string().trim().min(1, 'is required').max(1000).optional(),
});

export const listReadingsQuery = z.strictObject({
  from: z.iso.datetime({ message: 'must be an ISO 8601 timestamp', offset: true }).optional(),
  to: z.iso.datetime({ message: 'must be an ISO 8601 timestamp', offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const ccpSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    hazard: z.string(),
    unit: z.string(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    locationId: z.uuid().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'CriticalControlPoint' });

export const readingSchema = z
  .object({
    id: z.uuid(),
    ccpId: z.uuid(),
    value: z.number(),
    takenAt: z.string(),
    note: z.string().nullable(),
    withinLimits: z.boolean(),
    ncrId: z.uuid().nullable().describe('the deviation NCR a reading outside the limits opened'),
    userId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CcpReading' });

export type CreateCcpInput = z.infer<typeof createCcpBody>;
export type CreateReadingInput = z.infer<typeof createReadingBody>;
export type ListReadingsQuery = z.infer<typeof listReadingsQuery>;
export type Ccp = z.infer<typeof ccpSchema>;
export type Reading = z.infer<typeof readingSchema>;
