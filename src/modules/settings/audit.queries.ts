import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { auditLog } from '../../platform/db/tables.js';
import type { AuditEntry } from './audit.schema.js';

// The mp_audit_row trigger writes the action as TG_OP and the rows as to_jsonb(record): the
// platform's table definition knows them only as text and jsonb, so their shapes are named here.
const auditEntryFields = {
  id: auditLog.id,
  table: auditLog.tableName,
  recordId: auditLog.recordId,
  action: sql<AuditEntry['action']>`${auditLog.action}`,
  oldData: sql<AuditEntry['oldData']>`${auditLog.oldData}`,
  newData: sql<AuditEntry['newData']>`${auditLog.newData}`,
  userId: auditLog.userId,
  createdAt: auditLog.createdAt,
};

/** Audit entries newest first, before the cursor's id, of one table and/or one record when named. */
export async function selectAuditEntries(tx: Tx, filter: { table?: string; recordId?: string; before: string | null; limit: number }): Promise<AuditEntry[]> {
  const rows = await tx
    .select(auditEntryFields)
    .from(auditLog)
    .where(
      and(
        filter.table === undefined ? undefined : eq(auditLog.tableName, filter.table),
        filter.recordId === undefined ? undefined : eq(auditLog.recordId, filter.recordId),
        filter.before === null ? undefined : lt(auditLog.id, filter.before),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  return rows.map((row) => ({ ...row, createdAt: toIso(row.createdAt) }));
}
