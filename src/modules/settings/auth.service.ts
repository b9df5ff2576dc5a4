import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { systemRoles } from '../../platform/auth/permissions.js';
import type { Platform, RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withSystem, withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { consumeRefreshToken, findUserByEmail, findUserSession, insertRefreshToken, revokeFamilyOfToken } from './auth.queries.js';
import type { LoginInput, Session, SignupInput } from './auth.schema.js';
import { assertNotLockedOut, clearFailedLogins, recordFailedLogin } from './login-throttle.js';

const badCredentials = () => new AppError('UNAUTHENTICATED', 'email or password is wrong');
const badRefreshToken = () => new AppError('UNAUTHENTICATED', 'the refresh token is not valid');

/** Creates an organization with its system roles and the signer as its admin, and signs them in. */
export async function signup(platform: Platform, input: SignupInput): Promise<Session> {
  const passwordHash = await hashPassword(input.password);
  return withSystem(platform.db, async (tx) => {
    const org = (await tx.execute(sql`insert into organizations (name) values (${input.organizationName}) returning id`)).rows[0] as { id: string };
    const user = (
      await tx.execute(sql`insert into users (org_id, email, name, password_hash) values (${org.id}, ${input.email}, ${input.name}, ${passwordHash}) returning id`)
    ).rows[0] as { id: string };
    for (const [name, permissions] of Object.entries(systemRoles)) {
      await tx.execute(sql`insert into roles (org_id, name, permissions, is_system) values (${org.id}, ${name}, ${JSON.stringify(permissions)}::jsonb, true)`);
    }
    await tx.execute(sql`insert into user_roles (org_id, user_id, role_id) select ${org.id}, ${user.id}, id from roles where org_id = ${org.id} and name = 'admin'`);
    return issueSession(platform, tx, user.id, null);
  });
}

/** Signs in by email and password; unknown emails and wrong passwords are refused alike. */
export async function login(platform: Platform, input: LoginInput): Promise<Session> {
  const user = await withSystem(platform.db, async (tx) => {
    await assertNotLockedOut(tx, input.email);
    return findUserByEmail(tx, input.email);
  });
  const isValid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!isValid || !user || !user.active) {
    const delay = await withSystem(platform.db, (tx) => recordFailedLogin(tx, input.email));
    if (delay > 0) await sleep(delay);
    throw badCredentials();
  }
  return withSystem(platform.db, async (tx) => {
    await clearFailedLogins(tx, input.email);
    return issueSession(platform, tx, user.id, null);
  });
}

/** Trades a refresh token for a new pair; presenting a used token revokes its whole family. */
export async function refresh(platform: Platform, refreshToken: string): Promise<{ accessToken: string; refreshToken: string }> {
  const outcome = await withSystem(platform.db, async (tx) => {
    const token = await consumeRefreshToken(tx, refreshToken);
    if (!token) {
      await revokeFamilyOfToken(tx, refreshToken);
      return null;
    }
    const session = await findUserSession(tx, token.user_id);
    if (!session?.active) return null;
    return {
      accessToken: await platform.tokens.signAccess({ userId: token.user_id, orgId: token.org_id }),
      refreshToken: await insertRefreshToken(tx, token.org_id, token.user_id, token.family_id),
    };
  });
  if (!outcome) throw badRefreshToken();
  return outcome;
}

/** Ends the session the refresh token belongs to. */
export async function logout(platform: Platform, refreshToken: string): Promise<void> {
  await withSystem(platform.db, (tx) => revokeFamilyOfToken(tx, refreshToken));
}

/** The signed-in user, their organization and their rights. */
export async function getMe(ctx: RequestContext) {
  const session = await withTenant(ctx, (tx) => findUserSession(tx, ctx.userId));
  if (!session) throw badCredentials();
  return {
    user: { id: session.id, email: session.email, name: session.name, roles: session.roles },
    organization: { id: session.org_id, name: session.org_name },
    permissions: ctx.permissions,
  };
}

async function issueSession(platform: Platform, tx: Tx, userId: string, familyId: string | null): Promise<Session> {
  const session = await findUserSession(tx, userId);
  if (!session) throw badCredentials();
  return {
    accessToken: await platform.tokens.signAccess({ userId, orgId: session.org_id }),
    refreshToken: await insertRefreshToken(tx, session.org_id, userId, familyId),
    user: { id: session.id, email: session.email, name: session.name, roles: session.roles },
    organization: { id: session.org_id, name: session.org_name },
  };
}
