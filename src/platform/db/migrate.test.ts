import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, withDatabaseName } from '../../../test/database.js';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { openPostgres } from './database.js';
import { listMigrations, migrate } from './migrate.js';

// Migrations: plain SQL files applied in name order, each once, each in one transaction,
// under an advisory lock so that servers starting together do not race.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('migrate', () => {
  it('has recorded every migration file, and a second run applies nothing', async () => {
    const names = listMigrations().map((migration) => migration.name);
    const recorded = await systemRows<{ name: string }>(server.database.db, sql`select name from schema_migrations order by name`);
    expect(recorded.map((row) => row.name)).toEqual(names);
    expect(await migrate(server.database.db)).toEqual([]);
  });

  it('a failing migration is rolled back whole, names itself, and the ones before it stay applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'monopilot-migrations-'));
    const suffix = randomBytes(3).toString('hex');
    writeFileSync(join(dir, `9001_ok_${suffix}.sql`), `create table zz_ok_${suffix} (id int);`);
    writeFileSync(join(dir, `9002_bad_${suffix}.sql`), `create table zz_bad_${suffix} (id int);\nselect 1 / 0;`);
    await expect(migrate(server.database.db, dir)).rejects.toThrow(new RegExp(`9002_bad_${suffix}`));
    const tables = await systemRows<{ name: string }>(server.database.db, sql`select relname as name from pg_class where relname like ${`zz_%_${suffix}`}`);
    expect(tables.map((row) => row.name)).toEqual([`zz_ok_${suffix}`]);
    const recorded = await systemRows<{ name: string }>(server.database.db, sql`select name from schema_migrations where name like '900%'`);
    expect(recorded.map((row) => row.name)).toEqual([`9001_ok_${suffix}.sql`]);
    // The lock was released: the next run goes ahead (and fails on the same file again).
    await expect(migrate(server.database.db, dir)).rejects.toThrow(/9002_bad/);
  });

  it.skipIf(!process.env.DATABASE_URL)('two servers migrating one fresh database at once apply each file exactly once', async () => {
    const serverUrl = process.env.DATABASE_URL!;
    const name = `mp_migrate_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const first = openPostgres(withDatabaseName(serverUrl, name), 2);
    const second = openPostgres(withDatabaseName(serverUrl, name), 2);
    try {
      const [appliedByFirst, appliedBySecond] = await Promise.all([migrate(first), migrate(second)]);
      const all = listMigrations().map((migration) => migration.name);
      expect([...appliedByFirst, ...appliedBySecond].sort()).toEqual(all);
      const recorded = await first.withSession((session) => session.query<{ n: number }>('select count(*)::int as n from schema_migrations'));
      expect(recorded[0]!.n).toBe(all.length);
    } finally {
      await first.close();
      await second.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  }, 120_000);
});
