import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';

export const auditActions = ['INSERT', 'UPDATE', 'DELETE'] as const;

export const listAuditQuery = z.strictObject({
  ...pageQuery,
  table: z.string().regex(/^[a-z_]{1,63}$/, 'must be a table name').optional(),
  recordId: z.uuid('must be a UUID').optional(),
});

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    table: z.string(),
    recordId: z.string().nullable(),
    action: z.enum(auditActions),
    oldData: z.record(z.string(), z.unknown()).nullable(),
    newData: z.record(z.string(), z.unknown()).nullable(),
    userId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export type ListAuditQuery = z.infer<typeof listAuditQuery>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
