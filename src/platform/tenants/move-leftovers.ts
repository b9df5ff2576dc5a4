import type { Database, RawSession } from '../db/database.js';
import { dropSourceReplication, dropSubscription, replicationNameOf } from './move-replication.js';
import { findFence, removeFence, setFence } from './move-fences.js';
import { deleteOrganizationRows } from './move-rows.js';
import { listOrgTables } from './org-tables.js';

/**
 * What a move that was killed (SIGKILL, a lost machine) can leave behind, put right against the
 * directory, which is the truth: no subscription, publication or slot of the organization's move
 * anywhere; no fence where the organization lives (a 'frozen' one would hold its writes back
 * forever); 'gone' wherever else it has a fence; and none of its rows in the databases named in
 * rowsFrom. The next move of the organization runs this first, and so does
 * `npm run tenant -- move <orgId> --abort`. Run under the move lock.
 */
export interface LeftoverScope {
  orgId: string;
  /** The database the directory places the organization in. */
  placement: string;
  /** Every database to clean, by name: a move's source and target must answer; the others may be down. */
  databases: [string, Database][];
  required: string[];
  /** Databases whose rows of the organization are leftovers of a copy (never the placement). */
  rowsFrom: string[];
  warn(message: string): void;
}

export async function clearLeftovers(scope: LeftoverScope): Promise<void> {
  const name = replicationNameOf(scope.orgId);
  const subscriptions: number[] = [];
  // Subscriptions first: dropping a slot that a subscriber still streams from would only see it return.
  await eachDatabase(scope, async (database) => {
    const oid = await database.withSession((session) => dropSubscription(session, name));
    if (oid !== null) subscriptions.push(oid);
  });
  await eachDatabase(scope, async (database, databaseName) => {
    await database.withSession(async (session) => {
      for (const oid of [null, ...subscriptions]) await dropSourceReplication(session, name, oid);
      await settleFence(session, scope, databaseName);
      if (scope.rowsFrom.includes(databaseName) && databaseName !== scope.placement) {
        await deleteOrganizationRows(session, await listOrgTables(session), scope.orgId);
      }
    });
  });
}

async function settleFence(session: RawSession, scope: LeftoverScope, databaseName: string): Promise<void> {
  const fence = await findFence(session, scope.orgId);
  if (fence === null) return;
  if (databaseName === scope.placement) {
    scope.warn(`removing a leftover '${fence}' fence of ${scope.orgId} in ${databaseName}, where it lives`);
    await removeFence(session, scope.orgId);
  } else if (fence === 'frozen') {
    await setFence(session, scope.orgId, 'gone');
  }
}

async function eachDatabase(scope: LeftoverScope, fn: (database: Database, name: string) => Promise<void>): Promise<void> {
  for (const [name, database] of scope.databases) {
    if (database.kind !== 'postgres') continue;
    try {
      await fn(database, name);
    } catch (error) {
      if (scope.required.includes(name)) throw error;
      scope.warn(`could not check ${name} for leftovers of a move: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
