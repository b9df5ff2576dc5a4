import { sql } from 'drizzle-orm';
import { combinePermissions, type Permissions } from '../../platform/auth/permissions.js';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';

interface UserRecord {
  id: string;
  email: string;
  name: string;
  active: boolean;
  created_at: string;
  roles: string[];
}

const userSelect = sql`
  select u.id, u.email, u.name, u.active, u.created_at,
         coalesce(array_agg(r.name order by r.name) filter (where r.name is not null), '{}') as roles
  from users u
  left join user_roles ur on ur.org_id = u.org_id and ur.user_id = u.id
  left join roles r on r.org_id = ur.org_id and r.id = ur.role_id`;

const toUser = (row: UserRecord) => ({ id: row.id, email: row.email, name: row.name, roles: row.roles, active: row.active, createdAt: toIso(row.created_at) });

export async function selectUsers(tx: Tx, options: { after: string | null; limit: number; active?: boolean }) {
  const result = await tx.execute(sql`${userSelect}
    where (${options.after}::uuid is null or u.id > ${options.after}::uuid)
      and (${options.active ?? null}::boolean is null or u.active = ${options.active ?? null}::boolean)
    group by u.id order by u.id limit ${options.limit + 1}`);
  return (result.rows as unknown as UserRecord[]).map(toUser);
}

export async function selectUser(tx: Tx, id: string) {
  const result = await tx.execute(sql`${userSelect} where u.id = ${id} group by u.id`);
  const row = result.rows[0] as unknown as UserRecord | undefined;
  return row ? toUser(row) : null;
}

export interface NamedRole {
  id: string;
  name: string;
  permissions: Partial<Permissions>;
}

/** The roles with these names (in any letter case); names that match none are simply missing. */
export async function findRolesByName(tx: Tx, roleNames: string[]): Promise<NamedRole[]> {
  const found = await tx.execute(sql`
    select id, name, permissions from roles
    where lower(name) in (select lower(value) from jsonb_array_elements_text(${JSON.stringify(roleNames)}::jsonb))`);
  return found.rows as unknown as NamedRole[];
}

/** What a user's roles give them today, combined module by module. */
export async function selectUserPermissions(tx: Tx, userId: string): Promise<Permissions> {
  const result = await tx.execute(sql`
    select coalesce(jsonb_agg(r.permissions), '[]') as grants
    from user_roles ur join roles r on r.org_id = ur.org_id and r.id = ur.role_id
    where ur.user_id = ${userId}`);
  return combinePermissions((result.rows[0] as { grants: Partial<Permissions>[] }).grants);
}

/** Replaces a user's roles. */
export async function replaceUserRoles(tx: Tx, orgId: string, userId: string, roleIds: string[]): Promise<void> {
  await tx.execute(sql`delete from user_roles where user_id = ${userId}`);
  for (const roleId of roleIds) {
    await tx.execute(sql`insert into user_roles (org_id, user_id, role_id) values (${orgId}, ${userId}, ${roleId})`);
  }
}

export async function updateUserPassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.execute(sql`update users set password_hash = ${passwordHash} where id = ${userId}`);
}
