import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { calendarDate, percentBelow100, quantity, quantityParam } from '../../platform/http/schemas.js';
import { uoms } from './product.schema.js';

/** A BOM item's scrap share: percent below 100, 2 decimals (the column's scale). */
const scrapPercent = percentBelow100(2);

const bomItemInput = z.strictObject({
  productId: z.uuid('must be a UUID'),
  qty: quantity.describe("in the component's unit (its product's uom), per outputQty of the BOM's product"),
  scrapPercent: scrapPercent.optional().describe('extra share lost in processing: the need is qty × (1 + scrapPercent / 100)'),
});

const bomItemsInput = z.array(bomItemInput).min(1, 'a BOM needs at least one item').max(500);

export const createBomBody = z.strictObject({
  productId: z.uuid('must be a UUID'),
  outputQty: quantity.describe("how much of the product (in its uom) the items make"),
  effectiveFrom: calendarDate,
  effectiveTo: calendarDate.nullable().optional().describe('last day in force (inclusive); none = open-ended'),
  items: bomItemsInput,
});

export const updateBomBody = z.strictObject({
  outputQty: quantity.optional(),
  effectiveFrom: calendarDate.optional(),
  effectiveTo: calendarDate.nullable().optional(),
  items: bomItemsInput.optional().describe('replaces all items'),
});

export const listBomsQuery = z.strictObject({ ...pageQuery, productId: z.uuid('must be a UUID').optional() });
export const bomOnDateQuery = z.strictObject({ date: calendarDate.optional().describe("default: today in the organization's time zone") });
export const explosionQuery = z.strictObject({
  qty: quantityParam
    .optional()
    .describe('how much of the product to make, in its uom; default 1'),
  date: calendarDate.optional().describe("default: today in the organization's time zone"),
});

export const bomItemSchema = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    productId: z.uuid(),
    productCode: z.string(),
    productName: z.string(),
    uom: z.enum(uoms),
    qty: z.number(),
    scrapPercent: z.number(),
    grossQty: z.number().describe('qty × (1 + scrapPercent / 100): what outputQty of the product consumes'),
  })
  .meta({ id: 'BomItem' });

export const bomSchema = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    productCode: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'active']),
    outputQty: z.number(),
    uom: z.enum(uoms).describe("the product's unit, in which outputQty is counted"),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    items: z.array(bomItemSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Bom' });

const explosionLineSchema = z.object({
  productId: z.uuid(),
  code: z.string(),
  name: z.string(),
  qty: z.number().describe('exact, rounded once to 6 decimals'),
  uom: z.enum(uoms),
  path: z.array(z.uuid()).describe('product ids from the exploded product down to this component'),
  pathCodes: z.array(z.string()).describe('the same path as product codes'),
});

export const explosionSchema = z
  .object({
    productId: z.uuid(),
    qty: z.number(),
    uom: z.enum(uoms),
    date: z.string(),
    bomId: z.uuid(),
    items: z.array(explosionLineSchema).describe('one line per path: a component reached along two paths appears twice'),
    totals: z.array(explosionLineSchema.omit({ path: true, pathCodes: true })).describe('the lines summed per product'),
  })
  .meta({ id: 'BomExplosion' });

export type Bom = z.infer<typeof bomSchema>;
export type CreateBomInput = z.infer<typeof createBomBody>;
export type UpdateBomInput = z.infer<typeof updateBomBody>;
export type BomItemInput = z.infer<typeof bomItemInput>;
export type ListBomsQuery = z.infer<typeof listBomsQuery>;
export type Explosion = z.infer<typeof explosionSchema>;
