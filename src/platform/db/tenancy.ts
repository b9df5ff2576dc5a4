import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './database.js';

/** The least a tenant transaction needs to know: whose data, who acts, and where the data lives. */
export interface TenantScope {
  orgId: string;
  userId?: string | null;
  databases: TenantRegistry;
}

/**
 * Maps an organization to the database that holds it. Most organizations share the
 * default database; an enterprise tenant may be given one of its own.
 */
export class TenantRegistry {
  private readonly dedicated = new Map<string, Database>();

  constructor(readonly main: Database) {}

  assign(orgId: string, database: Database): void {
    this.dedicated.set(orgId, database);
  }

  databaseFor(orgId: string): Database {
    return this.dedicated.get(orgId) ?? this.main;
  }

  all(): Database[] {
    return [this.main, ...new Set(this.dedicated.values())];
  }
}

interface OpenTransaction {
  orgId: string | null;
  database: Database;
  tx: Tx;
  afterCommit: (() => void | Promise<void>)[];
}

const current = new AsyncLocalStorage<OpenTransaction>();

const APP_ROLE = 'monopilot_app';

/**
 * The one door to tenant data: a transaction running as the unprivileged app role with
 * the organization and user set transaction-locally, so row level security applies.
 * A call nested inside an open transaction of the same organization joins it, which is
 * how a service can call another module's service in one transaction.
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const database = scope.databases.databaseFor(scope.orgId);
  const open = current.getStore();
  if (open && open.orgId === scope.orgId && open.database === database) return fn(open.tx);
  return runTransaction(database, scope.orgId, async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`,
    );
    return fn(tx);
  });
}

/**
 * The named door for the few operations that must cross organizations (signup, login
 * by email, token refresh, job dispatch). It runs as the connecting role.
 */
export async function withSystem<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const open = current.getStore();
  if (open && open.orgId === null && open.database === database) return fn(open.tx);
  return runTransaction(database, null, fn);
}

/** Runs fn once the current transaction commits (at once when there is none); never after a rollback. */
export function afterCommit(fn: () => void | Promise<void>): void {
  const open = current.getStore();
  if (open) open.afterCommit.push(fn);
  else void fn();
}

async function runTransaction<T>(database: Database, orgId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const callbacks: (() => void | Promise<void>)[] = [];
  const result = await database.orm.transaction((tx) =>
    current.run({ orgId, database, tx: tx as Tx, afterCommit: callbacks }, () => fn(tx as Tx)),
  );
  for (const callback of callbacks) {
    try {
      await callback();
    } catch {
      // After-commit work (cache invalidation, publishing) must not turn a committed change into an error.
    }
  }
  return result;
}
