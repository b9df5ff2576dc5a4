import { z } from 'zod';
import { licensePlateSchema } from '../warehouse/index.js';

const uuid = z.uuid('must be a UUID');

/** Where a trace starts: one LP, or every LP of a product's lot. */
export const traceQuery = z
  .strictObject({
    licensePlateId: uuid.optional(),
    productId: uuid.optional(),
    lot: z.string().trim().min(1, 'is required').max(100).optional(),
  })
  .superRefine((query, context) => {
    if (query.licensePlateId !== undefined) {
      for (const field of ['productId', 'lot'] as const) {
        if (query[field] !== undefined) context.addIssue({ code: 'custom', path: [field], message: 'give either licensePlateId, or productId and lot' });
      }
      return;
    }
    for (const field of ['productId', 'lot'] as const) {
      if (query[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: 'is required without licensePlateId' });
    }
  });

export const recallQuery = z.strictObject({ productId: uuid, lot: z.string().trim().min(1, 'is required').max(100) });

export const traceLinkSchema = z
  .object({
    from: z.uuid().describe('the older LP'),
    to: z.uuid().describe('the LP made from it'),
    type: z.enum(['production', 'split', 'merge']),
    workOrderId: z.uuid().nullable(),
    qty: z.number(),
  })
  .meta({ id: 'TraceLink' });

export const traceSchema = z
  .object({
    direction: z.enum(['backward', 'forward']),
    roots: z.array(z.uuid()),
    licensePlates: z.array(licensePlateSchema).describe('every LP reached, roots included'),
    links: z.array(traceLinkSchema).describe('every link followed; each points from the older LP to the newer, in both directions'),
    receipts: z
      .array(z.object({ licensePlateId: z.uuid(), receiptId: z.uuid(), supplierId: z.uuid().nullable(), purchaseOrderId: z.uuid().nullable() }))
      .describe('backward: the receipts the reached LPs came in on'),
    shipments: z
      .array(z.object({ licensePlateId: z.uuid(), shipmentId: z.uuid(), customerId: z.uuid(), shipDate: z.string() }))
      .describe('forward: the shipments that carried reached LPs'),
    depthLimitReached: z.boolean().describe('true when the trace stopped at its depth limit (a cycle or a chain deeper than any real recipe)'),
  })
  .meta({ id: 'Trace' });

export const recallPlateSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    productId: z.uuid(),
    productCode: z.string(),
    productName: z.string(),
    lot: z.string(),
    expiryDate: z.string().nullable(),
    qty: z.number(),
    uom: z.string(),
    status: z.string(),
    qaStatus: z.string(),
    locationId: z.uuid(),
    locationCode: z.string(),
    warehouseCode: z.string(),
  })
  .meta({ id: 'RecallLicensePlate' });

export const recallShipmentSchema = z
  .object({
    shipmentId: z.uuid(),
    shipmentNumber: z.string(),
    shipDate: z.string(),
    customerId: z.uuid(),
    customerCode: z.string(),
    customerName: z.string(),
    licensePlateId: z.uuid(),
    licensePlateNumber: z.string(),
    productId: z.uuid(),
    productCode: z.string(),
    lot: z.string(),
    qty: z.number(),
  })
  .meta({ id: 'RecallShipment' });

export const recallSchema = z
  .object({
    productId: z.uuid(),
    lot: z.string(),
    roots: z.array(z.uuid()).describe("the suspect lot's own LPs"),
    licensePlates: z.array(recallPlateSchema).describe('every LP of the lot and every LP made from it, at any depth, with where it is now'),
    shipments: z.array(recallShipmentSchema).describe('every shipment line that carried any of them, with customer and date'),
    customers: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })).describe('every customer who received any of it'),
    depthLimitReached: z.boolean(),
  })
  .meta({ id: 'Recall' });

export const recallSummarySchema = z
  .object({
    productId: z.uuid(),
    lot: z.string(),
    lots: z
      .array(
        z.object({
          productId: z.uuid(),
          productCode: z.string(),
          productName: z.string(),
          lot: z.string(),
          producedQty: z
            .number()
            .describe(
              "what came into being as this lot among the LPs reached: the received quantity of its LPs that came in on a receipt plus the output quantity of its LPs that a work order made, each as first booked in the ledger; split LPs are part of their parent's quantity and merges move quantity between LPs, so neither counts again",
            ),
          onHand: z
            .array(z.object({ locationId: z.uuid(), locationCode: z.string(), qty: z.number(), licensePlates: z.number().int().describe('how many available LPs') }))
            .describe("the lot's reached LPs still available, summed by location (code order)"),
          shipped: z
            .array(z.object({ customerId: z.uuid(), customerCode: z.string(), customerName: z.string(), qty: z.number() }))
            .describe("the shipment lines that carried the lot's reached LPs, summed by customer (code order)"),
        }),
      )
      .describe('every lot (product and lot) with an LP reached forward from the suspect lot, the suspect lot itself first, then by product code and lot'),
    customers: z
      .array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), contactName: z.string().optional().describe('the person to call'), email: z.string().optional(), phone: z.string().optional() }))
      .describe('every customer who received any of it, with the contact fields they have (a field they do not have is left out)'),
  })
  .meta({ id: 'RecallSummary' });

export type TraceQuery = z.infer<typeof traceQuery>;
export type RecallQuery = z.infer<typeof recallQuery>;
export type Trace = z.infer<typeof traceSchema>;
export type Recall = z.infer<typeof recallSchema>;
export type RecallSummary = z.infer<typeof recallSummarySchema>;
export type Direction = Trace['direction'];
