import { and, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { REFRESH_TOKEN_DAYS, hashToken, newOpaqueToken } from '../../platform/auth/tokens.js';
import { organizations, refreshTokens, roles, userRoles, users } from './tables.js';
import { roleNamesOfUser } from './users.queries.js';

export async function insertOrganization(tx: Tx, name: string, id?: string): Promise<string> {
  const [row] = await tx.insert(organizations).values({ name, ...(id ? { id } : {}) }).returning({ id: organizations.id });
  return row!.id;
}

/** The account signing in with this email (already lower-cased), in the organization whose transaction this is. */
export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: users.id, orgId: users.orgId, email: users.email, name: users.name, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  return row ?? null;
}

/** The user, their roles and their organization, as a session describes them. */
export async function findUserSession(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, name: users.name, active: users.active, orgId: organizations.id, orgName: organizations.name, roles: roleNamesOfUser })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .leftJoin(userRoles, and(eq(userRoles.orgId, users.orgId), eq(userRoles.userId, users.id)))
    .leftJoin(roles, and(eq(roles.orgId, userRoles.orgId), eq(roles.id, userRoles.roleId)))
    .where(eq(users.id, userId))
    .groupBy(users.id, organizations.id);
  return row ?? null;
}

/**
 * A refresh token names its organization before its secret part (`<orgId>.<secret>`): refreshing
 * happens before anything else says which organization, and so which database, to ask.
 */
const refreshTokenShape = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/** The organization a refresh token names, or null when it is not shaped like one of ours. */
export function organizationOfRefreshToken(token: string): string | null {
  return refreshTokenShape.exec(token)?.[1] ?? null;
}

/**
 * Creates a refresh token in a family (a new family at sign-in: one family is one session);
 * only its hash is stored.
 */
export async function insertRefreshToken(tx: Tx, orgId: string, userId: string, familyId: string | null): Promise<{ token: string; familyId: string }> {
  const token = `${orgId}.${newOpaqueToken()}`;
  const [row] = await tx
    .insert(refreshTokens)
    .values({
      orgId,
      userId,
      familyId: familyId ?? sql`gen_uuid_v7()`,
      tokenHash: hashToken(token),
      expiresAt: sql`now() + make_interval(days => ${REFRESH_TOKEN_DAYS})`,
    })
    .returning({ familyId: refreshTokens.familyId });
  return { token, familyId: row!.familyId };
}

/** Marks an unused, live token used; returns nothing when it was already used, revoked or expired. */
export async function consumeRefreshToken(tx: Tx, token: string) {
  const [row] = await tx
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.tokenHash, hashToken(token)), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, sql`now()`)))
    .returning({ orgId: refreshTokens.orgId, userId: refreshTokens.userId, familyId: refreshTokens.familyId });
  return row ?? null;
}

export async function revokeFamilyOfToken(tx: Tx, token: string): Promise<boolean> {
  const family = tx.select({ familyId: refreshTokens.familyId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(token)));
  const revoked = await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, now())` })
    .where(inArray(refreshTokens.familyId, family))
    .returning({ id: refreshTokens.id });
  return revoked.length > 0;
}

/** Ends every session of the user but the one named (all of them when it is null). */
export async function revokeOtherSessions(tx: Tx, userId: string, keepFamilyId: string | null): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), keepFamilyId === null ? undefined : ne(refreshTokens.familyId, keepFamilyId)));
}

export async function findPasswordOf(tx: Tx, userId: string) {
  const [row] = await tx.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

export async function revokeUserTokens(tx: Tx, orgId: string, userId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.orgId, orgId), eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
