import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { code, label } from '../../platform/http/schemas.js';

export const productTypes = ['raw', 'intermediate', 'finished', 'packaging'] as const;
export const uoms = ['kg', 'g', 'l', 'ml', 'pcs'] as const;

export const createProductBody = z.strictObject({ code, name: label, type: z.enum(productTypes), uom: z.enum(uoms) });
export const updateProductBody = z.strictObject({ name: label.optional(), type: z.enum(productTypes).optional(), uom: z.enum(uoms).optional() });
export const listProductsQuery = z.strictObject({ ...pageQuery, search: z.string().trim().max(100).optional(), type: z.enum(productTypes).optional() });

export const productSchema = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), type: z.enum(productTypes), uom: z.enum(uoms), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Product' });

export type Product = z.infer<typeof productSchema>;
export type CreateProductInput = z.infer<typeof createProductBody>;
export type UpdateProductInput = z.infer<typeof updateProductBody>;
export type ListProductsQuery = z.infer<typeof listProductsQuery>;
