import type { RawSession } from '../db/database.js';

/**
 * The tables that hold an organization's rows, as one database's catalog says: every table under
 * row level security (the tenant tables) but the fences a move sets, which belong to the database,
 * not to the organization. `organizations` is the organization's own row (its id); every other
 * table names it in org_id. Read from the catalog, not from a list, so a table added by a later
 * migration is moved, exported and checked without anyone remembering to add it.
 */
export interface OrgTable {
  name: string;
  /** The column that names the organization: 'id' for organizations, else 'org_id'. */
  orgColumn: 'id' | 'org_id';
  /** Column names in table order (the order of the row's text form, which checksums hash). */
  columns: string[];
}

const NOT_THE_ORGANIZATIONS = ['tenant_fences'];

export async function listOrgTables(session: RawSession): Promise<OrgTable[]> {
  const rows = await session.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
            array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity and c.relname <> all ($1::text[])
      order by c.relname`,
    [NOT_THE_ORGANIZATIONS],
  );
  return rows.map((row) => ({ name: row.name, orgColumn: row.name === 'organizations' ? 'id' : 'org_id', columns: row.columns }));
}

/** Count and checksum of one table's rows of one organization, the same on any server. */
export interface TableChecksum {
  table: string;
  rows: number;
  /** The sum of a 64-bit hash of each row's text form: independent of row order, exact (numeric). */
  checksum: string;
}

/**
 * Counts and checksums an organization's rows, table by table, in the session's current
 * transaction (call it inside one repeatable-read transaction to see one snapshot). The row's
 * text form depends on the session's time zone and date style, so both are fixed first.
 */
export async function checksumOrganization(session: RawSession, tables: OrgTable[], orgId: string): Promise<TableChecksum[]> {
  await session.query(FIXED_TEXT_FORM);
  const sums: TableChecksum[] = [];
  for (const table of tables) {
    const [row] = await session.query<{ rows: number; checksum: string }>(
      `select count(*)::int as rows, coalesce(sum(${ROW_HASH}), 0)::text as checksum
         from ${quoteIdent(table.name)} t where ${quoteIdent(table.orgColumn)} = $1`,
      [orgId],
    );
    sums.push({ table: table.name, rows: row!.rows, checksum: row!.checksum });
  }
  return sums;
}

/** The settings a row's text form depends on, fixed for the transaction. */
export const FIXED_TEXT_FORM = "select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true), set_config('extra_float_digits', '3', true)";

/** A 64-bit hash of a row's text form (the row is aliased t), summed exactly as numeric. */
export const ROW_HASH = "('x' || left(md5(t::text), 16))::bit(64)::bigint::numeric";

/** An identifier for SQL text; the catalog's names are plain, this keeps them so. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
