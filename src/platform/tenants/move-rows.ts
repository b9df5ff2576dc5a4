import type { RawSession } from '../db/database.js';
import { quoteIdent, type OrgTable } from './org-tables.js';

/** Every row the organization has in this database, all its tables together. */
export async function countOrganizationRows(session: RawSession, tables: OrgTable[], orgId: string): Promise<number> {
  const counts = tables.map((table) => `(select count(*) from ${quoteIdent(table.name)} where ${quoteIdent(table.orgColumn)} = $1)`);
  const [row] = await session.query<{ rows: string }>(`select (${counts.join(' + ')})::text as rows`, [orgId]);
  return Number(row!.rows);
}

/**
 * Deletes every row of the organization from this database, in one transaction. As the owner with
 * session_replication_role = replica: the ledger's append-only guards and the foreign keys' own
 * triggers would refuse (or cascade into) deletes in any order otherwise, and every row goes, so
 * nothing is left pointing at a deleted one. Foreign keys carry org_id, so no other
 * organization's row can point at these.
 */
export async function deleteOrganizationRows(session: RawSession, tables: OrgTable[], orgId: string): Promise<void> {
  await inTransaction(session, async () => {
    await session.exec('set local session_replication_role = replica');
    for (const table of tables) await session.query(`delete from ${quoteIdent(table.name)} where ${quoteIdent(table.orgColumn)} = $1`, [orgId]);
  });
}

/**
 * Logical replication copies rows, not sequences: moves the target's sequences behind the
 * organization's tables (stock_moves.seq, the ledger's order) past the highest value copied, so
 * the next row written there sorts after every moved one. Only ever forward, and under a share
 * lock on the table (a few milliseconds): other organizations' inserts there wait, so none can
 * take a value between the read and setval that setval would then hand out again.
 */
export async function advanceSequences(session: RawSession, tables: OrgTable[]): Promise<void> {
  const rows = await session.query<{ table_name: string; column_name: string; sequence: string }>(
    `select c.relname as table_name, a.attname as column_name, pg_get_serial_sequence(format('%I', c.relname), a.attname) as sequence
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = any ($1::text[]) and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(format('%I', c.relname), a.attname) is not null`,
    [tables.map((table) => table.name)],
  );
  for (const row of rows) {
    await inTransaction(session, async () => {
      await session.exec(`lock table ${quoteIdent(row.table_name)} in share mode`);
      await session.query(
        `select setval($1::regclass, m.top) from (select max(${quoteIdent(row.column_name)}) as top from ${quoteIdent(row.table_name)}) m, ${row.sequence} s
          where m.top is not null and m.top > s.last_value`,
        [row.sequence],
      );
    });
  }
}

/** Runs fn in one transaction on the session (begin/commit as text: the session is a raw connection). */
export async function inTransaction<T>(session: RawSession, fn: () => Promise<T>, begin = 'begin'): Promise<T> {
  await session.exec(begin);
  try {
    const result = await fn();
    await session.exec('commit');
    return result;
  } catch (error) {
    await session.exec('rollback').catch(() => undefined);
    throw error;
  }
}
