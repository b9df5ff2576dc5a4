import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { SQL } from 'drizzle-orm';
import type { Database, TransactionOptions, Tx } from './database.js';
import { queryRows } from './rows.js';
import { sqlStateOf } from './sql-state.js';
import { isDatabaseUnreachable } from '../http/errors.js';
import type { TenantRegistry } from './tenant-registry.js';

export { TenantRegistry } from './tenant-registry.js';

/** The least a tenant transaction needs to know: whose data, who acts, and where the data lives. */
export interface TenantScope {
  orgId: string;
  userId?: string | null;
  databases: TenantRegistry;
  /**
   * For a request (a RequestContext has both): its id and the server's logger, so that a failure
   * of after-commit work is logged against the request it belongs to.
   */
  requestId?: string;
  platform?: { log: Pick<Logger, 'error'> };
  /**
   * The work only reads (a GET): it goes on while the organization is being moved, when its
   * writes are held back for the switch. Unset: the work may write.
   */
  readsOnly?: boolean;
}

/** Where a transaction's after-commit failures are reported. */
type FailureLog = Pick<TenantScope, 'requestId' | 'platform'>;

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
  return followingMoves(scope, async () => {
    const target = scope.databases.databaseFor(scope.orgId);
    const remember = writePositionKeeper(scope, target);
    let position: string | null = null;
    const options = { prelude: tenantPrelude(scope, !scope.readsOnly), ...(remember ? { onCommitPosition: (lsn: string) => (position = lsn) } : {}) };
    const result = await runTransaction(target, scope.orgId, scope, fn, options);
    if (remember && position) await remember(position);
    return result;
  });
}

/**
 * With a read replica, a user's write on the primary leaves its commit position, so that the
 * same user's next report reads the replica only once it has replayed that far.
 */
function writePositionKeeper(scope: TenantScope, database: Database): ((lsn: string) => Promise<void>) | null {
  const routing = scope.databases.readRouting;
  if (!routing || !scope.userId || scope.readsOnly || database !== scope.databases.main) return null;
  const userId = scope.userId;
  return (lsn) => routing.rememberWrite(scope.orgId, userId, lsn);
}

/**
 * withTenant for reports (trace, recall, dashboard): a read-only transaction on the read
 * replica when one is configured. Inside an open transaction of the same organization it
 * joins that one, so a report never misses the caller's own uncommitted change.
 */
export async function withTenantReadOnly<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const open = current.getStore();
  if (open && open.orgId === scope.orgId) return fn(open.tx);
  const options = { prelude: tenantPrelude(scope, false), readOnly: true };
  return followingMoves(scope, async () => {
    const database = await scope.databases.reportDatabaseFor(scope.orgId, scope.userId);
    try {
      return await runTransaction(database, scope.orgId, scope, fn, options);
    } catch (error) {
      // A replica that went away between polls: this report, and the next ones, read the primary.
      if (database !== scope.databases.replica || !isDatabaseUnreachable(error)) throw error;
      scope.databases.readRouting?.monitor.markDown();
      return runTransaction(scope.databases.main, scope.orgId, scope, fn, options);
    }
  });
}

/**
 * withTenant for an export of the organization: one read-only, repeatable-read transaction, so
 * every table is read from the same snapshot however long the export takes.
 */
export async function withTenantSnapshot<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return followingMoves(scope, () =>
    runTransaction(scope.databases.databaseFor(scope.orgId), scope.orgId, scope, fn, { prelude: tenantPrelude(scope, false), readOnly: true, isolation: 'repeatable read' }),
  );
}

/**
 * The scanner's door: one read statement as the tenant, in a single round trip on a server (the
 * tenancy prelude and the statement in one message; see Database.readInOneMessage), the way a
 * bare handler would ask. Same rules as withTenant: the app role, the organization and user set
 * for that statement only, row level security on; inside an open transaction of the organization
 * it joins that one. Name the row type from the table definitions, as for queryRows.
 */
export async function readAsTenant<T extends Record<string, unknown>>(scope: TenantScope, query: SQL): Promise<T[]> {
  const database = scope.databases.databaseFor(scope.orgId);
  const open = current.getStore();
  const isJoining = open && open.orgId === scope.orgId && open.database === database;
  if (isJoining || !database.readInOneMessage) return withTenant({ ...scope, readsOnly: true }, (tx) => queryRows<T>(tx, query));
  // The driver cannot know what the SQL selects: the caller's type names it, as in queryRows.
  return followingMoves(scope, async () => (await scope.databases.databaseFor(scope.orgId).readInOneMessage!(tenantPrelude(scope, false), query)) as T[]);
}

/** SQLSTATE of the gate (migration 0014) when the organization no longer lives in that database. */
const MOVED_AWAY = 'MP002';

/**
 * Runs work that starts with the tenancy prelude; when the database it went to says the
 * organization has moved away (the prelude's gate, before any of the work ran), reads the
 * directory again and runs it once more where the organization now lives.
 */
async function followingMoves<T>(scope: TenantScope, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (sqlStateOf(error) !== MOVED_AWAY) throw error;
    await scope.databases.reload();
    return run();
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenancy door's settings, transaction-local: the unprivileged role and whose data, and the
 * gate that holds back a moving organization's writes (migration 0014). It is sent as text
 * beside BEGIN (no parameters there), so it takes nothing but checked UUIDs.
 */
function tenantPrelude(scope: TenantScope, writes: boolean): string {
  const userId = scope.userId ?? '';
  if (!uuidPattern.test(scope.orgId) || (userId !== '' && !uuidPattern.test(userId))) {
    throw new Error('a tenant transaction needs UUIDs for its organization and user');
  }
  return `select set_config('role', '${APP_ROLE}', true), set_config('app.org_id', '${scope.orgId}', true), set_config('app.user_id', '${userId}', true), mp_tenant_gate('${scope.orgId}', ${writes})`;
}

/**
 * The named door for the few operations that must cross organizations (signup, login
 * by email, token refresh, job dispatch). It runs as the connecting role; it serves no one
 * request, so its after-commit failures have no request to be logged against.
 */
export async function withSystem<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const open = current.getStore();
  if (open && open.orgId === null && open.database === database) return fn(open.tx);
  return runTransaction(database, null, {}, fn, {});
}

/** The system door for an operator's export or backup: one read-only snapshot of a database. */
export async function withSystemSnapshot<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runTransaction(database, null, {}, fn, { readOnly: true, isolation: 'repeatable read' });
}

/** Runs fn once the current transaction commits (at once when there is none); never after a rollback. */
export function afterCommit(fn: () => void | Promise<void>): void {
  const open = current.getStore();
  if (open) open.afterCommit.push(fn);
  else void fn();
}

async function runTransaction<T>(database: Database, orgId: string | null, failures: FailureLog, fn: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T> {
  // PGlite has one connection: a transaction opened while another is open on it (another
  // organization's, or the system door inside a tenant's) would wait for it forever.
  const open = current.getStore();
  if (open && open.database === database && database.kind === 'pglite') {
    throw new Error('a second transaction cannot be opened inside an open one on the embedded database (single connection)');
  }
  const callbacks: (() => void | Promise<void>)[] = [];
  const result = await database.transaction((tx) => current.run({ orgId, database, tx, afterCommit: callbacks }, () => fn(tx)), options);
  for (const callback of callbacks) {
    try {
      await callback();
    } catch (err) {
      // After-commit work (cache invalidation, publishing) must not turn a committed change into an
      // error, but a stale cache or a missed event must be traceable to the request that caused it.
      failures.platform?.log.error({ err, requestId: failures.requestId }, 'after-commit work failed');
    }
  }
  return result;
}
