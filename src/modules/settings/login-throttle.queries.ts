import { and, eq, gt, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import type { SignInAttempt } from './login-throttle.js';
import { loginAttempts } from './tables.js';

const sinceMinutes = (minutes: number) => sql`now() - make_interval(mins => ${minutes})`;
const ofAttempt = (attempt: SignInAttempt) => and(eq(loginAttempts.email, attempt.email), eq(loginAttempts.address, attempt.address));

/** Whole seconds this address stays locked out for this email; null when it is not locked out. */
export async function findLockoutSeconds(tx: Tx, attempt: SignInAttempt): Promise<number | null> {
  const [row] = await tx
    .select({ seconds: sql<number>`ceil(extract(epoch from ${loginAttempts.lockedUntil} - now()))::int` })
    .from(loginAttempts)
    .where(and(ofAttempt(attempt), gt(loginAttempts.lockedUntil, sql`now()`)));
  return row?.seconds ?? null;
}

/** Counts one more failure of this email from this address, starting over once the window has passed; answers the count. */
export async function countFailure(tx: Tx, attempt: SignInAttempt, windowMinutes: number): Promise<number> {
  const isStale = sql`${loginAttempts.firstFailedAt} < ${sinceMinutes(windowMinutes)}`;
  const [row] = await tx
    .insert(loginAttempts)
    .values({ email: attempt.email, address: attempt.address, failures: 1, firstFailedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [loginAttempts.email, loginAttempts.address],
      set: {
        failures: sql`case when ${isStale} then 1 else ${loginAttempts.failures} + 1 end`,
        firstFailedAt: sql`case when ${isStale} then now() else ${loginAttempts.firstFailedAt} end`,
      },
    })
    .returning({ failures: loginAttempts.failures });
  return row!.failures;
}

export async function lockOut(tx: Tx, attempt: SignInAttempt, minutes: number): Promise<void> {
  await tx
    .update(loginAttempts)
    .set({ lockedUntil: sql`now() + make_interval(mins => ${minutes})` })
    .where(ofAttempt(attempt));
}

/** The failures of this email from every address within the window. */
export async function sumRecentFailures(tx: Tx, email: string, windowMinutes: number): Promise<number> {
  const [row] = await tx
    .select({ failures: sql<number>`coalesce(sum(${loginAttempts.failures}), 0)::int` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gte(loginAttempts.firstFailedAt, sinceMinutes(windowMinutes))));
  return row?.failures ?? 0;
}

export async function deleteFailures(tx: Tx, attempt: SignInAttempt): Promise<void> {
  await tx.delete(loginAttempts).where(ofAttempt(attempt));
}
