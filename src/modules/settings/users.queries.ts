import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { toIso } from '../../platform/db/columns.js';

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

/** Replaces a user's roles by name; answers the names that match no role. */
export async function replaceUserRoles(tx: Tx, orgId: string, userId: string, roleNames: string[]): Promise<string[]> {
  const found = await tx.execute(sql`
    select id, name from roles
    where lower(name) in (select lower(value) from jsonb_array_elements_text(${JSON.stringify(roleNames)}::jsonb))`);
  const known = new Set((found.rows as { name: string }[]).map((row) => row.name.toLowerCase()));
  const unknown = roleNames.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) return unknown;
  await tx.execute(sql`delete from user_roles where user_id = ${userId}`);
  for (const row of found.rows as { id: string }[]) {
    await tx.execute(sql`insert into user_roles (org_id, user_id, role_id) values (${orgId}, ${userId}, ${row.id})`);
  }
  return [];
}
