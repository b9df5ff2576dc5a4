import { setTimeout as sleep } from 'node:timers/promises';
import type { RawSession } from '../db/database.js';
import { quoteIdent, type OrgTable } from './org-tables.js';

/**
 * The logical replication a move runs on (PostgreSQL 15): a publication of the organization's rows
 * on the source (a row filter per table), a slot and a subscription on the target that copies them
 * and then streams every later change. All three share one name derived from the organization,
 * so a move that was killed leaves leftovers the next one can find and remove.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The publication, slot and subscription name of an organization's move: mp_move_<org hex>. */
export function replicationNameOf(orgId: string): string {
  if (!uuidPattern.test(orgId)) throw new Error(`not an organization id: ${orgId}`);
  return `mp_move_${orgId.toLowerCase().replaceAll('-', '')}`;
}

const POLL_MS = 20;

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** On the source: publishes exactly the organization's rows of every one of its tables. */
export async function createPublication(source: RawSession, name: string, tables: OrgTable[], orgId: string): Promise<void> {
  replicationNameOf(orgId); // the id goes into SQL text: it must be a UUID
  const members = tables.map((table) => `${quoteIdent(table.name)} where (${quoteIdent(table.orgColumn)} = ${literal(orgId)})`);
  await source.exec(`create publication ${quoteIdent(name)} for table ${members.join(', ')}`);
}

/**
 * On the source: the slot the subscription streams from. Made here rather than by CREATE
 * SUBSCRIPTION because that waits for a snapshot that cannot come when source and target are
 * databases of one server (PostgreSQL's documented exception). After the publication: decoding
 * reads it as of each change.
 */
export async function createSlot(source: RawSession, name: string): Promise<void> {
  await source.query("select pg_create_logical_replication_slot($1, 'pgoutput')", [name]);
}

/** On the target: subscribes to the source's publication, copying what is there first. */
export async function createSubscription(target: RawSession, name: string, sourceUrl: string): Promise<void> {
  await target.exec(
    `create subscription ${quoteIdent(name)} connection ${literal(sourceUrl)} publication ${quoteIdent(name)} with (copy_data = true, create_slot = false, slot_name = ${literal(name)})`,
  );
}

export interface CopyProgress {
  tables: number;
  copied: number;
  isStreaming: boolean;
  errors: number;
}

/** How far the subscription's first copy is: tables ready ('r'), the apply worker running, errors reported. */
export async function readCopyProgress(target: RawSession, name: string): Promise<CopyProgress> {
  const [row] = await target.query<{ tables: number; copied: number; streaming: boolean; errors: number }>(
    `select (select count(*)::int from pg_subscription_rel r where r.srsubid = s.oid) as tables,
            (select count(*)::int from pg_subscription_rel r where r.srsubid = s.oid and r.srsubstate = 'r') as copied,
            exists (select 1 from pg_stat_subscription p where p.subid = s.oid and p.relid is null and p.pid is not null) as streaming,
            coalesce((select (x.apply_error_count + x.sync_error_count)::int from pg_stat_subscription_stats x where x.subid = s.oid), 0) as errors
       from pg_subscription s where s.subname = $1`,
    [name],
  );
  if (!row) throw new Error(`the subscription ${name} is gone from the target`);
  return { tables: row.tables, copied: row.copied, isStreaming: row.streaming, errors: row.errors };
}

/** On the target: stops applying (the changes wait in the source's slot), once its worker has ended. */
export async function pauseSubscription(target: RawSession, name: string, signal?: AbortSignal): Promise<void> {
  await target.exec(`alter subscription ${quoteIdent(name)} disable`);
  while ((await readWorkers(target, name)) > 0) await sleep(POLL_MS, undefined, { signal });
}

/**
 * On the target: applies again from where it stopped, once its worker runs (the launcher restarts
 * a subscription's worker no sooner than wal_retrieve_retry_interval, 5 s by default, after the last).
 */
export async function resumeSubscription(target: RawSession, name: string, signal?: AbortSignal): Promise<void> {
  await target.exec(`alter subscription ${quoteIdent(name)} enable`);
  while ((await readWorkers(target, name)) === 0) await sleep(POLL_MS, undefined, { signal });
}

async function readWorkers(target: RawSession, name: string): Promise<number> {
  const [row] = await target.query<{ workers: number }>('select count(*)::int as workers from pg_stat_subscription where subname = $1 and pid is not null', [name]);
  return row!.workers;
}

/** On the source: whether the slot's subscriber has confirmed every change up to lsn. */
export async function hasConfirmed(source: RawSession, name: string, lsn: string): Promise<boolean> {
  const [row] = await source.query<{ confirmed: boolean | null }>(
    'select confirmed_flush_lsn >= $2::pg_lsn as confirmed from pg_replication_slots where slot_name = $1',
    [name, lsn],
  );
  if (!row) throw new Error(`the replication slot ${name} is gone from the source`);
  return row.confirmed === true;
}

/**
 * On the target: removes the subscription of that name, if any, without reaching the source (which
 * may be down, or the same server): its slots are the source's to drop (dropSourceReplication).
 * Answers the subscription's oid, which names its table-copy slots, or null when there was none.
 */
export async function dropSubscription(target: RawSession, name: string): Promise<number | null> {
  const [row] = await target.query<{ oid: number }>('select oid::int as oid from pg_subscription where subname = $1 and subdbid = (select oid from pg_database where datname = current_database())', [name]);
  if (!row) return null;
  await target.exec(`alter subscription ${quoteIdent(name)} disable`);
  await target.exec(`alter subscription ${quoteIdent(name)} set (slot_name = none)`);
  await target.exec(`drop subscription ${quoteIdent(name)}`);
  return row.oid;
}

/**
 * On the source: drops the publication and the slots of the move (the subscription's own and, when
 * its oid is known, those of its table copies), ending a walsender still attached to them.
 */
export async function dropSourceReplication(source: RawSession, name: string, subscriptionOid: number | null): Promise<void> {
  await source.exec(`drop publication if exists ${quoteIdent(name)}`);
  const pattern = subscriptionOid === null ? null : `pg\\_${subscriptionOid}\\_sync\\_%`;
  for (let attempt = 1; ; attempt++) {
    const slots = await source.query<{ slot_name: string; active_pid: number | null }>(
      'select slot_name, active_pid from pg_replication_slots where slot_name = $1 or slot_name like $2',
      [name, pattern],
    );
    if (slots.length === 0) return;
    try {
      for (const slot of slots) {
        // A walsender lingers a moment after its subscription is disabled; it holds the slot.
        if (slot.active_pid !== null) await source.query('select pg_terminate_backend($1)', [slot.active_pid]);
        await source.query('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1', [slot.slot_name]);
      }
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Whether anything of a move of that name is left in a database (for checks and tests). */
export async function findReplicationLeftovers(session: RawSession, name: string): Promise<string[]> {
  const rows = await session.query<{ what: string }>(
    `select 'publication' as what from pg_publication where pubname = $1
     union all select 'subscription' from pg_subscription where subname = $1
     union all select 'slot ' || slot_name from pg_replication_slots where slot_name = $1 or slot_name like 'pg\\_%\\_sync\\_%'`,
    [name],
  );
  return rows.map((row) => row.what);
}
