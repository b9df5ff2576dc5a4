import { eq, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { claimEmail, releaseEmail } from '../../platform/db/directory.js';
import { withSystem } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { users } from './tables.js';

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

/**
 * The emails an organization's accounts sign in with, lower-cased as the directory keeps them:
 * what an import of the organization claims (in the import's own transaction, rows not yet committed).
 */
export async function listAccountEmails(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.selectDistinct({ email: sql<string>`lower(${users.email})` }).from(users).where(eq(users.orgId, orgId));
  return rows.map((row) => row.email);
}
