import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.js';
import * as tables from './tables.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

it("the Drizzle definitions match the technical module's tables in the database, column by column", async () => {
  for (const table of Object.values(tables) as PgTable[]) {
    const config = getTableConfig(table);
    const result = await server.database.db.orm.execute(sql`
      select attname as name, attnotnull as not_null, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = ${config.name}::regclass and attnum > 0 and not attisdropped order by attname`);
    const inDatabase = result.rows.map((row) => ({ name: row.name, notNull: row.not_null, type: String(row.type).replaceAll(' ', '') }));
    const declared = config.columns
      .map((column) => ({ name: column.name, notNull: column.notNull, type: column.getSQLType().replaceAll(' ', '') }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(declared, config.name).toEqual(inDatabase);
  }
});
