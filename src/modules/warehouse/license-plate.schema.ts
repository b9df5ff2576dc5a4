import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { countedQuantity, quantity } from '../../platform/http/schemas.js';

export const lpStatuses = ['available', 'consumed', 'shipped', 'merged'] as const;
export const qaStatuses = ['pending', 'released', 'hold', 'rejected'] as const;
export const moveTypes = ['receipt', 'move', 'split', 'merge', 'adjust', 'consume', 'reverse', 'output', 'ship', 'hold', 'release', 'reject'] as const;

export type LpStatus = (typeof lpStatuses)[number];
export type QaStatus = (typeof qaStatuses)[number];
export type MoveType = (typeof moveTypes)[number];

const uuid = z.uuid('must be a UUID');

export const lot = z.string().trim().min(1, 'is required').max(100);
export const reason = z.string().trim().min(1, 'is required').max(500);

export const licensePlateSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    productId: z.uuid(),
    lot: z.string(),
    expiryDate: z.string().nullable(),
    qty: z.number(),
    uom: z.string(),
    status: z.enum(lpStatuses),
    qaStatus: z.enum(qaStatuses),
    locationId: z.uuid(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'LicensePlate' });

/** An LP in a list, with what a list shows of its product and location (read in the same query). */
export const listedLicensePlateSchema = licensePlateSchema
  .extend({
    productCode: z.string().describe("the product's code"),
    productName: z.string().describe("the product's name"),
    locationCode: z.string().describe("the location's code"),
  })
  .meta({ id: 'ListedLicensePlate' });

export const stockMoveSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(moveTypes),
    qtyChange: z.number(),
    qtyAfter: z.number(),
    fromLocationId: z.uuid().nullable(),
    toLocationId: z.uuid().nullable(),
    relatedLicensePlateId: z.uuid().nullable(),
    workOrderId: z.uuid().nullable(),
    reason: z.string().nullable(),
    userId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StockMove' });

export const listLicensePlatesQuery = z.strictObject({
  ...pageQuery,
  productId: uuid.optional(),
  lot: z.string().trim().min(1).max(100).optional().describe('exactly this lot'),
  search: z.string().trim().min(1, 'is required').max(100).optional().describe('any part of the LP number or the lot, any case'),
  status: z.enum(lpStatuses).optional(),
  locationId: uuid.optional(),
  qaStatus: z.enum(qaStatuses).optional(),
  /** Available LPs whose expiry falls between today and today + N days (organization time zone). */
  expiringWithinDays: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(3650).optional(),
  /** Available LPs already past their expiry date. */
  expired: z.enum(['true', 'false']).optional(),
});

export const numberParams = z.strictObject({
  number: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .transform((value) => value.toUpperCase()),
});

export const moveBody = z.strictObject({ toLocationId: uuid, reason: reason.optional() });
export const splitBody = z.strictObject({ qty: quantity });
export const adjustBody = z.strictObject({ qty: countedQuantity, reason });
export const mergeBody = z
  .strictObject({ targetId: uuid, sourceIds: z.array(uuid).min(1, 'needs at least one source').max(100) })
  .superRefine((body, context) => {
    body.sourceIds.forEach((id, index) => {
      if (id === body.targetId) context.addIssue({ code: 'custom', path: ['sourceIds', index], message: 'is the merge target' });
      else if (body.sourceIds.indexOf(id) !== index) context.addIssue({ code: 'custom', path: ['sourceIds', index], message: 'is listed twice' });
    });
  });

export const splitResponse = z.object({ licensePlate: licensePlateSchema });
export const movesQuery = z.strictObject({ ...pageQuery });

export type LicensePlate = z.infer<typeof licensePlateSchema>;
export type ListedLicensePlate = z.infer<typeof listedLicensePlateSchema>;
export type StockMove = z.infer<typeof stockMoveSchema>;
export type ListLicensePlatesQuery = z.infer<typeof listLicensePlatesQuery>;
export type MoveInput = z.infer<typeof moveBody>;
export type SplitInput = z.infer<typeof splitBody>;
export type AdjustInput = z.infer<typeof adjustBody>;
export type MergeInput = z.infer<typeof mergeBody>;
