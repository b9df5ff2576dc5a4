import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { code, decimalPlaces, label, MAX_QUANTITY } from '../../platform/http/schemas.js';

export const stages = ['receipt', 'in_process', 'final'] as const;
export const parameterKinds = ['numeric', 'boolean', 'text'] as const;
export type Stage = (typeof stages)[number];
export type ParameterKind = (typeof parameterKinds)[number];

const uuid = z.uuid('must be a UUID');

/** A limit: any number (temperatures go below 0) with at most 6 decimals, within the quantity bounds. */
export const limitValue = z
  .number({ message: 'must be a number' })
  .min(-MAX_QUANTITY, `must be at least -${MAX_QUANTITY}`)
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`)
  .refine((value) => decimalPlaces(value) <= 6, 'must have at most 6 decimals');

const parameterInput = z
  .strictObject({
    code,
    name: label,
    kind: z.enum(parameterKinds),
    min: limitValue.optional(),
    max: limitValue.optional(),
    unit: z.string().trim().min(1).max(20).optional(),
    /** A yes/no parameter passes on this answer; default yes. */
    expected: z.boolean().optional(),
    required: z.boolean().optional(),
  })
  .superRefine((parameter, context) => {
    if (parameter.kind !== 'numeric') {
      for (const key of ['min', 'max'] as const) if (parameter[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: 'only a numeric parameter has limits' });
    }
    if (parameter.kind !== 'boolean' && parameter.expected !== undefined) context.addIssue({ code: 'custom', path: ['expected'], message: 'only a yes/no parameter has an expected answer' });
    if (parameter.min !== undefined && parameter.max !== undefined && parameter.min > parameter.max) context.addIssue({ code: 'custom', path: ['max'], message: 'must not be below min' });
  });

const parametersInput = z
  .array(parameterInput)
  .min(1, 'needs at least one parameter')
  .max(100)
  .superRefine((parameters, context) => {
    const seen = new Set<string>();
    parameters.forEach((parameter, index) => {
      if (seen.has(parameter.code)) context.addIssue({ code: 'custom', path: [index, 'code'], message: 'appears twice' });
      seen.add(parameter.code);
    });
  });

export const createSpecificationBody = z.strictObject({ productId: uuid, name: label, stage: z.enum(stages), parameters: parametersInput });

/** Only a specification no inspection used may change; a used one is replaced by a new version (POST). */
export const updateSpecificationBody = z.strictObject({ name: label.optional(), parameters: parametersInput.optional() });

export const listSpecificationsQuery = z.strictObject({
  ...pageQuery,
  productId: uuid.optional(),
  stage: z.enum(stages).optional(),
  status: z.enum(['active', 'superseded']).optional(),
});

export const parameterSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(parameterKinds),
    min: z.number().nullable(),
    max: z.number().nullable(),
    unit: z.string().nullable(),
    expected: z.boolean().nullable(),
    required: z.boolean(),
  })
  .meta({ id: 'SpecificationParameter' });

export const specificationSchema = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    name: z.string(),
    stage: z.enum(stages),
    version: z.number().int(),
    status: z.enum(['active', 'superseded']),
    parameters: z.array(parameterSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Specification' });

export type ParameterInput = z.infer<typeof parameterInput>;
export type Parameter = z.infer<typeof parameterSchema>;
export type Specification = z.infer<typeof specificationSchema>;
export type CreateSpecificationInput = z.infer<typeof createSpecificationBody>;
export type UpdateSpecificationInput = z.infer<typeof updateSpecificationBody>;
export type ListSpecificationsQuery = z.infer<typeof listSpecificationsQuery>;
