import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const migrationsDir = fileURLToPath(new URL('../../../migrations', import.meta.url));

// Any constant will do; it only has to be the same in every server that migrates this database.
const MIGRATION_LOCK_KEY = 727_001;

export interface Migration {
  name: string;
  sql: string;
  /** sha256 of the file's bytes, recorded when it is applied. */
  checksum: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock
 * so that servers starting together apply each file exactly once. History is checked
 * first: an applied file whose content changed, or a new file that sorts before the last
 * applied one (so it would run in a different order here than where the others were
 * written), stops the start before anything is applied.
 */
export async function migrate(db: Database, dir = migrationsDir): Promise<string[]> {
  const migrations = listMigrations(dir);
  return db.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.exec(
        'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now());\n' +
          // Databases migrated before checksums were kept get the column here, and their checksums below.
          'alter table schema_migrations add column if not exists checksum text;',
      );
      const rows = await session.query<{ name: string; checksum: string | null }>('select name, checksum from schema_migrations');
      const applied = new Map(rows.map((row) => [row.name, row.checksum]));
      const pending = migrations.filter((migration) => !applied.has(migration.name));
      checkHistory(migrations, applied, pending);
      for (const migration of migrations.filter((m) => applied.get(m.name) === null)) {
        await session.query('update schema_migrations set checksum = $1 where name = $2', [migration.checksum, migration.name]);
      }
      const newlyApplied: string[] = [];
      for (const migration of pending) {
        await session
          .exec(`begin;\n${migration.sql}\n;insert into schema_migrations (name, checksum) values ('${migration.name}', '${migration.checksum}');\ncommit;`)
          .catch(async (error: unknown) => {
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

/** applied: name → recorded checksum (null: applied before checksums were kept). */
function checkHistory(migrations: Migration[], applied: Map<string, string | null>, pending: Migration[]): void {
  for (const migration of migrations) {
    const recorded = applied.get(migration.name);
    if (recorded && recorded !== migration.checksum) {
      throw new Error(`migration ${migration.name} has changed since it was applied; add a new migration instead of editing an applied one`);
    }
  }
  const lastApplied = [...applied.keys()].sort().at(-1);
  const early = lastApplied === undefined ? undefined : pending.find((migration) => migration.name < lastApplied);
  if (early) {
    throw new Error(`migration ${early.name} is new but sorts before ${lastApplied}, which is already applied; rename it to sort after ${lastApplied}`);
  }
}
