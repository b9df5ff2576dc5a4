import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { calendarDate } from '../../platform/http/schemas.js';

const uuid = z.uuid('must be a UUID');

export const createShipmentBody = z
  .strictObject({
    customerId: uuid,
    licensePlateIds: z.array(uuid).min(1, 'needs at least one license plate').max(500),
    shipDate: calendarDate.optional(),
  })
  .superRefine((body, context) => {
    body.licensePlateIds.forEach((id, index) => {
      if (body.licensePlateIds.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['licensePlateIds', index], message: 'is listed twice' });
    });
  });

export const listShipmentsQuery = z.strictObject({
  ...pageQuery,
  customerId: uuid.optional(),
  licensePlateId: uuid.optional(),
  salesOrderId: uuid.optional(),
});

/** An LP as it left: its identity and the quantity shipped. */
export const shippedPlateSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  productId: z.uuid(),
  lot: z.string(),
  expiryDate: z.string().nullable(),
  qty: z.number(),
  uom: z.string(),
});

export const shipmentSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    customerId: z.uuid(),
    shipDate: z.string(),
    salesOrderId: z.uuid().nullable().describe('the sales order it was shipped from, if any'),
    licensePlates: z.array(shippedPlateSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Shipment' });

export type Shipment = z.infer<typeof shipmentSchema>;
export type ShippedPlateLine = z.infer<typeof shippedPlateSchema>;
export type CreateShipmentInput = z.infer<typeof createShipmentBody>;
export type ListShipmentsQuery = z.infer<typeof listShipmentsQuery>;
