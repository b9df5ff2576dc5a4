import { z } from 'zod';
import { idsQuery, pageQuery } from '../../platform/http/pagination.js';
import { calendarDate, quantity, quantityParam } from '../../platform/http/schemas.js';
import { licensePlateSchema, reason } from '../warehouse/index.js';
import { workOrderStatuses } from './work-order.transitions.js';

const uuid = z.uuid('must be a UUID');

export const createWorkOrderBody = z.strictObject({
  productId: uuid,
  plannedQty: quantity.describe("in the product's uom"),
  bomId: uuid.optional().describe('an active BOM of the product; default: the one in force on scheduledDate'),
  scheduledDate: calendarDate.optional().describe("default: today in the organization's time zone"),
  lineId: uuid.optional().describe('the production line it runs on'),
});

export const updateWorkOrderBody = z.strictObject({
  lineId: uuid.nullable().optional().describe('the production line it runs on (null: none); only before the order starts'),
});

export const listWorkOrdersQuery = z.strictObject({
  ...pageQuery,
  ...idsQuery,
  search: z.string().trim().max(100).optional().describe('any part of the order number, case-insensitively'),
  status: z.enum(workOrderStatuses).optional(),
  productId: uuid.optional(),
});

export const transitionBody = z.strictObject({ reason: reason.optional() }).nullish();

export const consumptionParams = z.strictObject({ id: uuid, consumptionId: uuid });
export const consumeBody = z.strictObject({
  licensePlateId: uuid,
  qty: quantity,
  overConsumptionReason: reason
    .optional()
    .describe("why more is taken than the material's requiredQty × (1 + overConsumptionTolerancePercent / 100); without it such a consumption is 409 over_consumption"),
});
export const reverseBody = z.strictObject({ reason: reason.optional() }).nullish();

export const outputBody = z.strictObject({
  qty: quantity,
  locationId: uuid,
  lot: z.string().trim().min(1, 'is required').max(100).optional().describe('default: the work order number'),
  expiryDate: calendarDate.nullable().optional().describe("default: today + the product's shelf life; null: no expiry"),
});

export const availabilityQuery = z.strictObject({
  productId: uuid,
  plannedQty: quantityParam,
  bomId: uuid.optional().describe('default: the active BOM in force on scheduledDate'),
  scheduledDate: calendarDate.optional().describe("default: today in the organization's time zone"),
});

export const availabilitySchema = z
  .object({
    bomId: z.uuid(),
    materials: z.array(
      z.object({
        productId: z.uuid(),
        requiredQty: z.number().describe('as release would snapshot it'),
        usableQty: z.number().describe('available, QA-released, unexpired stock of the product now'),
        shortQty: z.number().describe('requiredQty − usableQty when more is needed, else 0'),
      }),
    ),
  })
  .meta({ id: 'WorkOrderAvailability' });

export const materialSchema = z
  .object({
    productId: z.uuid(),
    requiredQty: z.number().describe('item qty × plannedQty / outputQty × (1 + scrapPercent / 100), fixed at release'),
    consumedQty: z.number().describe('consumed and not reversed'),
    usableQty: z.number().describe('available, QA-released, unexpired stock of the product now'),
    variancePercent: z.number().nullable().describe('(consumedQty − requiredQty) / requiredQty × 100, 2 decimals'),
  })
  .meta({ id: 'WorkOrderMaterial' });

export const consumptionSchema = z
  .object({
    id: z.uuid(),
    workOrderId: z.uuid(),
    licensePlateId: z.uuid(),
    productId: z.uuid(),
    qty: z.number(),
    reversed: z.boolean(),
    reversedAt: z.string().nullable(),
    overConsumptionReason: z.string().nullable().describe('given when the consumption took the material beyond its tolerance'),
    createdAt: z.string(),
    licensePlateNumber: z.string().optional().describe("the drawn plate's number, in the order's own view (GET /work-orders/:id)"),
    lot: z.string().optional().describe("the drawn plate's lot, in the order's own view"),
  })
  .meta({ id: 'WorkOrderConsumption' });

export const outputSchema = z
  .object({
    id: z.uuid(),
    licensePlateId: z.uuid(),
    number: z.string(),
    lot: z.string(),
    expiryDate: z.string().nullable(),
    qty: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'WorkOrderOutput' });

export const historyEntrySchema = z
  .object({
    from: z.enum(workOrderStatuses).nullable().describe('null for the creation of the order'),
    to: z.enum(workOrderStatuses),
    userId: z.uuid().nullable(),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'WorkOrderTransition' });

export const workOrderSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    productId: z.uuid(),
    bomId: z.uuid(),
    plannedQty: z.number(),
    scheduledDate: z.string(),
    status: z.enum(workOrderStatuses),
    producedQty: z.number(),
    lineId: z.uuid().nullable().describe('the production line it runs on'),
    yieldPercent: z.number().describe('producedQty / plannedQty × 100, 2 decimals'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkOrderSummary' });

/** A work order in a list, with its product's code and name (read in the same query). */
export const listedWorkOrderSchema = workOrderSummarySchema
  .extend({ productCode: z.string().describe("the product's code"), productName: z.string().describe("the product's name") })
  .meta({ id: 'ListedWorkOrder' });

export const workOrderSchema = workOrderSummarySchema
  .extend({
    materials: z.array(materialSchema).describe('empty until release'),
    consumptions: z.array(consumptionSchema),
    outputs: z.array(outputSchema),
    history: z.array(historyEntrySchema),
  })
  .meta({ id: 'WorkOrder' });

export const outputResponse = z.object({ licensePlate: licensePlateSchema });

export type CreateWorkOrderInput = z.infer<typeof createWorkOrderBody>;
export type UpdateWorkOrderInput = z.infer<typeof updateWorkOrderBody>;
export type ListWorkOrdersQuery = z.infer<typeof listWorkOrdersQuery>;
export type AvailabilityQuery = z.infer<typeof availabilityQuery>;
export type Availability = z.infer<typeof availabilitySchema>;
export type ConsumeInput = z.infer<typeof consumeBody>;
export type OutputInput = z.infer<typeof outputBody>;
export type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;
export type ListedWorkOrder = z.infer<typeof listedWorkOrderSchema>;
export type WorkOrder = z.infer<typeof workOrderSchema>;
export type Material = z.infer<typeof materialSchema>;
export type Consumption = z.infer<typeof consumptionSchema>;
export type Output = z.infer<typeof outputSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
