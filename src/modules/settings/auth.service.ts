import { setTimeout as sleep } from 'node:timers/promises';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { systemRoles } from '../../platform/auth/permissions.js';
import type { Platform, RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { claimEmail, enterOrganization, findOrganizationOfEmail, newOrganizationId, removeOrganizationEntry, SHARED_DATABASE } from '../../platform/db/directory.js';
import { withSystem, withTenant } from '../../platform/db/tenancy.js';
import { AppError, invalid } from '../../platform/http/errors.js';
import {
  consumeRefreshToken,
  findPasswordOf,
  findUserByEmail,
  findUserSession,
  insertOrganization,
  insertRefreshToken,
  organizationOfRefreshToken,
  revokeFamilyOfToken,
  revokeOtherSessions,
} from './auth.queries.js';
import type { ChangePasswordInput, LoginInput, Session, SignupInput, TokenPair } from './auth.schema.js';
import { assertNotLockedOut, clearFailedLogins, recordFailedLogin, type SignInAttempt } from './login-throttle.js';
import { insertSystemRoles } from './roles.queries.js';
import { insertUser, insertUserRoles, updateUserPassword } from './users.queries.js';

const badCredentials = () => AppError.coded('UNAUTHENTICATED', 'wrong_credentials', {}, 'email or password is wrong');
const badRefreshToken = () => new AppError('UNAUTHENTICATED', 'the refresh token is not valid');

/**
 * Creates an organization with its system roles and the signer as its admin, and signs them in.
 * A new organization lives in the shared database (its directory entry written in the same
 * transaction) unless the operator names a dedicated one (`npm run demo -- --database`).
 */
export async function signup(platform: Platform, input: SignupInput, database: string = SHARED_DATABASE): Promise<Session> {
  const passwordHash = await hashPassword(input.password);
  if (database !== SHARED_DATABASE) return signupInDedicatedDatabase(platform, input, passwordHash, database);
  return withSystem(platform.db, async (tx) => {
    const orgId = await insertOrganization(tx, input.organizationName);
    await enterOrganization(tx, { orgId, name: input.organizationName });
    // Say nothing of the constraint or the email: the refusal rolls back the organization too.
    if (!(await claimEmail(tx, orgId, input.email))) throw emailCannotBeUsed();
    return createFirstAdmin(platform, tx, orgId, input, passwordHash);
  });
}

const emailCannotBeUsed = () => new AppError('CONFLICT', 'an account with this email cannot be created');

/**
 * The directory entry and the email's claim first, in the shared database; then the organization
 * in its own database, under the same id. Should that fail, the directory entry goes again.
 */
async function signupInDedicatedDatabase(platform: Platform, input: SignupInput, passwordHash: string, database: string): Promise<Session> {
  const target = platform.databases.named(database);
  const orgId = await withSystem(platform.db, async (tx) => {
    const id = await newOrganizationId(tx);
    await enterOrganization(tx, { orgId: id, name: input.organizationName, database });
    if (!(await claimEmail(tx, id, input.email))) throw emailCannotBeUsed();
    return id;
  });
  try {
    const session = await withSystem(target, async (tx) => {
      await insertOrganization(tx, input.organizationName, orgId);
      return createFirstAdmin(platform, tx, orgId, input, passwordHash);
    });
    platform.databases.assign(orgId, database);
    return session;
  } catch (error) {
    await withSystem(platform.db, (tx) => removeOrganizationEntry(tx, orgId));
    throw error;
  }
}

async function createFirstAdmin(platform: Platform, tx: Tx, orgId: string, input: SignupInput, passwordHash: string): Promise<Session> {
  const userId = await insertUser(tx, orgId, { email: input.email, name: input.name, passwordHash });
  if (!userId) throw emailCannotBeUsed();
  const roleIds = await insertSystemRoles(tx, orgId, systemRoles);
  await insertUserRoles(tx, orgId, userId, [roleIds.get('admin')!]);
  return issueSession(platform, tx, userId, null);
}

/**
 * Signs in by email and password; unknown emails and wrong passwords are refused alike.
 * Failures are throttled per email and client address (login-throttle.ts).
 */
export async function login(platform: Platform, input: LoginInput, clientAddress: string): Promise<Session> {
  const attempt = { email: input.email, address: clientAddress };
  const orgId = await withSystem(platform.db, async (tx) => {
    await assertNotLockedOut(tx, attempt);
    return findOrganizationOfEmail(tx, input.email);
  });
  // The account itself is in its organization's database, wherever that is.
  const user = orgId ? await withTenant({ orgId, databases: platform.databases, readsOnly: true }, (tx) => findUserByEmail(tx, input.email)) : null;
  const isValid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!isValid || !user || !user.active) {
    await holdBackFailure(platform, attempt);
    throw badCredentials();
  }
  await withSystem(platform.db, (tx) => clearFailedLogins(tx, attempt));
  return withTenant({ orgId: user.orgId, userId: user.id, databases: platform.databases }, (tx) => issueSession(platform, tx, user.id, null));
}

/**
 * Changes the caller's own password. Every other session of the user ends: all their refresh
 * token families but the one the caller's access token was issued in (`sessionId`; when the
 * token names none, all of them). A wrong current password counts like a failed sign-in.
 */
export async function changeOwnPassword(ctx: RequestContext, input: ChangePasswordInput, caller: { clientAddress: string; sessionId: string | null }): Promise<void> {
  // Any signed-in user may change their own password: no module permission is needed.
  const user = await withTenant(ctx, (tx) => findPasswordOf(tx, ctx.userId));
  if (!user) throw badCredentials();
  const attempt = { email: user.email, address: caller.clientAddress };
  await withSystem(ctx.platform.db, (tx) => assertNotLockedOut(tx, attempt));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await holdBackFailure(ctx.platform, attempt);
    throw invalid('currentPassword', 'is not your current password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTenant(ctx, async (tx) => {
    await updateUserPassword(tx, ctx.userId, passwordHash);
    await revokeOtherSessions(tx, ctx.userId, caller.sessionId);
  });
  await withSystem(ctx.platform.db, (tx) => clearFailedLogins(tx, attempt));
}

async function holdBackFailure(platform: Platform, attempt: SignInAttempt): Promise<void> {
  const delay = await withSystem(platform.db, (tx) => recordFailedLogin(tx, attempt));
  if (delay > 0) await sleep(delay);
}

/** Trades a refresh token for a new pair; presenting a used token revokes its whole family. */
export async function refresh(platform: Platform, refreshToken: string): Promise<TokenPair> {
  const orgId = organizationOfRefreshToken(refreshToken);
  if (!orgId) throw badRefreshToken();
  const outcome = await withTenant({ orgId, databases: platform.databases }, async (tx) => {
    const token = await consumeRefreshToken(tx, refreshToken);
    if (!token) {
      await revokeFamilyOfToken(tx, refreshToken);
      return null;
    }
    const session = await findUserSession(tx, token.userId);
    if (!session?.active) return null;
    const next = await insertRefreshToken(tx, token.orgId, token.userId, token.familyId);
    return {
      accessToken: await platform.tokens.signAccess({ userId: token.userId, orgId: token.orgId, sessionId: next.familyId }),
      refreshToken: next.token,
    };
  });
  if (!outcome) throw badRefreshToken();
  return outcome;
}

/** Ends the session the refresh token belongs to. */
export async function logout(platform: Platform, refreshToken: string): Promise<void> {
  const orgId = organizationOfRefreshToken(refreshToken);
  if (orgId) await withTenant({ orgId, databases: platform.databases }, (tx) => revokeFamilyOfToken(tx, refreshToken));
}

/** The signed-in user, their organization and their rights. */
export async function getMe(ctx: RequestContext) {
  const session = await withTenant(ctx, (tx) => findUserSession(tx, ctx.userId));
  if (!session) throw badCredentials();
  return {
    user: { id: session.id, email: session.email, name: session.name, roles: session.roles },
    organization: { id: session.orgId, name: session.orgName },
    permissions: ctx.permissions,
  };
}

async function issueSession(platform: Platform, tx: Tx, userId: string, familyId: string | null): Promise<Session> {
  const session = await findUserSession(tx, userId);
  if (!session) throw badCredentials();
  const next = await insertRefreshToken(tx, session.orgId, userId, familyId);
  return {
    accessToken: await platform.tokens.signAccess({ userId, orgId: session.orgId, sessionId: next.familyId }),
    refreshToken: next.token,
    user: { id: session.id, email: session.email, name: session.name, roles: session.roles },
    organization: { id: session.orgId, name: session.orgName },
  };
}
