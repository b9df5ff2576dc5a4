import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { calendarDate, quantity } from '../../platform/http/schemas.js';

export const purchaseOrderStatuses = ['draft', 'approved', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];


const uuid = z.uuid('must be a UUID');

export const createPurchaseOrderBody = z.strictObject({
  supplierId: uuid,
  expectedDate: calendarDate.optional(),
  lines: z.array(z.strictObject({ productId: uuid, qty: quantity })).min(1, 'needs at least one line').max(500),
});

export const listPurchaseOrdersQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(purchaseOrderStatuses).optional(),
  supplierId: uuid.optional(),
});

export const purchaseOrderLineSchema = z.object({
  id: z.uuid(),
  lineNo: z.number().int(),
  productId: z.uuid(),
  productCode: z.string().describe("the product's code"),
  productName: z.string().describe("the product's name"),
  qty: z.number(),
  receivedQty: z.number(),
});

export const purchaseOrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    supplierId: z.uuid(),
    status: z.enum(purchaseOrderStatuses),
    expectedDate: z.string().nullable(),
    lines: z.array(purchaseOrderLineSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PurchaseOrder' });

export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;
export type PurchaseOrderLine = z.infer<typeof purchaseOrderLineSchema>;
export type CreatePurchaseOrderInput = z.infer<typeof createPurchaseOrderBody>;
export type ListPurchaseOrdersQuery = z.infer<typeof listPurchaseOrdersQuery>;
