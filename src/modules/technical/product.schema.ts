import { z } from 'zod';
import { idsQuery, pageQuery } from '../../platform/http/pagination.js';
import { code, label } from '../../platform/http/schemas.js';
import { allergenCode } from './allergen.schema.js';
import { gtinMessage, isValidGtin } from './gtin.js';

export const productTypes = ['raw', 'intermediate', 'finished', 'packaging'] as const;
export const uoms = ['kg', 'g', 'l', 'ml', 'pcs'] as const;
export const productStatuses = ['active', 'inactive'] as const;

export const gtin = z.string().trim().refine(isValidGtin, gtinMessage);
export const shelfLifeDays = z.number().int('must be a whole number of days').min(0, 'may not be negative').max(36500, 'is too large');
const allergenCodes = z
  .array(allergenCode)
  .max(100)
  .transform((codes) => [...new Set(codes)].sort())
  .describe('declared allergen codes (see GET /allergens)');

export const createProductBody = z.strictObject({
  code,
  name: label,
  type: z.enum(productTypes),
  uom: z.enum(uoms),
  shelfLifeDays: shelfLifeDays.nullable().optional(),
  gtin: gtin.nullable().optional(),
  status: z.enum(productStatuses).optional(),
  allergens: allergenCodes.optional(),
});

export const updateProductBody = z.strictObject({
  code: z.never({ error: 'cannot be changed after creation' }).optional().describe('a product code never changes'),
  name: label.optional(),
  type: z.enum(productTypes).optional(),
  uom: z.enum(uoms).optional().describe('may change only while no BOM uses the product'),
  shelfLifeDays: shelfLifeDays.nullable().optional(),
  gtin: gtin.nullable().optional(),
  status: z.enum(productStatuses).optional(),
  allergens: allergenCodes.optional().describe('replaces the declared allergens'),
});

export const listProductsQuery = z.strictObject({
  ...pageQuery,
  ...idsQuery,
  search: z.string().trim().max(100).optional(),
  type: z.enum(productTypes).optional(),
  status: z.enum(productStatuses).optional(),
});

export const productSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(productTypes),
    uom: z.enum(uoms),
    shelfLifeDays: z.number().int().nullable(),
    gtin: z.string().nullable(),
    status: z.enum(productStatuses),
    allergens: z.array(z.string()).describe('declared allergen codes'),
    derivedAllergens: z.array(z.string()).describe("declared plus everything the active BOMs in force today bring in, through every level"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });

export type Product = z.infer<typeof productSchema>;
export type CreateProductInput = z.infer<typeof createProductBody>;
export type UpdateProductInput = z.infer<typeof updateProductBody>;
export type ListProductsQuery = z.infer<typeof listProductsQuery>;
