import type { Database, RawSession } from '../db/database.js';
import { inTransaction } from './move-rows.js';
import { checksumOrganization, FIXED_TEXT_FORM, quoteIdent, ROW_HASH, type OrgTable, type TableChecksum } from './org-tables.js';

/**
 * The copy checked against the source, table by table (row counts and checksums): in full once
 * the bulk is across (at a point both sides agree on, while writes go on), and under the
 * freeze for what changed since (all the rows counted, the changed ones hashed), so the freeze
 * does not grow with the organization's size.
 */

/** Connections per side the checks share: the big tables are hashed side by side. */
const PARALLEL_CHECKS = 3;

export class CopyMismatchError extends Error {
  constructor(readonly mismatches: { table: string; source: TableChecksum; target: TableChecksum | undefined }[]) {
    super(`the copy differs from the source in ${mismatches.map((m) => `${m.table} (source ${m.source.rows} rows, target ${m.target?.rows ?? 0})`).join(', ')}`);
  }
}

/** Where a side's full check reads: an exported snapshot (the source's, as of the agreed point), or the present. */
export interface FullCheck {
  database: Database;
  snapshot?: string;
}

/** The full check: every row of the organization hashed on both sides. Answers the source's sums. */
export async function verifyCopy(source: FullCheck, target: FullCheck, tables: OrgTable[], orgId: string): Promise<TableChecksum[]> {
  const [fromSource, fromTarget] = await Promise.all(
    [source, target].map((side) => inParallel(side.database, tables, side.snapshot, (session, share) => checksumOrganization(session, share, orgId))),
  );
  return compare(fromSource!, fromTarget!);
}

/**
 * The check under the freeze: each table's rows counted, and those written since the full
 * check hashed (on each side, the ones whose xmin is not older than the transaction id that
 * side had reached then: the source's changes after the agreed point, and what the target has
 * applied, or anyone wrote there, since).
 */
export async function verifyChanges(source: Database, target: Database, tables: OrgTable[], orgId: string, since: { source: string; target: string }): Promise<TableChecksum[]> {
  const [fromSource, fromTarget] = await Promise.all([
    inParallel(source, tables, undefined, (session, share) => checksumChangedRows(session, share, orgId, since.source)),
    inParallel(target, tables, undefined, (session, share) => checksumChangedRows(session, share, orgId, since.target)),
  ]);
  return compare(fromSource, fromTarget);
}

/** The next transaction id of a database, as an xid (32 bits, what a row's xmin holds). */
export async function readNextXid(session: RawSession): Promise<string> {
  const [row] = await session.query<{ xid: string }>('select (pg_snapshot_xmax(pg_current_snapshot())::text::numeric % 4294967296)::text as xid');
  return row!.xid;
}

async function checksumChangedRows(session: RawSession, tables: OrgTable[], orgId: string, sinceXid: string): Promise<TableChecksum[]> {
  await session.query(FIXED_TEXT_FORM);
  const sums: TableChecksum[] = [];
  for (const table of tables) {
    // age() compares transaction ids modulo wraparound; a frozen xmin is the oldest of all.
    const [row] = await session.query<{ rows: number; checksum: string }>(
      `select count(*)::int as rows, coalesce(sum(${ROW_HASH}) filter (where age(t.xmin) <= age($2::xid)), 0)::text as checksum
         from ${quoteIdent(table.name)} t where ${quoteIdent(table.orgColumn)} = $1`,
      [orgId, sinceXid],
    );
    sums.push({ table: table.name, rows: row!.rows, checksum: row!.checksum });
  }
  return sums;
}

function compare(fromSource: TableChecksum[], fromTarget: TableChecksum[]): TableChecksum[] {
  const targetByTable = new Map(fromTarget.map((sum) => [sum.table, sum]));
  const mismatches = fromSource
    .map((sum) => ({ table: sum.table, source: sum, target: targetByTable.get(sum.table) }))
    .filter(({ source, target }) => target === undefined || target.rows !== source.rows || target.checksum !== source.checksum);
  if (mismatches.length > 0) throw new CopyMismatchError(mismatches);
  return fromSource;
}

/** Runs check over PARALLEL_CHECKS shares of the tables, each in a repeatable-read transaction of its own connection. */
async function inParallel(database: Database, tables: OrgTable[], snapshot: string | undefined, check: (session: RawSession, share: OrgTable[]) => Promise<TableChecksum[]>): Promise<TableChecksum[]> {
  const begin = `begin isolation level repeatable read read only${snapshot ? `; set transaction snapshot '${snapshot.replaceAll("'", "''")}'` : ''}`;
  const shares = await shareBySize(database, tables);
  const sums = await Promise.all(shares.map((share) => database.withSession((session) => inTransaction(session, () => check(session, share), begin))));
  return sums.flat();
}

/** Splits the tables into PARALLEL_CHECKS shares of about equal size (the planner's row estimates). */
async function shareBySize(database: Database, tables: OrgTable[]): Promise<OrgTable[][]> {
  const sizes = await database.withSession((session) =>
    session.query<{ name: string; size: number }>(
      "select relname as name, greatest(reltuples, 0)::float8 as size from pg_class where relnamespace = 'public'::regnamespace and relname = any ($1::text[]) and relkind = 'r'",
      [tables.map((table) => table.name)],
    ),
  );
  const sizeOf = new Map(sizes.map((row) => [row.name, row.size]));
  const shares = Array.from({ length: PARALLEL_CHECKS }, () => ({ size: 0, tables: [] as OrgTable[] }));
  for (const table of [...tables].sort((a, b) => (sizeOf.get(b.name) ?? 0) - (sizeOf.get(a.name) ?? 0))) {
    const smallest = shares.reduce((least, share) => (share.size < least.size ? share : least));
    smallest.tables.push(table);
    smallest.size += (sizeOf.get(table.name) ?? 0) + 1;
  }
  return shares.filter((share) => share.tables.length > 0).map((share) => share.tables);
}
