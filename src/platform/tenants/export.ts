import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database, RawSession } from '../db/database.js';
import { withSystemSnapshot } from '../db/tenancy.js';
import { EXPORT_FORMAT, EXPORT_VERSION, rowLine, type ExportHeader } from './export-format.js';
import { gzipLineSink, type LineSink } from './gzip-lines.js';
import { OperatorError } from './operator.js';
import { checksumOrganization, listOrgTables, quoteIdent, type OrgTable } from './org-tables.js';
import { sessionOfTransaction } from './tx-session.js';

/** Rows fetched from the cursor at a time: what the export holds in memory, whatever the organization's size. */
const PAGE_ROWS = 1000;
const CURSOR = 'mp_export_rows';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes every row of an organization, in the session's current transaction (open it
 * repeatable read, so the header's checksums and the rows are one snapshot): the header first,
 * then each table's rows from a cursor, a page at a time. `open` is handed the header before any
 * row is read, so a download can announce its size; it answers where the lines go.
 */
export async function exportOrganization(session: RawSession, orgId: string, open: (header: ExportHeader) => LineSink | Promise<LineSink>): Promise<ExportHeader> {
  if (!uuidPattern.test(orgId)) throw new OperatorError(`"${orgId}" is not an organization id`);
  // Under forced row level security an owner that is no superuser sees the organization's rows only with it set.
  await session.query("select set_config('app.org_id', $1, true)", [orgId]);
  const tables = await listOrgTables(session);
  const sums = await checksumOrganization(session, tables, orgId);
  const name = await organizationName(session, tables, orgId);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    orgId,
    name,
    exportedAt: new Date().toISOString(),
    tables: tables.map((table, index) => ({ name: table.name, columns: table.columns, rows: sums[index]!.rows, checksum: sums[index]!.checksum })),
  };
  const sink = await open(header);
  try {
    await sink.write([JSON.stringify(header)]);
    const exact = await columnsWrittenAsText(session, tables);
    for (const [index, table] of tables.entries()) {
      const written = await writeTableRows(session, sink, table, orgId, exact);
      // The same snapshot cannot disagree with itself; if it does, the file must not look whole.
      if (written !== header.tables[index]!.rows) throw new Error(`${table.name}: counted ${header.tables[index]!.rows} rows, read ${written}`);
    }
    await sink.end();
  } catch (error) {
    sink.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  return header;
}

/** The organization's name, from its own row (the table org-tables.ts says holds it, by its id). */
async function organizationName(session: RawSession, tables: OrgTable[], orgId: string): Promise<string> {
  const own = tables.find((table) => table.orgColumn === 'id');
  const [row] = own ? await session.query<{ name: string }>(`select name from ${quoteIdent(own.name)} where id = $1`, [orgId]) : [];
  if (!row) throw new OperatorError(`no organization ${orgId} in its database`);
  return row.name;
}

async function writeTableRows(session: RawSession, sink: LineSink, table: OrgTable, orgId: string, exact: Set<string>): Promise<number> {
  const columns = table.columns.map((column) => (exact.has(`${table.name}.${column}`) ? `t.${quoteIdent(column)}::text as ${quoteIdent(column)}` : `t.${quoteIdent(column)}`));
  // The id is a checked UUID: a cursor's query takes no parameters on every driver.
  await session.exec(
    `declare ${CURSOR} no scroll cursor for select row_to_json(x)::text as r from (select ${columns.join(', ')} from ${quoteIdent(table.name)} t where t.${quoteIdent(table.orgColumn)} = '${orgId}') x`,
  );
  let written = 0;
  for (;;) {
    const page = await session.query<{ r: string }>(`fetch forward ${PAGE_ROWS} from ${CURSOR}`);
    await sink.write(page.map((row) => rowLine(table.name, row.r)));
    written += page.length;
    if (page.length < PAGE_ROWS) break;
  }
  await session.exec(`close ${CURSOR}`);
  return written;
}

/**
 * The columns written as JSON strings: numeric and bigint (and their arrays), which a JSON
 * number would carry exactly but most readers (JavaScript's among them) would not.
 */
async function columnsWrittenAsText(session: RawSession, tables: OrgTable[]): Promise<Set<string>> {
  const rows = await session.query<{ name: string }>(
    `select c.relname || '.' || a.attname as name from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname = any ($1::text[]) and a.attnum > 0 and not a.attisdropped
        and a.atttypid = any (array['numeric'::regtype, 'int8'::regtype, '_numeric'::regtype, '_int8'::regtype]::oid[])`,
    [tables.map((table) => table.name)],
  );
  return new Set(rows.map((row) => row.name));
}

/**
 * Exports an organization from the database it lives in into a file, as the connecting role
 * (an operator's export or a backup) in one read-only snapshot. The file appears whole or not
 * at all: it is written beside its name and renamed when complete.
 */
export async function exportOrganizationToFile(database: Database, orgId: string, file: string): Promise<ExportHeader> {
  const partial = `${file}.partial`;
  await mkdir(dirname(file), { recursive: true });
  try {
    const header = await withSystemSnapshot(database, (tx) => exportOrganization(sessionOfTransaction(tx), orgId, () => gzipLineSink(createWriteStream(partial, { mode: 0o600 }))));
    await rename(partial, file);
    return header;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
