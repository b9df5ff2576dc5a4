import { combinePermissions, requireNoEscalation, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, duplicateCode, notFound } from '../../platform/http/errors.js';
import { invalidateAccessAfterCommit } from './access.service.js';
import { insertRole, selectRole, selectRoles, updateRoleRow, type RoleRow } from './roles.queries.js';
import type { CreateRoleInput, Role, UpdateRoleInput } from './roles.schema.js';

// A role is answered with every module, those it does not name at none.
const withAllModules = (role: RoleRow): Role => ({ ...role, permissions: combinePermissions([role.permissions]) });

/** The organization's roles, system ones first. */
export async function listRoles(ctx: RequestContext) {
  requirePermission(ctx, 'settings', 'read');
  return withTenant(ctx, async (tx) => ({ items: (await selectRoles(tx)).map(withAllModules), nextCursor: null }));
}

/** One role of the organization; another organization's role is not found. */
export async function getRole(ctx: RequestContext, id: string) {
  requirePermission(ctx, 'settings', 'read');
  return withTenant(ctx, async (tx) => {
    const role = await selectRole(tx, id);
    if (!role) throw notFound('role');
    return withAllModules(role);
  });
}

/** A custom role, up to the creator's own levels; modules it does not name get no access. */
export async function createRole(ctx: RequestContext, input: CreateRoleInput) {
  requirePermission(ctx, 'settings', 'write');
  const permissions = combinePermissions([input.permissions]);
  requireNoEscalation(ctx, permissions);
  return withTenant(ctx, async (tx) => {
    const role = await insertRole(tx, ctx.orgId, { name: input.name, permissions });
    if (!role) throw duplicateCode('role', input.name, 'name', `a role named ${input.name} already exists`);
    return withAllModules(role);
  });
}

/** Changes a custom role, raising no module above the changer's level; its users' rights change on their next request. */
export async function updateRole(ctx: RequestContext, id: string, input: UpdateRoleInput) {
  requirePermission(ctx, 'settings', 'write');
  return withTenant(ctx, async (tx) => {
    const existing = await selectRole(tx, id);
    if (!existing) throw notFound('role');
    if (existing.system) throw new AppError('CONFLICT', 'system roles cannot be changed');
    const permissions = input.permissions ? combinePermissions([input.permissions]) : existing.permissions;
    requireNoEscalation(ctx, permissions, existing.permissions);
    const updated = await updateRoleRow(tx, id, { name: input.name ?? existing.name, permissions });
    invalidateAccessAfterCommit(ctx.platform, ctx.orgId);
    return withAllModules(updated!);
  });
}
