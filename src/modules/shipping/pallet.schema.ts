import { z } from 'zod';

const uuid = z.uuid('must be a UUID');

export const createPalletBody = z.strictObject({ salesOrderId: uuid });
export const addPalletItemBody = z.strictObject({ licensePlateId: uuid });
export const byOrderQuery = z.strictObject({ salesOrderId: uuid });
export const labelQuery = z.strictObject({ format: z.enum(['zpl', 'svg', 'pdf']).default('zpl') });

export const palletItemSchema = z.object({
  licensePlateId: z.uuid(),
  licensePlateNumber: z.string(),
  productId: z.uuid(),
  lot: z.string(),
  expiryDate: z.string().nullable(),
  qty: z.number(),
  uom: z.string(),
});

export const palletSchema = z
  .object({
    id: z.uuid(),
    sscc: z.string().describe('SSCC-18: extension digit, GS1 company prefix, serial, check digit'),
    salesOrderId: z.uuid(),
    items: z.array(palletItemSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Pallet' });

export type Pallet = z.infer<typeof palletSchema>;
export type LabelQuery = z.infer<typeof labelQuery>;
