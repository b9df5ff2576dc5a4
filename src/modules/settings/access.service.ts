import { combinePermissions, type Permissions } from '../../platform/auth/permissions.js';
import type { Platform } from '../../platform/context.js';
import { afterCommit, withTenant } from '../../platform/db/tenancy.js';
import { selectAccess } from './access.queries.js';

const ACCESS_TAG = 'access';

/**
 * A user's current rights (null when inactive or gone), cached for five minutes and
 * dropped whenever a user or role changes, so the next request sees the change.
 * It runs on every authenticated request, before there is a context to check (it is what
 * gives the context its permissions): on a warm cache it is one lookup (in memory, or in Redis
 * when instances share it, so that no instance answers from a copy the others have dropped);
 * the database is read only on a miss.
 */
export async function resolveAccess(platform: Platform, orgId: string, userId: string): Promise<Permissions | null> {
  const access = await platform.cache.getOrSet({
    orgId,
    key: `access:${userId}`,
    ttl: '5m',
    tags: [ACCESS_TAG],
    factory: () => loadAccess(platform, orgId, userId),
    // A role taken away refuses the very next request, on whichever instance it lands.
    isFreshOnEveryInstance: true,
  });
  return access.active ? access.permissions : null;
}

async function loadAccess(platform: Platform, orgId: string, userId: string) {
  return withTenant({ orgId, userId, databases: platform.databases, readsOnly: true }, async (tx) => {
    const row = await selectAccess(tx, userId);
    return { active: row?.active ?? false, permissions: combinePermissions(row?.grants ?? []) };
  });
}

/** Call inside the transaction that changes users or roles; the cache drops after commit. */
export function invalidateAccessAfterCommit(platform: Platform, orgId: string): void {
  afterCommit(() => platform.cache.invalidateTags(orgId, [ACCESS_TAG]));
}
