import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

// The migrated database is the source of truth; the Drizzle definitions in each tables.ts
// must describe it exactly (tables, columns, nullability, types). The files are found on
// disk, so a new module's tables.ts is checked as soon as it exists.

const srcDir = fileURLToPath(new URL('../../', import.meta.url));
/** Tables that belong to the machinery, not to a module. */
const ignoredTables = new Set(['schema_migrations']);

interface ColumnShape {
  type: string;
  notNull: boolean;
}

interface DefinedTable {
  file: string;
  columns: Map<string, ColumnShape>;
}

function tableFiles(): string[] {
  const modulesDir = join(srcDir, 'modules');
  const moduleFiles = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(modulesDir, entry.name, 'tables.ts'))
    .filter((file) => existsSync(file));
  return [join(srcDir, 'platform', 'db', 'tables.ts'), ...moduleFiles];
}

/** 'numeric(18, 6)' and 'numeric(18,6)', 'timestamp (3) with time zone' and 'timestamp(3) with time zone' are the same type. */
const normalizeType = (type: string) => type.toLowerCase().replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')').trim();

let server: TestServer;
const defined = new Map<string, DefinedTable>();
const duplicates: string[] = [];
let actual: Map<string, Map<string, ColumnShape>>;

beforeAll(async () => {
  for (const file of tableFiles()) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (!is(value, PgTable)) continue;
      const config = getTableConfig(value);
      const name = config.schema ? `${config.schema}.${config.name}` : config.name;
      const relative = file.slice(srcDir.length);
      if (defined.has(name)) duplicates.push(`${name} in ${defined.get(name)!.file} and ${relative}`);
      defined.set(name, {
        file: relative,
        columns: new Map(config.columns.map((column) => [column.name, { type: normalizeType(column.getSQLType()), notNull: column.notNull }])),
      });
    }
  }
  server = await startTestServer();
  const rows = await systemRows<{ table_name: string; column_name: string; type: string; not_null: boolean }>(
    server.database.db,
    sql`select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname, a.attnum`,
  );
  actual = new Map();
  for (const row of rows) {
    if (ignoredTables.has(row.table_name)) continue;
    if (!actual.has(row.table_name)) actual.set(row.table_name, new Map());
    actual.get(row.table_name)!.set(row.column_name, { type: normalizeType(row.type), notNull: row.not_null });
  }
});
afterAll(() => server.stop());

describe('Drizzle definitions and the migrated database', () => {
  it('reads the table definitions of the platform and of every module that has a tables.ts', () => {
    expect(tableFiles().map((file) => file.slice(srcDir.length))).toEqual(expect.arrayContaining(['platform/db/tables.ts', 'modules/settings/tables.ts']));
    expect(defined.size).toBeGreaterThan(5);
  });

  it('defines each table once', () => {
    expect(duplicates).toEqual([]);
  });

  it('every table of the database has a Drizzle definition', () => {
    const undefinedTables = [...actual.keys()].filter((name) => !defined.has(name));
    expect(undefinedTables).toEqual([]);
  });

  it('every Drizzle table exists in the database', () => {
    const missing = [...defined.entries()].filter(([name]) => !actual.has(name)).map(([name, table]) => `${name} (${table.file})`);
    expect(missing).toEqual([]);
  });

  it('columns, nullability and types agree, table by table', () => {
    const differences: string[] = [];
    for (const [name, table] of defined) {
      const columns = actual.get(name);
      if (!columns) continue;
      for (const [column, shape] of table.columns) {
        const real = columns.get(column);
        if (!real) differences.push(`${name}.${column}: defined in ${table.file}, not in the database`);
        else if (real.type !== shape.type) differences.push(`${name}.${column}: ${shape.type} in ${table.file}, ${real.type} in the database`);
        else if (real.notNull !== shape.notNull) differences.push(`${name}.${column}: ${shape.notNull ? 'not null' : 'nullable'} in ${table.file}, ${real.notNull ? 'not null' : 'nullable'} in the database`);
      }
      for (const column of columns.keys()) {
        if (!table.columns.has(column)) differences.push(`${name}.${column}: in the database, missing from ${table.file}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
