import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';
import { label } from '../../platform/http/schemas.js';
import { lot } from '../warehouse/index.js';
import { signatureInput } from './signatures.schema.js';

export const ncrSeverities = ['minor', 'major', 'critical'] as const;
export const ncrStatuses = ['open', 'investigating', 'action', 'closed'] as const;
export type NcrSeverity = (typeof ncrSeverities)[number];
export type NcrStatus = (typeof ncrStatuses)[number];

const uuid = z.uuid('must be a UUID');
const longText = z.string().trim().min(1, 'is required').max(5000);

export const createNcrBody = z.strictObject({
  title: label,
  description: longText,
  severity: z.enum(ncrSeverities),
  productId: uuid.optional(),
  lot: lot.optional(),
  licensePlateIds: z.array(uuid).max(500).optional(),
  supplierId: uuid.optional(),
  inspectionId: uuid.optional(),
});

/** PATCH moves an NCR one step on (open → investigating → action) and edits its fields; closing is its own, signed, action. */
export const updateNcrBody = z.strictObject({
  status: z.enum(['investigating', 'action']).optional(),
  title: label.optional(),
  description: longText.optional(),
  severity: z.enum(ncrSeverities).optional(),
  rootCause: longText.optional(),
  correctiveAction: longText.optional(),
});

/** Closing is signed and needs a root cause and a corrective action (here, or set before by PATCH). */
export const closeNcrBody = z.strictObject({
  rootCause: longText.optional(),
  correctiveAction: longText.optional(),
  signature: signatureInput,
});

export const listNcrsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(ncrStatuses).optional(),
  severity: z.enum(ncrSeverities).optional(),
  licensePlateId: uuid.optional(),
  inspectionId: uuid.optional(),
});

export const ncrSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    description: z.string(),
    severity: z.enum(ncrSeverities),
    status: z.enum(ncrStatuses),
    productId: z.uuid().nullable(),
    lot: z.string().nullable(),
    licensePlateIds: z.array(z.uuid()),
    supplierId: z.uuid().nullable(),
    inspectionId: z.uuid().nullable(),
    rootCause: z.string().nullable(),
    correctiveAction: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    closedBy: z.uuid().nullable(),
  })
  .meta({ id: 'Ncr' });

export const ncrSummarySchema = z
  .object({
    byStatus: z.object({ open: z.number().int(), investigating: z.number().int(), action: z.number().int(), closed: z.number().int() }),
    oldestOpenAt: z.string().nullable().describe('when the oldest NCR not yet closed was opened'),
  })
  .meta({ id: 'NcrSummary' });

export type Ncr = z.infer<typeof ncrSchema>;
export type NcrSummary = z.infer<typeof ncrSummarySchema>;
export type CreateNcrInput = z.infer<typeof createNcrBody>;
export type UpdateNcrInput = z.infer<typeof updateNcrBody>;
export type CloseNcrInput = z.infer<typeof closeNcrBody>;
export type ListNcrsQuery = z.infer<typeof listNcrsQuery>;
