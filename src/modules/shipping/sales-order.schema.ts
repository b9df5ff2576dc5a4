import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { calendarDate, quantity } from '../../platform/http/schemas.js';
import { shipmentSchema } from './shipment.schema.js';
import { salesOrderStatuses } from './tables.js';

const uuid = z.uuid('must be a UUID');

export const createSalesOrderBody = z
  .strictObject({
    customerId: uuid,
    requestedDate: calendarDate.optional(),
    lines: z.array(z.strictObject({ productId: uuid, qty: quantity })).min(1, 'needs at least one line').max(500),
  })
  .superRefine((body, context) => {
    // One line per product: the allocation, the picks and the backorder are the product's.
    const seen = new Set<string>();
    body.lines.forEach((line, index) => {
      if (seen.has(line.productId)) context.addIssue({ code: 'custom', path: ['lines', index, 'productId'], message: 'is ordered on another line already' });
      seen.add(line.productId);
    });
  });

export const listSalesOrdersQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(salesOrderStatuses).optional(),
  customerId: uuid.optional(),
});

export const shipSalesOrderBody = z.strictObject({ shipDate: calendarDate.optional() }).nullish();

export const salesOrderLineSchema = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    productId: z.uuid(),
    productCode: z.string().describe("the product's code"),
    productName: z.string().describe("the product's name"),
    qty: z.number(),
    allocatedQty: z.number().describe('reserved or already shipped'),
    pickedQty: z.number().describe('picked, shipped included'),
    shippedQty: z.number(),
    backorderQty: z.number().describe('ordered but not shipped yet'),
  })
  .meta({ id: 'SalesOrderLine' });

export const allocationSchema = z.object({ lineId: z.uuid(), licensePlateId: z.uuid(), qty: z.number() }).meta({ id: 'Allocation' });

export const salesOrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    customerId: z.uuid(),
    requestedDate: z.string().nullable(),
    status: z.enum(salesOrderStatuses),
    lines: z.array(salesOrderLineSchema),
    allocations: z.array(allocationSchema).describe('stock currently held for the order (picked plates included)'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SalesOrder' });

export const shippedSalesOrderSchema = salesOrderSchema.extend({ shipment: shipmentSchema }).meta({ id: 'ShippedSalesOrder' });

export type CreateSalesOrderInput = z.infer<typeof createSalesOrderBody>;
export type ListSalesOrdersQuery = z.infer<typeof listSalesOrdersQuery>;
export type SalesOrder = z.infer<typeof salesOrderSchema>;
export type SalesOrderStatus = (typeof salesOrderStatuses)[number];
