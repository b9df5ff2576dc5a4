import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAdmin } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { toIso } from '../../platform/db/columns.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, pageOf, pageQuery, toPage } from '../../platform/http/pagination.js';
import { errorResponses } from '../../platform/http/schemas.js';

const auditQuery = z.strictObject({
  ...pageQuery,
  table: z.string().regex(/^[a-z_]{1,63}$/, 'must be a table name').optional(),
  recordId: z.uuid('must be a UUID').optional(),
});

const auditEntry = z
  .object({
    id: z.uuid(),
    table: z.string(),
    recordId: z.string().nullable(),
    action: z.enum(['INSERT', 'UPDATE', 'DELETE']),
    oldData: z.record(z.string(), z.unknown()).nullable(),
    newData: z.record(z.string(), z.unknown()).nullable(),
    userId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });

/** The audit trail of a table or one record, newest first; for organization admins only. */
export async function listAudit(ctx: RequestContext, query: z.infer<typeof auditQuery>) {
  if (!isAdmin(ctx.permissions)) throw new AppError('FORBIDDEN', 'the audit trail is for organization admins');
  const before = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => {
    const result = await tx.execute(sql`
      select id, table_name, record_id, action, old_data, new_data, user_id, created_at from audit_log
      where (${query.table ?? null}::text is null or table_name = ${query.table ?? null})
        and (${query.recordId ?? null}::uuid is null or record_id = ${query.recordId ?? null}::uuid)
        and (${before}::uuid is null or id < ${before}::uuid)
      order by id desc limit ${query.limit + 1}`);
    const entries = result.rows.map((row) => ({
      id: row.id as string,
      table: row.table_name as string,
      recordId: row.record_id as string | null,
      action: row.action as 'INSERT' | 'UPDATE' | 'DELETE',
      oldData: row.old_data as Record<string, unknown> | null,
      newData: row.new_data as Record<string, unknown> | null,
      userId: row.user_id as string | null,
      createdAt: toIso(row.created_at as string),
    }));
    return toPage(entries, query.limit);
  });
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: pageOf(auditEntry), ...errorResponses } } }, async (request) => {
    if (!request.ctx) throw new AppError('UNAUTHENTICATED', 'a valid access token is required');
    return listAudit(request.ctx, request.query);
  });
};
