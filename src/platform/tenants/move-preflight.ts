import { eq } from 'drizzle-orm';
import type { Database, RawSession } from '../db/database.js';
import { tenantDirectory } from '../db/tables.js';
import { withSystem } from '../db/tenancy.js';
import { findFence, type FenceMode } from './move-fences.js';
import { replicationNameOf } from './move-replication.js';
import { countOrganizationRows } from './move-rows.js';
import { OperatorError, type Operator } from './operator.js';
import { listOrgTables, type OrgTable } from './org-tables.js';

/** Everything a move works with, checked before anything is touched. */
export interface MovePlan {
  orgId: string;
  from: string;
  to: string;
  source: Database;
  target: Database;
  /** How the target server reaches the source (the subscription's connection). */
  sourceUrl: string;
  /** The publication, slot and subscription name. */
  name: string;
  tables: OrgTable[];
  /** The fence the target had before the move ('gone' when the organization once left it), put back on an abort. */
  targetFence: FenceMode | null;
}

/** Where the directory places the organization; an organization it does not know is the operator's mistake. */
export async function findPlacement(operator: Operator, orgId: string): Promise<string> {
  replicationNameOf(orgId);
  const [entry] = await withSystem(operator.shared, (tx) => tx.select({ database: tenantDirectory.database }).from(tenantDirectory).where(eq(tenantDirectory.orgId, orgId)));
  if (!entry) throw new OperatorError(`organization ${orgId} is not in the directory`);
  return entry.database;
}

/** Checks that the move can run (openOperator has already given every database the same migrations). */
export async function planMove(operator: Operator, orgId: string, to: string): Promise<MovePlan> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orgId)) throw new OperatorError(`not an organization id: ${orgId}`);
  const from = await findPlacement(operator, orgId);
  if (from === to) throw new OperatorError(`organization ${orgId} already lives in ${to}`);
  const target = operator.database(to);
  const source = operator.database(from);
  const sourceUrl = operator.urlOf(from);
  if (!sourceUrl || source.kind !== 'postgres' || target.kind !== 'postgres') {
    throw new OperatorError('a move runs between PostgreSQL servers: the shared database is embedded (PGlite); set DATABASE_URL');
  }
  const walLevel = await source.withSession(async (session) => (await session.query<{ wal_level: string }>('show wal_level'))[0]!.wal_level);
  if (walLevel !== 'logical') {
    throw new OperatorError(`the source database "${from}" has wal_level=${walLevel}; a move needs wal_level=logical on it (postgresql.conf, then a restart)`);
  }
  const tables = await source.withSession(listOrgTables);
  const targetTables = await target.withSession(listOrgTables);
  if (targetTables.map((table) => table.name).join() !== tables.map((table) => table.name).join()) {
    throw new OperatorError(`${from} and ${to} do not have the same tables: are their migrations the same?`);
  }
  await source.withSession((session) => checkReplicaIdentities(session, tables));
  const targetFence = await target.withSession((session) => findFence(session, orgId));
  return { orgId, from, to, source, target, sourceUrl, name: replicationNameOf(orgId), tables, targetFence };
}

/** After the leftovers are cleared: the target must hold none of the organization's rows. */
export async function checkTargetIsEmpty(plan: MovePlan): Promise<void> {
  const rows = await plan.target.withSession((session) => countOrganizationRows(session, plan.tables, plan.orgId));
  if (rows > 0) throw new OperatorError(`${plan.to} still holds ${rows} rows of organization ${plan.orgId}`);
}

/**
 * A row filter on org_id needs org_id in each table's replica identity (migration 0014 sees to
 * it); without it, the source would refuse the organization's updates and deletes for as long as
 * the publication exists. Checked before there is one.
 */
async function checkReplicaIdentities(session: RawSession, tables: OrgTable[]): Promise<void> {
  const rows = await session.query<{ name: string }>(
    `select c.relname as name from pg_class c join unnest($1::text[], $2::text[]) as t(name, org_column) on t.name = c.relname
      where c.relnamespace = 'public'::regnamespace and c.relreplident <> 'f' and not exists (
        select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
         where i.indrelid = c.oid and a.attname = t.org_column and (i.indisreplident or (c.relreplident = 'd' and i.indisprimary)))`,
    [tables.map((table) => table.name), tables.map((table) => table.orgColumn)],
  );
  if (rows.length > 0) throw new OperatorError(`the replica identity of ${rows.map((row) => row.name).join(', ')} lacks the organization column: a move cannot filter them`);
}
