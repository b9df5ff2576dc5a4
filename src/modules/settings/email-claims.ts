import type { Platform } from '../../platform/context.js';
import { claimEmail, releaseEmail } from '../../platform/db/directory.js';
import { withSystem } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';

// Emails are unique across organizations and databases: say nothing of whose it is.
const emailTaken = () => new AppError('CONFLICT', 'an account with this email cannot be created', [{ path: 'email', message: 'cannot be used' }]);

/**
 * Creates an account under an email claimed in the shared directory first, so that two
 * databases can never give the same email to two accounts. The claim is a transaction of its
 * own (the organization may live in another database); it is given back when the account is
 * not created after all.
 */
export async function withClaimedEmail<T>(platform: Platform, orgId: string, email: string, create: () => Promise<T>): Promise<T> {
  const claimed = await withSystem(platform.db, (tx) => claimEmail(tx, orgId, email));
  if (!claimed) throw emailTaken();
  try {
    return await create();
  } catch (error) {
    await withSystem(platform.db, (tx) => releaseEmail(tx, orgId, email));
    throw error;
  }
}
