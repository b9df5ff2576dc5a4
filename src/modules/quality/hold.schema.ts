import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { lot, reason } from '../warehouse/index.js';
import { signatureInput } from './signatures.schema.js';

const uuid = z.uuid('must be a UUID');
export const holdStatuses = ['open', 'released'] as const;

export const createHoldBody = z.strictObject({
  productId: uuid,
  lot,
  reason,
  includeDerived: z.boolean().optional().describe('also hold every LP made from the lot (forward trace: production, splits, merges) that is not shipped'),
});

export const releaseHoldBody = z.strictObject({ reason, signature: signatureInput });

export const listHoldsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(holdStatuses).optional(),
  productId: uuid.optional(),
  lot: lot.optional(),
});

const holdFields = {
  id: z.uuid(),
  number: z.string(),
  productId: z.uuid(),
  lot: z.string(),
  reason: z.string(),
  includeDerived: z.boolean(),
  status: z.enum(holdStatuses),
  licensePlateCount: z.number().int().describe('LPs the hold covers'),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
  releasedAt: z.string().nullable(),
  releasedBy: z.uuid().nullable(),
  releaseReason: z.string().nullable(),
};

export const holdSummarySchema = z.object(holdFields).meta({ id: 'HoldSummary' });
export const holdSchema = z
  .object({
    ...holdFields,
    licensePlateIds: z.array(z.uuid()).describe('every LP the hold covers (in the plant when it was placed)'),
    releasedLicensePlateIds: z.array(z.uuid()).optional().describe('on a release: the LPs it took off hold (others stay held by another open hold)'),
  })
  .meta({ id: 'Hold' });

export type HoldSummary = z.infer<typeof holdSummarySchema>;
export type Hold = z.infer<typeof holdSchema>;
export type CreateHoldInput = z.infer<typeof createHoldBody>;
export type ReleaseHoldInput = z.infer<typeof releaseHoldBody>;
export type ListHoldsQuery = z.infer<typeof listHoldsQuery>;
