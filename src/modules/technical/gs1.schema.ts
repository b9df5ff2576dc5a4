import { z } from 'zod';

export const parseGs1Body = z.strictObject({
  barcode: z
    .string()
    .min(1, 'must not be empty')
    .max(256, 'may be at most 256 characters')
    .describe('a GS1-128 / DataMatrix element string: human-readable `(01)…(10)…`, or raw with GS (ASCII 29) separators and an optional `]C1`, `]d2` or `]Q3` prefix'),
});

const isoDate = z.string().describe('YYYY-MM-DD; day 00 in the barcode reads as the last day of the month');

export const gs1ParseResultSchema = z
  .object({
    gtin: z.string().optional().describe('(01)'),
    sscc: z.string().optional().describe('(00)'),
    contentGtin: z.string().optional().describe('(02) GTIN of the trade items a logistic unit holds'),
    lot: z.string().optional().describe('(10)'),
    serial: z.string().optional().describe('(21)'),
    bestBefore: isoDate.optional().describe('(15)'),
    expiryDate: isoDate.optional().describe('(17)'),
    productionDate: isoDate.optional().describe('(11)'),
    packagingDate: isoDate.optional().describe('(13)'),
    netWeightKg: z.number().optional().describe('(310n) with its decimal indicator applied'),
    netWeightLb: z.number().optional().describe('(320n) as given, in pounds'),
    count: z.number().int().optional().describe('(37)'),
    variableCount: z.number().int().optional().describe('(30)'),
    productId: z.uuid().optional().describe("the organization's product with this GTIN (or the contents' GTIN), when exactly one has it"),
    elements: z.array(z.object({ ai: z.string(), value: z.string() })).describe('every element as read, in order'),
  })
  .meta({ id: 'Gs1ParseResult' });

export type ParseGs1Input = z.infer<typeof parseGs1Body>;
export type Gs1ParseResult = z.infer<typeof gs1ParseResultSchema>;
