import { and, eq, gt, sql } from 'drizzle-orm';
import { combinePermissions, type Permissions } from '../../platform/auth/permissions.js';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { User } from './users.schema.js';
import { roles, userRoles, users } from './tables.js';

/** The names of the user's roles, alphabetically (none: an empty array). */
export const roleNamesOfUser = sql<string[]>`coalesce(array_agg(${roles.name} order by ${roles.name}) filter (where ${roles.name} is not null), '{}')`;

const userFields = { id: users.id, email: users.email, name: users.name, roles: roleNamesOfUser, active: users.active, createdAt: users.createdAt };

/** Users with their roles: group by users.id. */
const selectUsersWithRoles = (tx: Tx) =>
  tx
    .select(userFields)
    .from(users)
    .leftJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .leftJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .$dynamic();

// The driver hands timestamps back in Postgres's text form; the API answers ISO 8601.
const withIsoTime = (row: User): User => ({ ...row, createdAt: toIso(row.createdAt) });

export async function selectUsers(tx: Tx, options: { after: string | null; limit: number; active?: boolean }): Promise<User[]> {
  const rows = await selectUsersWithRoles(tx)
    .where(and(options.after === null ? undefined : gt(users.id, options.after), options.active === undefined ? undefined : eq(users.active, options.active)))
    .groupBy(users.id)
    .orderBy(users.id)
    .limit(options.limit + 1);
  return rows.map(withIsoTime);
}

export async function selectUser(tx: Tx, id: string): Promise<User | null> {
  const [row] = await selectUsersWithRoles(tx).where(eq(users.id, id)).groupBy(users.id);
  return row ? withIsoTime(row) : null;
}

/** Inserts a user; null when the email is taken (emails are unique across organizations). */
export async function insertUser(tx: Tx, orgId: string, user: { email: string; name: string; passwordHash: string }): Promise<string | null> {
  const [row] = await tx.insert(users).values({ orgId, email: user.email, name: user.name, passwordHash: user.passwordHash }).onConflictDoNothing().returning({ id: users.id });
  return row?.id ?? null;
}

/** Renames and/or (de)activates a user (at least one of the two is given). */
export async function updateUserProfile(tx: Tx, id: string, change: { name?: string; active?: boolean }): Promise<void> {
  await tx.update(users).set({ name: change.name, active: change.active }).where(eq(users.id, id));
}

export interface NamedRole {
  id: string;
  name: string;
  permissions: Partial<Permissions>;
}

/** The roles with these names (in any letter case); names that match none are simply missing. */
export async function findRolesByName(tx: Tx, roleNames: string[]): Promise<NamedRole[]> {
  return tx
    .select({ id: roles.id, name: roles.name, permissions: roles.permissions })
    .from(roles)
    .where(sql`lower(${roles.name}) in (select lower(value) from jsonb_array_elements_text(${JSON.stringify(roleNames)}::jsonb))`);
}

/** What a user's roles give them today, combined module by module. */
export async function selectUserPermissions(tx: Tx, userId: string): Promise<Permissions> {
  const rows = await tx
    .select({ permissions: roles.permissions })
    .from(userRoles)
    .innerJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(eq(userRoles.userId, userId));
  return combinePermissions(rows.map((row) => row.permissions));
}

/** Gives a user roles (adding to those they hold). */
export async function insertUserRoles(tx: Tx, orgId: string, userId: string, roleIds: string[]): Promise<void> {
  if (roleIds.length === 0) return;
  await tx.insert(userRoles).values(roleIds.map((roleId) => ({ orgId, userId, roleId })));
}

/** Replaces a user's roles. */
export async function replaceUserRoles(tx: Tx, orgId: string, userId: string, roleIds: string[]): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  await insertUserRoles(tx, orgId, userId, roleIds);
}

export async function updateUserPassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** What signing needs of a user: who they are, whether they may still act, and their password hash. */
export async function selectSignerAccount(tx: Tx, id: string) {
  const [row] = await tx.select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, active: users.active }).from(users).where(eq(users.id, id));
  return row ?? null;
}
