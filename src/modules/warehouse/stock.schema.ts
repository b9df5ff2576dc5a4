import { z } from 'zod';
import { quantityParam } from '../../platform/http/schemas.js';
import { licensePlateSchema } from './license-plate.schema.js';

const uuid = z.uuid('must be a UUID');

export const stockQuery = z.strictObject({
  productId: uuid.optional(),
  locationId: uuid.optional(),
  groupBy: z.enum(['product', 'location', 'lot']).default('product'),
});

export const stockLineSchema = z
  .object({
    productId: z.uuid(),
    /** With groupBy=location. */
    locationId: z.uuid().optional(),
    /** With groupBy=lot; expiryDate is the lot's earliest. */
    lot: z.string().optional(),
    expiryDate: z.string().nullable().optional(),
    uom: z.string(),
    qty: z.number(),
    licensePlateCount: z.number().int(),
  })
  .meta({ id: 'StockLine' });

export const stockResponse = z.object({ items: z.array(stockLineSchema), nextCursor: z.null() });

export const fefoQuery = z.strictObject({ productId: uuid, qty: quantityParam });

export const fefoPickSchema = licensePlateSchema.extend({ pickQty: z.number() }).meta({ id: 'FefoPick' });

export const fefoResponse = z
  .object({
    items: z.array(fefoPickSchema),
    nextCursor: z.null(),
    requestedQty: z.number(),
    coveredQty: z.number(),
    shortfallQty: z.number(),
  })
  .meta({ id: 'FefoSuggestion' });

export type StockQuery = z.infer<typeof stockQuery>;
export type StockLine = z.infer<typeof stockLineSchema>;
export type FefoQuery = z.infer<typeof fefoQuery>;
export type FefoResponse = z.infer<typeof fefoResponse>;
