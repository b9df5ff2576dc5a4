import { hashPassword } from '../../platform/auth/passwords.js';
import { combinePermissions, levelsAbove, noPermissions, requireNoEscalation, requirePermission, type Permissions } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { withClaimedEmail } from './email-claims.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { invalidateAccessAfterCommit } from './access.service.js';
import { revokeUserTokens } from './auth.queries.js';
import { findRolesByName, insertUser, insertUserRoles, replaceUserRoles, selectUser, selectUserPermissions, selectUsers, updateUserPassword, updateUserProfile } from './users.queries.js';
import type { CreateUserInput, UpdateUserInput } from './users.schema.js';

const unknownRoles = (names: string[]) =>
  new AppError('VALIDATION', `unknown roles: ${names.join(', ')}`, [{ path: 'roles', message: `unknown roles: ${names.join(', ')}` }]);

/** Lists the organization's users. */
export async function listUsers(ctx: RequestContext, query: { limit: number; cursor?: string; active?: 'true' | 'false' }) {
  requirePermission(ctx, 'settings', 'read');
  const after = decodeCursor(query.cursor);
  const active = query.active === undefined ? undefined : query.active === 'true';
  return withTenant(ctx, async (tx) => toPage(await selectUsers(tx, { after, limit: query.limit, active }), query.limit));
}

/** One user of the organization; another organization's user is not found. */
export async function getUser(ctx: RequestContext, id: string) {
  requirePermission(ctx, 'settings', 'read');
  return withTenant(ctx, async (tx) => {
    const user = await selectUser(tx, id);
    if (!user) throw notFound('user');
    return user;
  });
}

/** Adds a user to the organization with the named roles (no more than the caller holds). */
export async function createUser(ctx: RequestContext, input: CreateUserInput) {
  requirePermission(ctx, 'settings', 'write');
  const passwordHash = await hashPassword(input.password);
  return withClaimedEmail(ctx.platform, ctx.orgId, input.email, () =>
    withTenant(ctx, async (tx) => {
      const roles = await findGivenRoles(ctx, tx, input.roles, noPermissions);
      const id = await insertUser(tx, ctx.orgId, { email: input.email, name: input.name, passwordHash });
      // Claimed in the directory, so taken here only by an account from before the directory.
      if (!id) throw new AppError('CONFLICT', 'an account with this email cannot be created', [{ path: 'email', message: 'cannot be used' }]);
      await insertUserRoles(tx, ctx.orgId, id, roles);
      return (await selectUser(tx, id))!;
    }),
  );
}

/**
 * Renames, re-roles, (de)activates a user or sets their password. Deactivation and a new
 * password end all the user's sessions at once.
 */
export async function updateUser(ctx: RequestContext, id: string, input: UpdateUserInput) {
  requirePermission(ctx, 'settings', 'write');
  if (input.active === false && id === ctx.userId) {
    throw new AppError('CONFLICT', 'you cannot deactivate yourself', [{ path: 'active', message: 'cannot deactivate yourself' }]);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return withTenant(ctx, async (tx) => {
    if (!(await selectUser(tx, id))) throw notFound('user');
    const held = await selectUserPermissions(tx, id);
    const roles = input.roles ? await findGivenRoles(ctx, tx, input.roles, held) : null;
    // Setting the password of someone who holds more than you would be taking over their rights.
    if (passwordHash && levelsAbove(held, ctx.permissions).length > 0) {
      throw new AppError('FORBIDDEN', 'you cannot set the password of a user who holds more rights than you');
    }
    if (input.name !== undefined || input.active !== undefined) {
      await updateUserProfile(tx, id, { name: input.name, active: input.active });
    }
    if (roles) await replaceUserRoles(tx, ctx.orgId, id, roles);
    if (passwordHash) await updateUserPassword(tx, id, passwordHash);
    if (input.active === false || passwordHash) await revokeUserTokens(tx, ctx.orgId, id);
    invalidateAccessAfterCommit(ctx.platform, ctx.orgId);
    return (await selectUser(tx, id))!;
  });
}

/** The ids of the named roles, refusing unknown names (400) and more than the caller may give (403). */
async function findGivenRoles(ctx: RequestContext, tx: Tx, names: string[], alreadyHeld: Permissions): Promise<string[]> {
  const roles = await findRolesByName(tx, names);
  const known = new Set(roles.map((role) => role.name.toLowerCase()));
  const unknown = names.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) throw unknownRoles(unknown);
  requireNoEscalation(ctx, combinePermissions(roles.map((role) => role.permissions)), alreadyHeld);
  return roles.map((role) => role.id);
}
