import type { Database } from '../db/database.js';
import { inTransaction } from './move-rows.js';
import { checksumOrganization, type OrgTable, type TableChecksum } from './org-tables.js';

/** Connections per side the checks of a freeze share: the big tables are hashed side by side. */
const PARALLEL_CHECKS = 3;

export class CopyMismatchError extends Error {
  constructor(readonly mismatches: { table: string; source: TableChecksum; target: TableChecksum | undefined }[]) {
    super(`the copy differs from the source in ${mismatches.map((m) => `${m.table} (source ${m.source.rows} rows, target ${m.target?.rows ?? 0})`).join(', ')}`);
  }
}

/**
 * Compares, table by table, the organization's row counts and checksums on both sides; throws
 * CopyMismatchError on any difference. Run under the freeze, when neither side changes: each
 * connection reads its share of the tables in a repeatable-read transaction of its own.
 */
export async function verifyCopy(source: Database, target: Database, tables: OrgTable[], orgId: string): Promise<TableChecksum[]> {
  const [fromSource, fromTarget] = await Promise.all([checksumInParallel(source, tables, orgId), checksumInParallel(target, tables, orgId)]);
  const targetByTable = new Map(fromTarget.map((sum) => [sum.table, sum]));
  const mismatches = fromSource
    .map((sum) => ({ table: sum.table, source: sum, target: targetByTable.get(sum.table) }))
    .filter(({ source, target }) => target === undefined || target.rows !== source.rows || target.checksum !== source.checksum);
  if (mismatches.length > 0) throw new CopyMismatchError(mismatches);
  return fromSource;
}

async function checksumInParallel(database: Database, tables: OrgTable[], orgId: string): Promise<TableChecksum[]> {
  const shares = await shareBySize(database, tables);
  const sums = await Promise.all(
    shares.map((share) =>
      database.withSession((session) => inTransaction(session, () => checksumOrganization(session, share, orgId), 'begin isolation level repeatable read read only')),
    ),
  );
  return sums.flat();
}

/** Splits the tables into PARALLEL_CHECKS shares of about equal size (the planner's row estimates). */
async function shareBySize(database: Database, tables: OrgTable[]): Promise<OrgTable[][]> {
  const sizes = await database.withSession((session) =>
    session.query<{ name: string; size: number }>("select relname as name, greatest(reltuples, 0)::float8 as size from pg_class where relnamespace = 'public'::regnamespace and relname = any ($1::text[]) and relkind = 'r'", [
      tables.map((table) => table.name),
    ]),
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
