import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { lot } from '../warehouse/index.js';
import { signatureInput } from './signatures.schema.js';
import { stages } from './specifications.schema.js';

export const inspectionStatuses = ['open', 'completed'] as const;
export const decisions = ['passed', 'failed'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export type Decision = (typeof decisions)[number];

const uuid = z.uuid('must be a UUID');

/** A result as entered: a number for a numeric parameter, true/false for a yes/no one, text for a text one. */
export const resultValue = z.union([z.number(), z.boolean(), z.string().trim().min(1, 'is required').max(2000)]);

/** An inspection by hand of a lot's LPs still in the plant, against the product's active specification at that stage. */
export const createInspectionBody = z.strictObject({
  productId: uuid,
  lot,
  stage: z.enum(stages).optional().describe("default: the product's only active specification's stage"),
});

export const recordResultsBody = z.strictObject({
  results: z
    .array(z.strictObject({ parameterCode: z.string().trim().min(1, 'is required').max(64), value: resultValue }))
    .min(1, 'needs at least one result')
    .max(100)
    .superRefine((results, context) => {
      const seen = new Set<string>();
      results.forEach((result, index) => {
        if (seen.has(result.parameterCode)) context.addIssue({ code: 'custom', path: [index, 'parameterCode'], message: 'appears twice' });
        seen.add(result.parameterCode);
      });
    }),
});

export const completeInspectionBody = z.strictObject({ signature: signatureInput });

export const listInspectionsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(inspectionStatuses).optional(),
  licensePlateId: uuid.optional(),
  productId: uuid.optional(),
  lot: lot.optional(),
});

export const inspectionResultSchema = z
  .object({ parameterCode: z.string(), value: z.union([z.number(), z.boolean(), z.string()]), passed: z.boolean(), recordedAt: z.string() })
  .meta({ id: 'InspectionResult' });

export const inspectionSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    stage: z.enum(stages),
    productId: z.uuid(),
    lot: z.string(),
    licensePlateIds: z.array(z.uuid()),
    specificationId: z.uuid(),
    origin: z.enum(['receipt', 'output', 'manual']),
    status: z.enum(inspectionStatuses),
    results: z.array(inspectionResultSchema),
    decision: z.enum(decisions).nullable(),
    ncrId: z.uuid().nullable().describe('the NCR opened when the inspection failed'),
    completedAt: z.string().nullable(),
    completedBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Inspection' });

export type Inspection = z.infer<typeof inspectionSchema>;
export type InspectionResult = z.infer<typeof inspectionResultSchema>;
export type ResultValue = z.infer<typeof resultValue>;
export type CreateInspectionInput = z.infer<typeof createInspectionBody>;
export type RecordResultsInput = z.infer<typeof recordResultsBody>;
export type CompleteInspectionInput = z.infer<typeof completeInspectionBody>;
export type ListInspectionsQuery = z.infer<typeof listInspectionsQuery>;
