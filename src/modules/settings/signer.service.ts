import type { RequestContext } from '../../platform/context.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { selectSignerAccount } from './users.queries.js';

export interface Signer {
  id: string;
  name: string;
  email: string;
}

/**
 * The caller as the signer of an electronic signature (21 CFR Part 11): their own active
 * account, and only when the password typed again is theirs; null otherwise. Always the
 * session's user, so no one signs with another user's session. Joins the caller's transaction.
 */
export async function verifySigner(ctx: RequestContext, password: string): Promise<Signer | null> {
  // Any signed-in user may sign what their permissions let them do: the caller checks those.
  const user = await withTenant(ctx, (tx) => selectSignerAccount(tx, ctx.userId));
  const isValid = await verifyPassword(user?.passwordHash ?? null, password);
  return isValid && user?.active ? { id: user.id, name: user.name, email: user.email } : null;
}
