import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { REFRESH_TOKEN_DAYS, hashToken, newOpaqueToken } from '../../platform/auth/tokens.js';

export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  password_hash: string;
  active: boolean;
}

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRow | null> {
  const result = await tx.execute(sql`select id, org_id, email, name, password_hash, active from users where lower(email) = ${email}`);
  return (result.rows[0] as unknown as UserRow | undefined) ?? null;
}

export async function findUserSession(tx: Tx, userId: string) {
  const result = await tx.execute(sql`
    select u.id, u.email, u.name, u.active, o.id as org_id, o.name as org_name,
           coalesce(array_agg(r.name order by r.name) filter (where r.name is not null), '{}') as roles
    from users u
    join organizations o on o.id = u.org_id
    left join user_roles ur on ur.org_id = u.org_id and ur.user_id = u.id
    left join roles r on r.org_id = ur.org_id and r.id = ur.role_id
    where u.id = ${userId}
    group by u.id, o.id`);
  return (result.rows[0] as unknown as { id: string; email: string; name: string; active: boolean; org_id: string; org_name: string; roles: string[] } | undefined) ?? null;
}

/**
 * Creates a refresh token in a family (a new family at sign-in: one family is one session);
 * only its hash is stored.
 */
export async function insertRefreshToken(tx: Tx, orgId: string, userId: string, familyId: string | null): Promise<{ token: string; familyId: string }> {
  const token = newOpaqueToken();
  const result = await tx.execute(sql`
    insert into refresh_tokens (org_id, user_id, family_id, token_hash, expires_at)
    values (${orgId}, ${userId}, coalesce(${familyId}::uuid, gen_uuid_v7()), ${hashToken(token)}, now() + make_interval(days => ${REFRESH_TOKEN_DAYS}))
    returning family_id`);
  return { token, familyId: (result.rows[0] as { family_id: string }).family_id };
}

/** Marks an unused, live token used; returns nothing when it was already used, revoked or expired. */
export async function consumeRefreshToken(tx: Tx, token: string) {
  const result = await tx.execute(sql`
    update refresh_tokens set used_at = now()
    where token_hash = ${hashToken(token)} and used_at is null and revoked_at is null and expires_at > now()
    returning org_id, user_id, family_id`);
  return (result.rows[0] as unknown as { org_id: string; user_id: string; family_id: string } | undefined) ?? null;
}

export async function revokeFamilyOfToken(tx: Tx, token: string): Promise<boolean> {
  const result = await tx.execute(sql`
    update refresh_tokens set revoked_at = coalesce(revoked_at, now())
    where family_id = (select family_id from refresh_tokens where token_hash = ${hashToken(token)})
    returning id`);
  return result.rows.length > 0;
}

/** Ends every session of the user but the one named (all of them when it is null). */
export async function revokeOtherSessions(tx: Tx, userId: string, keepFamilyId: string | null): Promise<void> {
  await tx.execute(sql`
    update refresh_tokens set revoked_at = now()
    where user_id = ${userId} and revoked_at is null and family_id is distinct from ${keepFamilyId}::uuid`);
}

export async function findPasswordOf(tx: Tx, userId: string) {
  const result = await tx.execute(sql`select email, password_hash from users where id = ${userId}`);
  return (result.rows[0] as { email: string; password_hash: string } | undefined) ?? null;
}

export async function revokeUserTokens(tx: Tx, orgId: string, userId: string): Promise<void> {
  await tx.execute(sql`update refresh_tokens set revoked_at = now() where org_id = ${orgId} and user_id = ${userId} and revoked_at is null`);
}
