import { sql } from 'drizzle-orm';
import { combinePermissions, type Permissions } from '../../platform/auth/permissions.js';
import type { Platform } from '../../platform/context.js';
import { afterCommit, withTenant } from '../../platform/db/tenancy.js';

const ACCESS_TAG = 'access';

/**
 * A user's current rights (null when inactive or gone), cached for five minutes and
 * dropped whenever a user or role changes, so the next request sees the change.
 */
export async function resolveAccess(platform: Platform, orgId: string, userId: string): Promise<Permissions | null> {
  const access = await platform.cache.getOrSet({
    orgId,
    key: `access:${userId}`,
    ttl: '5m',
    tags: [ACCESS_TAG],
    factory: () => loadAccess(platform, orgId, userId),
  });
  return access.active ? access.permissions : null;
}

async function loadAccess(platform: Platform, orgId: string, userId: string) {
  return withTenant({ orgId, userId, databases: platform.databases }, async (tx) => {
    const result = await tx.execute(sql`
      select u.active, coalesce(jsonb_agg(r.permissions) filter (where r.id is not null), '[]') as grants
      from users u
      left join user_roles ur on ur.org_id = u.org_id and ur.user_id = u.id
      left join roles r on r.org_id = ur.org_id and r.id = ur.role_id
      where u.id = ${userId}
      group by u.id`);
    const row = result.rows[0] as { active: boolean; grants: Partial<Permissions>[] } | undefined;
    return { active: row?.active ?? false, permissions: combinePermissions(row?.grants ?? []) };
  });
}

/** Call inside the transaction that changes users or roles; the cache drops after commit. */
export function invalidateAccessAfterCommit(platform: Platform, orgId: string): void {
  afterCommit(() => platform.cache.invalidateTags(orgId, [ACCESS_TAG]));
}
