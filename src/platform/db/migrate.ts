import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const migrationsDir = fileURLToPath(new URL('../../../migrations', import.meta.url));

// Any constant will do; it only has to be the same in every server that migrates this database.
const MIGRATION_LOCK_KEY = 727_001;

export function listMigrations(dir = migrationsDir): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock
 * so that servers starting together apply each file exactly once.
 */
export async function migrate(db: Database, dir = migrationsDir): Promise<string[]> {
  const migrations = listMigrations(dir);
  return db.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.exec(
        'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
      );
      const applied = new Set((await session.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name));
      const newlyApplied: string[] = [];
      for (const migration of migrations.filter((m) => !applied.has(m.name))) {
        await session.exec(`begin;\n${migration.sql}\n;insert into schema_migrations (name) values ('${migration.name}');\ncommit;`).catch(async (error: unknown) => {
          await session.exec('rollback').catch(() => undefined);
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
        });
        newlyApplied.push(migration.name);
      }
      return newlyApplied;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
