import { z } from 'zod';
import { label } from '../../platform/http/schemas.js';

/** Allergen codes are lower case, so that 'Milk' in a spreadsheet finds 'milk'. */
export const allergenCode = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'may contain letters, digits, - and _ only');

export const createAllergenBody = z
  .strictObject({
    code: allergenCode,
    name: label.optional().describe('the English name (same as nameEn)'),
    nameEn: label.optional(),
    namePl: label.optional().describe('the Polish name; the English name when absent'),
  })
  .refine((body) => body.name !== undefined || body.nameEn !== undefined, { message: 'is required', path: ['name'] });

export const allergenSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string().describe("the name in the organization's language (settings locale)"),
    nameEn: z.string(),
    namePl: z.string(),
    custom: z.boolean().describe('false for the 14 EU allergens every organization starts with'),
  })
  .meta({ id: 'Allergen' });

export const allergenListSchema = z.object({ items: z.array(allergenSchema), nextCursor: z.null() });

export type Allergen = z.infer<typeof allergenSchema>;
export type CreateAllergenInput = z.infer<typeof createAllergenBody>;
