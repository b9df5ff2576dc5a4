import { sql } from 'drizzle-orm';
import { combinePermissions, requireNoEscalation, requirePermission, type Permissions } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { invalidateAccessAfterCommit } from './access.js';
import type { CreateRoleInput, UpdateRoleInput } from './users.schema.js';

interface RoleRow {
  id: string;
  name: string;
  permissions: Permissions;
  is_system: boolean;
}

const toRole = (row: RoleRow) => ({ id: row.id, name: row.name, permissions: combinePermissions([row.permissions]), system: row.is_system });

async function findRole(tx: Tx, id: string) {
  const result = await tx.execute(sql`select id, name, permissions, is_system from roles where id = ${id}`);
  return (result.rows[0] as unknown as RoleRow | undefined) ?? null;
}

/** The organization's roles, system ones first. */
export async function listRoles(ctx: RequestContext) {
  requirePermission(ctx, 'settings', 'read');
  return withTenant(ctx, async (tx) => {
    const result = await tx.execute(sql`select id, name, permissions, is_system from roles order by is_system desc, name`);
    return { items: (result.rows as unknown as RoleRow[]).map(toRole), nextCursor: null };
  });
}

/** One role of the organization; another organization's role is not found. */
export async function getRole(ctx: RequestContext, id: string) {
  requirePermission(ctx, 'settings', 'read');
  return withTenant(ctx, async (tx) => {
    const role = await findRole(tx, id);
    if (!role) throw notFound('role');
    return toRole(role);
  });
}

/** A custom role, up to the creator's own levels; modules it does not name get no access. */
export async function createRole(ctx: RequestContext, input: CreateRoleInput) {
  requirePermission(ctx, 'settings', 'write');
  const permissions = combinePermissions([input.permissions]);
  requireNoEscalation(ctx, permissions);
  return withTenant(ctx, async (tx) => {
    const inserted = await tx.execute(sql`
      insert into roles (org_id, name, permissions) values (${ctx.orgId}, ${input.name}, ${JSON.stringify(permissions)}::jsonb)
      on conflict do nothing returning id, name, permissions, is_system`);
    const row = inserted.rows[0] as unknown as RoleRow | undefined;
    if (!row) throw new AppError('CONFLICT', `a role named ${input.name} already exists`, [{ path: 'name', message: 'already exists' }]);
    return toRole(row);
  });
}

/** Changes a custom role, raising no module above the changer's level; its users' rights change on their next request. */
export async function updateRole(ctx: RequestContext, id: string, input: UpdateRoleInput) {
  requirePermission(ctx, 'settings', 'write');
  return withTenant(ctx, async (tx) => {
    const existing = await findRole(tx, id);
    if (!existing) throw notFound('role');
    if (existing.is_system) throw new AppError('CONFLICT', 'system roles cannot be changed');
    const permissions = input.permissions ? combinePermissions([input.permissions]) : existing.permissions;
    requireNoEscalation(ctx, permissions, existing.permissions);
    await tx.execute(sql`update roles set name = ${input.name ?? existing.name}, permissions = ${JSON.stringify(permissions)}::jsonb where id = ${id}`);
    invalidateAccessAfterCommit(ctx.platform, ctx.orgId);
    return toRole((await findRole(tx, id))!);
  });
}
