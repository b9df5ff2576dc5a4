import { eq } from 'drizzle-orm';
import type { Database, RawSession, Tx } from '../db/database.js';
import { claimEmail, enterOrganization, SHARED_DATABASE } from '../db/directory.js';
import { tenantDirectory } from '../db/tables.js';
import { withSystem } from '../db/tenancy.js';
import { exportHeaderSchema, parseRowLine, totalRows, type ExportHeader } from './export-format.js';
import { readGzipLines } from './gzip-lines.js';
import { OperatorError } from './operator.js';
import { checksumOrganization, listOrgTables, quoteIdent, type OrgTable } from './org-tables.js';
import { sessionOfTransaction } from './tx-session.js';

/** Where an import goes: the shared database (the directory) and the one the organization will live in. */
export interface ImportPlaces {
  shared: Database;
  target: Database;
  /** 'shared' or a name of TENANT_DATABASES, as the directory will record it. */
  targetName: string;
  /**
   * The emails the loaded organization's accounts sign in with (the settings module knows its
   * users; the platform names no module's table), read in the import's transaction.
   */
  accountEmails: (tx: Tx, orgId: string) => Promise<string[]>;
}

export interface ImportResult {
  orgId: string;
  name: string;
  database: string;
  rows: number;
}

/** Rows sent to the database in one insert, and the most text one insert carries. */
const BATCH_ROWS = 500;
const BATCH_CHARS = 4_000_000;

/** The header line of an export file, checked; a file that is not an export of this version is refused. */
export async function readExportHeader(file: string): Promise<ExportHeader> {
  for await (const line of readGzipLines(file)) return parseHeader(line);
  throw new OperatorError(`${file} is empty`);
}

function parseHeader(line: string): ExportHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new OperatorError('not an organization export: its first line is not JSON');
  }
  const header = exportHeaderSchema.safeParse(parsed);
  if (!header.success) {
    const issue = header.error.issues[0]!;
    throw new OperatorError(`not an organization export of version 1: ${issue.path.join('.') || 'header'} ${issue.message}`);
  }
  return header.data;
}

/**
 * Loads an export into a database where the organization does not exist yet, then enters it in
 * the directory. The rows go in as they were written: as the connecting role with
 * session_replication_role = replica, so no trigger rewrites them (audit columns, the audit
 * trail, append-only guards) and no foreign key is checked row by row; the load is then checked
 * against the file's counts and checksums before anything commits. On a dedicated database the
 * directory (shared) is written only once the load is verified, and undone if its commit fails.
 */
export async function importOrganization(places: ImportPlaces, file: string): Promise<ImportResult> {
  const header = await readExportHeader(file);
  await refuseIfInDirectory(places.shared, header.orgId);
  const result: ImportResult = { orgId: header.orgId, name: header.name, database: places.targetName, rows: totalRows(header) };
  if (places.targetName === SHARED_DATABASE) {
    await withSystem(places.shared, async (tx) => enterInDirectory(tx, header, SHARED_DATABASE, await loadOrganization(tx, header, file, places)));
    return result;
  }
  let isEntered = false;
  try {
    await withSystem(places.target, async (tx) => {
      const emails = await loadOrganization(tx, header, file, places);
      await withSystem(places.shared, (sharedTx) => enterInDirectory(sharedTx, header, places.targetName, emails));
      isEntered = true;
    });
  } catch (error) {
    if (isEntered) await withSystem(places.shared, (tx) => tx.delete(tenantDirectory).where(eq(tenantDirectory.orgId, header.orgId)));
    throw error;
  }
  return result;
}

async function refuseIfInDirectory(shared: Database, orgId: string): Promise<void> {
  const [entry] = await withSystem(shared, (tx) => tx.select({ database: tenantDirectory.database }).from(tenantDirectory).where(eq(tenantDirectory.orgId, orgId)));
  if (entry) throw new OperatorError(`organization ${orgId} already exists (the directory places it in "${entry.database}"); nothing was imported`);
}

/** The organization's directory entry and its users' emails, each email refused if another organization has it. */
async function enterInDirectory(tx: Tx, header: ExportHeader, database: string, emails: string[]): Promise<void> {
  await enterOrganization(tx, { orgId: header.orgId, name: header.name, database });
  for (const email of emails) {
    if (!(await claimEmail(tx, header.orgId, email))) throw new OperatorError(`the email ${email} belongs to another organization's user; nothing was imported`);
  }
}

/** Loads and verifies the file's rows in the caller's transaction; answers the organization's users' emails. */
async function loadOrganization(tx: Tx, header: ExportHeader, file: string, places: ImportPlaces): Promise<string[]> {
  const session = sessionOfTransaction(tx);
  await session.exec('set local session_replication_role = replica');
  await session.query("select set_config('app.org_id', $1, true)", [header.orgId]);
  const tables = await listOrgTables(session);
  refuseOtherSchema(header, tables);
  // Any row of it at all (not only its organization row) means it is, or was partly, there.
  const present = (await checksumOrganization(session, tables, header.orgId)).filter((sum) => sum.rows > 0);
  if (present.length > 0) throw new OperatorError(`organization ${header.orgId} already has rows in the target database (${present.map((sum) => sum.table).join(', ')}); nothing was imported`);
  await insertRows(session, tables, file);
  await verifyLoad(session, header, tables);
  await advanceSequences(session, tables);
  return places.accountEmails(tx, header.orgId);
}

/** The file must name exactly the target's tables and columns: rows are never fitted to another schema. */
function refuseOtherSchema(header: ExportHeader, tables: OrgTable[]): void {
  const shape = (list: { name: string; columns: string[] }[]) => new Map(list.map((table) => [table.name, table.columns.join(',')]));
  const file = shape(header.tables);
  const target = shape(tables);
  for (const [name, columns] of file) {
    if (target.get(name) !== columns) throw new OperatorError(`the export's table ${name} does not match the target database's (a different schema version?); nothing was imported`);
  }
  for (const name of target.keys()) {
    if (!file.has(name)) throw new OperatorError(`the export has no table ${name}, which the target database has (a different schema version?); nothing was imported`);
  }
}

async function insertRows(session: RawSession, tables: OrgTable[], file: string): Promise<void> {
  const inserts = await insertStatements(session, tables);
  let table: string | null = null;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (table !== null && batch.length > 0) await session.query(inserts.get(table)!, [`[${batch.join(',')}]`]);
    batch = [];
    chars = 0;
  };
  let lineNumber = 0;
  for await (const line of readGzipLines(file)) {
    if (lineNumber++ === 0) continue;
    if (line === '') continue;
    const row = parseRowLine(line);
    if (!row || !inserts.has(row.table)) throw new OperatorError(`line ${lineNumber} is not a row of a table of the export; nothing was imported`);
    if (row.table !== table || batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
      await flush();
      table = row.table;
    }
    batch.push(row.rowJson);
    chars += row.rowJson.length;
  }
  await flush();
}

/**
 * One insert per table, from a JSON array of rows (json_populate_recordset turns each value back
 * into its column's type: exact numerics from their strings, timestamps, arrays, jsonb). Generated
 * columns are the database's to compute; identity columns keep their exported values.
 */
async function insertStatements(session: RawSession, tables: OrgTable[]): Promise<Map<string, string>> {
  const rows = await session.query<{ table: string; column: string; generated: boolean; identity: boolean }>(
    `select c.relname as table, a.attname as column, a.attgenerated <> '' as generated, a.attidentity = 'a' as identity
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = any ($1::text[]) and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [tables.map((table) => table.name)],
  );
  const statements = new Map<string, string>();
  for (const table of tables) {
    const columns = rows.filter((row) => row.table === table.name);
    const written = columns.filter((column) => !column.generated).map((column) => quoteIdent(column.column));
    const overriding = columns.some((column) => column.identity) ? ' overriding system value' : '';
    const name = quoteIdent(table.name);
    statements.set(table.name, `insert into ${name} (${written.join(', ')})${overriding} select ${written.join(', ')} from json_populate_recordset(null::${name}, $1::json)`);
  }
  return statements;
}

async function verifyLoad(session: RawSession, header: ExportHeader, tables: OrgTable[]): Promise<void> {
  const loaded = await checksumOrganization(session, tables, header.orgId);
  for (const sum of loaded) {
    const expected = header.tables.find((table) => table.name === sum.table)!;
    if (sum.rows !== expected.rows || sum.checksum !== expected.checksum) {
      throw new OperatorError(
        `${sum.table}: the file announces ${expected.rows} rows (checksum ${expected.checksum}), the load has ${sum.rows} (checksum ${sum.checksum}); nothing was imported`,
      );
    }
  }
}

/** Sequences (stock_moves.seq's identity) moved past the largest imported value, so the next row does not collide. */
async function advanceSequences(session: RawSession, tables: OrgTable[]): Promise<void> {
  const sequences = await session.query<{ table: string; column: string; sequence: string }>(
    `select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = any ($1::text[]) and a.attnum > 0 and not a.attisdropped
        and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`,
    [tables.map((table) => table.name)],
  );
  for (const { table, column, sequence } of sequences) {
    await session.query(
      `select setval($1::regclass, m) from (select max(${quoteIdent(column)}) as m from ${quoteIdent(table)}) x
        where m is not null and m > coalesce(pg_sequence_last_value($1::regclass), 0)`,
      [sequence],
    );
  }
}
