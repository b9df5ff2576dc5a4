import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, withDatabaseName } from '../../../test/database.js';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { openPostgres } from './database.js';
import { listMigrations, migrate, migrationsDir } from './migrate.js';

// Migrations: plain SQL files applied in name order, each once, each in one transaction,
// under an advisory lock so that servers starting together do not race. Each applied file's
// checksum is recorded: history is never rewritten, and nothing is slipped in before it.

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

  const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
  const scratchDir = () => mkdtempSync(join(tmpdir(), 'monopilot-migrations-'));
  const tablesLike = async (pattern: string) =>
    (await systemRows<{ name: string }>(server.database.db, sql`select relname as name from pg_class where relname like ${pattern} order by relname`)).map((row) => row.name);

  it('records the sha256 of every applied file', async () => {
    const recorded = await systemRows<{ name: string; checksum: string }>(server.database.db, sql`select name, checksum from schema_migrations where name < '9'`);
    const expected = listMigrations().map((migration) => ({ name: migration.name, checksum: sha256(readFileSync(join(migrationsDir, migration.name))) }));
    expect([...recorded].sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected);
  });

  it('a database migrated before checksums were kept gets them on the next start', async () => {
    await systemRows(server.database.db, sql`alter table schema_migrations drop column checksum`);
    expect(await migrate(server.database.db)).toEqual([]);
    const recorded = await systemRows<{ name: string; checksum: string | null }>(server.database.db, sql`select name, checksum from schema_migrations where name < '9' order by name`);
    expect(recorded.map((row) => row.checksum)).toEqual(listMigrations().map((migration) => sha256(readFileSync(join(migrationsDir, migration.name)))));
  });

  it('refuses to start when an applied file has changed, naming it, and applies nothing', async () => {
    const dir = scratchDir();
    const suffix = randomBytes(3).toString('hex');
    writeFileSync(join(dir, `9101_first_${suffix}.sql`), `create table zz_first_${suffix} (id int);`);
    expect(await migrate(server.database.db, dir)).toEqual([`9101_first_${suffix}.sql`]);
    writeFileSync(join(dir, `9101_first_${suffix}.sql`), `create table zz_first_${suffix} (id int, edited int);`);
    writeFileSync(join(dir, `9102_next_${suffix}.sql`), `create table zz_next_${suffix} (id int);`);
    await expect(migrate(server.database.db, dir)).rejects.toThrow(new RegExp(`9101_first_${suffix}\\.sql.*changed`));
    expect(await tablesLike(`zz_%_${suffix}`)).toEqual([`zz_first_${suffix}`]);
  });

  it('refuses a new file that sorts before the last applied one, naming both, and applies nothing', async () => {
    const dir = scratchDir();
    const suffix = randomBytes(3).toString('hex');
    writeFileSync(join(dir, `9202_b_${suffix}.sql`), `create table zz_b_${suffix} (id int);`);
    expect(await migrate(server.database.db, dir)).toEqual([`9202_b_${suffix}.sql`]);
    writeFileSync(join(dir, `9201_a_${suffix}.sql`), `create table zz_a_${suffix} (id int);`);
    writeFileSync(join(dir, `9203_c_${suffix}.sql`), `create table zz_c_${suffix} (id int);`);
    const refused = migrate(server.database.db, dir);
    await expect(refused).rejects.toThrow(new RegExp(`9201_a_${suffix}\\.sql`));
    await expect(refused).rejects.toThrow(new RegExp(`9202_b_${suffix}\\.sql`));
    expect(await tablesLike(`zz_%_${suffix}`)).toEqual([`zz_b_${suffix}`]);
    // The lock was released: once the file is renamed to sort last, it goes ahead.
    renameSync(join(dir, `9201_a_${suffix}.sql`), join(dir, `9204_a_${suffix}.sql`));
    expect(await migrate(server.database.db, dir)).toEqual([`9203_c_${suffix}.sql`, `9204_a_${suffix}.sql`]);
  });

  it.skipIf(!process.env.DATABASE_URL)('two servers migrating one fresh database at once apply each file exactly once', async () => {
    // Migrations hold a session: straight to the server when the run goes through PgBouncer.
    const serverUrl = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL!;
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
