import { and, eq, sql } from 'drizzle-orm';
import type { Permissions } from '../../platform/auth/permissions.js';
import type { Tx } from '../../platform/db/database.js';
import { roles, userRoles, users } from './tables.js';

/** Whether the user is active and what each of their roles grants; null when there is no such user. */
export async function selectAccess(tx: Tx, userId: string): Promise<{ active: boolean; grants: Partial<Permissions>[] } | null> {
  const [row] = await tx
    .select({
      active: users.active,
      grants: sql<Partial<Permissions>[]>`coalesce(jsonb_agg(${roles.permissions}) filter (where ${roles.id} is not null), '[]')`,
    })
    .from(users)
    .leftJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .leftJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(eq(users.id, userId))
    .groupBy(users.id);
  return row ?? null;
}
