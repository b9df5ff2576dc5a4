import { z } from 'zod';
import { problemSchema } from '../../platform/http/problem.js';

export const csvHeader = ['code', 'name', 'type', 'uom', 'shelfLifeDays', 'gtin', 'allergens'] as const;
export type CsvColumn = (typeof csvHeader)[number];

export const importQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: check every row and answer the errors, writing nothing'),
});

export const csvBody = z
  .string({ error: 'send the products as CSV with content-type text/csv' })
  .describe(`CSV with the header ${csvHeader.join(',')}; allergen codes separated by |; quoted fields may hold commas, quotes ("") and line breaks; one leading ' before = + - @ tab or CR is taken off (the export adds it so spreadsheets show such text rather than run it)`);

export const rowErrorSchema = z.object({
  row: z.number().int().describe('the row as a spreadsheet numbers it: the header is row 1, the first product row 2'),
  column: z.string().nullable().describe('the header name of the field, or null for the row as a whole'),
  message: z.string(),
});

export const importResultSchema = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int().describe('product rows in the file (the header and blank lines not counted)'),
    created: z.number().int().describe('new codes (would be) created, among the rows without errors'),
    updated: z.number().int().describe('existing codes (would be) updated: name, type, uom, shelfLifeDays, gtin and allergens replaced'),
    errorCount: z.number().int(),
    errors: z.array(rowErrorSchema).describe('at most the first 1000 errors'),
  })
  .meta({ id: 'ProductImportResult' });

/** A refused import: the usual problem, its errors naming row and column as well as a path. */
export const importProblemSchema = problemSchema
  .extend({
    errors: z.array(z.object({ path: z.string(), message: z.string(), row: z.number().int().optional(), column: z.string().nullable().optional() })).optional(),
  })
  .meta({ id: 'ProductImportProblem' });

export type RowError = z.infer<typeof rowErrorSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
