import { isAdmin } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { selectAuditEntries } from './audit.queries.js';
import type { ListAuditQuery } from './audit.schema.js';

/** The audit trail of a table or one record, newest first; for organization admins only. */
export async function listAudit(ctx: RequestContext, query: ListAuditQuery) {
  if (!isAdmin(ctx.permissions)) throw new AppError('FORBIDDEN', 'the audit trail is for organization admins');
  const before = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectAuditEntries(tx, { table: query.table, recordId: query.recordId, before, limit: query.limit }), query.limit));
}
