import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { quantity } from '../../platform/http/schemas.js';
import { calendarDate } from '../../platform/http/schemas.js';
import { licensePlateSchema, lot } from './license-plate.schema.js';

const uuid = z.uuid('must be a UUID');
const MAX_PLATES = 1000;

export const createReceiptBody = z
  .strictObject({
    purchaseOrderId: uuid.optional(),
    /** Without an order, who delivered (kept for trace); with one, it must be the order's supplier. */
    supplierId: uuid.optional(),
    locationId: uuid,
    lines: z
      .array(
        z.strictObject({
          productId: uuid,
          poLineId: uuid.optional(),
          qty: quantity,
          lot,
          expiryDate: calendarDate.optional(),
          count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_PLATES).optional(),
        }),
      )
      .min(1, 'needs at least one line')
      .max(200),
  })
  .superRefine((body, context) => {
    body.lines.forEach((line, index) => {
      if (line.poLineId && !body.purchaseOrderId) {
        context.addIssue({ code: 'custom', path: ['lines', index, 'poLineId'], message: 'needs purchaseOrderId' });
      }
    });
    const plates = body.lines.reduce((sum, line) => sum + (line.count ?? 1), 0);
    if (plates > MAX_PLATES) context.addIssue({ code: 'custom', path: ['lines'], message: `at most ${MAX_PLATES} license plates per receipt` });
  });

export const listReceiptsQuery = z.strictObject({ ...pageQuery, purchaseOrderId: uuid.optional(), supplierId: uuid.optional() });

export const receiptLineSchema = z.object({
  id: z.uuid(),
  lineNo: z.number().int(),
  productId: z.uuid(),
  poLineId: z.uuid().nullable(),
  qty: z.number(),
  count: z.number().int(),
  lot: z.string(),
  expiryDate: z.string().nullable(),
});

export const receiptSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    purchaseOrderId: z.uuid().nullable(),
    supplierId: z.uuid().nullable(),
    locationId: z.uuid(),
    lines: z.array(receiptLineSchema),
    licensePlates: z.array(licensePlateSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Receipt' });

export type Receipt = z.infer<typeof receiptSchema>;
export type ReceiptLine = z.infer<typeof receiptLineSchema>;
export type CreateReceiptInput = z.infer<typeof createReceiptBody>;
export type ListReceiptsQuery = z.infer<typeof listReceiptsQuery>;
