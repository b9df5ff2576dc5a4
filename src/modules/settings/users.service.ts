import { sql } from 'drizzle-orm';
import { hashPassword } from '../../platform/auth/passwords.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { invalidateAccessAfterCommit } from './access.js';
import { revokeUserTokens } from './auth.queries.js';
import { replaceUserRoles, selectUser, selectUsers } from './users.queries.js';
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

/** Adds a user to the organization with the named roles. */
export async function createUser(ctx: RequestContext, input: CreateUserInput) {
  requirePermission(ctx, 'settings', 'write');
  const passwordHash = await hashPassword(input.password);
  return withTenant(ctx, async (tx) => {
    const inserted = await tx.execute(sql`
      insert into users (org_id, email, name, password_hash) values (${ctx.orgId}, ${input.email}, ${input.name}, ${passwordHash})
      on conflict do nothing returning id`);
    const id = (inserted.rows[0] as { id: string } | undefined)?.id;
    if (!id) throw new AppError('CONFLICT', 'a user with this email already exists', [{ path: 'email', message: 'already in use' }]);
    const unknown = await replaceUserRoles(tx, ctx.orgId, id, input.roles);
    if (unknown.length > 0) throw unknownRoles(unknown);
    return (await selectUser(tx, id))!;
  });
}

/** Renames, re-roles or (de)activates a user; a deactivated user's sessions end at once. */
export async function updateUser(ctx: RequestContext, id: string, input: UpdateUserInput) {
  requirePermission(ctx, 'settings', 'write');
  if (input.active === false && id === ctx.userId) {
    throw new AppError('CONFLICT', 'you cannot deactivate yourself', [{ path: 'active', message: 'cannot deactivate yourself' }]);
  }
  return withTenant(ctx, async (tx) => {
    const existing = await selectUser(tx, id);
    if (!existing) throw notFound('user');
    if (input.name !== undefined || input.active !== undefined) {
      await tx.execute(sql`update users set name = coalesce(${input.name ?? null}, name), active = coalesce(${input.active ?? null}::boolean, active) where id = ${id}`);
    }
    if (input.roles) {
      const unknown = await replaceUserRoles(tx, ctx.orgId, id, input.roles);
      if (unknown.length > 0) throw unknownRoles(unknown);
    }
    if (input.active === false) await revokeUserTokens(tx, ctx.orgId, id);
    invalidateAccessAfterCommit(ctx.platform, ctx.orgId);
    return (await selectUser(tx, id))!;
  });
}
