import type { Config } from '../../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { openDedicatedDatabases } from '../db/dedicated-databases.js';
import { SHARED_DATABASE } from '../db/directory.js';
import { migrate } from '../db/migrate.js';
import { TenantRegistry } from '../db/tenant-registry.js';

/**
 * What the operator's commands (`npm run tenant -- …`) work with: the shared database (the
 * directory) and every dedicated one, by name, migrated, as a server would open them, but
 * without a server's jobs, caches or routes.
 */
export interface Operator {
  config: Config;
  shared: Database;
  registry: TenantRegistry;
  /** 'shared' or a name of TENANT_DATABASES; an unknown name is the operator's mistake. */
  database(name: string): Database;
  /** The URL of a named database (for a move's subscription), null for an embedded shared database. */
  urlOf(name: string): string | null;
  close(): Promise<void>;
}

export class OperatorError extends Error {}

export async function openOperator(config: Config): Promise<Operator> {
  // The operator's work needs sessions (locks, replication commands): straight to PostgreSQL.
  const shared = await openDatabase({ url: config.DATABASE_DIRECT_URL ?? config.DATABASE_URL, dataDir: config.DATA_DIR });
  const dedicated = openDedicatedDatabases(config.TENANT_DATABASES);
  await migrate(shared);
  for (const database of dedicated.values()) await migrate(database);
  const registry = new TenantRegistry(shared, null, dedicated);
  await registry.reload();
  return {
    config,
    shared,
    registry,
    database(name) {
      if (name === SHARED_DATABASE) return shared;
      const database = dedicated.get(name);
      if (!database) throw new OperatorError(`no database named "${name}": TENANT_DATABASES names ${[...dedicated.keys()].join(', ') || 'none'}`);
      return database;
    },
    urlOf: (name) => (name === SHARED_DATABASE ? (config.DATABASE_DIRECT_URL ?? config.DATABASE_URL ?? null) : (config.TENANT_DATABASES[name] ?? null)),
    async close() {
      for (const database of registry.all()) await database.close();
    },
  };
}
