import { z } from 'zod';
import { quantity } from '../../platform/http/schemas.js';

export const pickBody = z
  .strictObject({
    licensePlateId: z.uuid('must be a UUID').optional(),
    barcode: z.string().trim().min(1, 'is required').max(200).optional().describe('an LP number as scanned'),
    qty: quantity,
  })
  .superRefine((body, context) => {
    if ((body.licensePlateId === undefined) === (body.barcode === undefined)) {
      context.addIssue({ code: 'custom', path: ['licensePlateId'], message: 'give either licensePlateId or barcode' });
    }
  });

export const pickListLineSchema = z
  .object({
    id: z.uuid(),
    licensePlateId: z.uuid(),
    licensePlateNumber: z.string(),
    locationId: z.uuid(),
    locationCode: z.string(),
    productId: z.uuid(),
    lot: z.string(),
    qty: z.number(),
    pickedQty: z.number(),
  })
  .meta({ id: 'PickListLine' });

export const pickListSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    salesOrderId: z.uuid(),
    status: z.enum(['open', 'done', 'closed']),
    lines: z.array(pickListLineSchema).describe('in walking order: by location code'),
    createdAt: z.string(),
  })
  .meta({ id: 'PickList' });

export const pickResultSchema = pickListSchema
  .extend({ picked: z.object({ licensePlateId: z.uuid(), licensePlateNumber: z.string(), qty: z.number(), substituted: z.boolean() }) })
  .meta({ id: 'PickResult' });

export type PickInput = z.infer<typeof pickBody>;
export type PickList = z.infer<typeof pickListSchema>;
