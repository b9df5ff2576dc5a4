import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Tx } from './database.js';
import { tenantDirectory, userDirectory } from './tables.js';
import { queryRows } from './rows.js';
import { withSystem } from './tenancy.js';

/** The name of DATABASE_URL's database among the places an organization can live. */
export const SHARED_DATABASE = 'shared';

/**
 * The shared database's directory (migration 0014): where each organization lives, and which
 * organization an email signs in to. Every function here takes the shared database; the
 * directory is read before any organization is known, so through the system door.
 */

/** Every organization that lives outside the shared database: orgId → database name. */
export async function readPlacements(shared: Database): Promise<Map<string, string>> {
  const rows = await withSystem(shared, (tx) =>
    tx.select({ orgId: tenantDirectory.orgId, database: tenantDirectory.database }).from(tenantDirectory).where(ne(tenantDirectory.database, SHARED_DATABASE)),
  );
  return new Map(rows.map((row) => [row.orgId, row.database]));
}

/** Enters a new organization in the directory (in the caller's transaction on the shared database). */
export async function enterOrganization(tx: Tx, entry: { orgId: string; name: string; database?: string }): Promise<void> {
  await tx.insert(tenantDirectory).values({ orgId: entry.orgId, name: entry.name, database: entry.database ?? SHARED_DATABASE });
}

/** An id for an organization about to be created elsewhere (made here, time-ordered as every id). */
export async function newOrganizationId(tx: Tx): Promise<string> {
  const [row] = await queryRows<{ id: string }>(tx, sql`select gen_uuid_v7() as id`);
  return row!.id;
}

/** Takes an organization out of the directory (with its emails), when its creation failed. */
export async function removeOrganizationEntry(tx: Tx, orgId: string): Promise<void> {
  await tx.delete(userDirectory).where(eq(userDirectory.orgId, orgId));
  await tx.delete(tenantDirectory).where(eq(tenantDirectory.orgId, orgId));
}

/** Records that an organization now lives in another database (the commit point of a move). */
export async function placeOrganization(shared: Database, orgId: string, database: string): Promise<void> {
  await withSystem(shared, (tx) =>
    tx.update(tenantDirectory).set({ database, placedAt: sql`now()` }).where(eq(tenantDirectory.orgId, orgId)),
  );
}

/**
 * Claims an email for an organization's user, across every database; false when another
 * account has it. In the caller's transaction when it is on the shared database.
 */
export async function claimEmail(tx: Tx, orgId: string, email: string): Promise<boolean> {
  const claimed = await tx
    .insert(userDirectory)
    .values({ email: email.toLowerCase(), orgId })
    .onConflictDoNothing()
    .returning({ email: userDirectory.email });
  return claimed.length === 1;
}

/** Gives an email back (its user was not created after all, or now signs in with another). */
export async function releaseEmail(tx: Tx, orgId: string, email: string): Promise<void> {
  await tx.delete(userDirectory).where(and(eq(userDirectory.email, email.toLowerCase()), eq(userDirectory.orgId, orgId)));
}

/** The organization an email signs in to, if any. */
export async function findOrganizationOfEmail(tx: Tx, email: string): Promise<string | null> {
  const [row] = await tx.select({ orgId: userDirectory.orgId }).from(userDirectory).where(eq(userDirectory.email, email.toLowerCase()));
  return row?.orgId ?? null;
}
