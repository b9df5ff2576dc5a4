import { z } from 'zod';
import { signatureInput } from '../quality/index.js';

export const recordChangeoverBody = z.strictObject({
  fromWorkOrderId: z.uuid('must be a UUID').optional().describe('the order the line was cleaned after; default: the last one started on the line'),
  note: z.string().trim().min(1, 'is required').max(1000).optional(),
  signature: signatureInput,
});

export const changeoverSchema = z
  .object({
    id: z.uuid(),
    lineId: z.uuid(),
    fromWorkOrderId: z.uuid().nullable(),
    note: z.string().nullable(),
    cleaningVerified: z.boolean(),
    userId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'LineChangeover' });

export type RecordChangeoverInput = z.infer<typeof recordChangeoverBody>;
export type Changeover = z.infer<typeof changeoverSchema>;
