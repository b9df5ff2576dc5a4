import { z } from 'zod';

export const searchKinds = ['license_plate', 'lot', 'product', 'work_order', 'purchase_order', 'sales_order', 'sscc'] as const;

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(5).describe('most hits per kind'),
});

export const searchHitSchema = z
  .object({
    kind: z.enum(searchKinds),
    id: z.uuid().describe("the record's id; for a lot, its product's"),
    label: z.string().describe('the code a person typed or scanned: LP, lot, product code, order number, SSCC'),
    detail: z.string().optional().describe('a second line: product name, status'),
    lot: z.string().optional(),
    productId: z.uuid().optional(),
    productType: z.enum(['raw', 'intermediate', 'finished', 'packaging']).optional().describe("a lot's product type: a raw-material lot is traced forward"),
  })
  .meta({ id: 'SearchHit' });

export const searchAnswer = z.object({ items: z.array(searchHitSchema) }).meta({ id: 'SearchAnswer' });

export type SearchQuery = z.infer<typeof searchQuery>;
export type SearchAnswer = z.infer<typeof searchAnswer>;
