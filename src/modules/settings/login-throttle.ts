import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';

// After a few misses each answer is slowed; after MAX_FAILURES within the window the email is locked out.
export const MAX_FAILURES = 5;
const SLOW_AFTER = 2;
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;

/** Refuses with 429 while an email is locked out after repeated failed sign-ins. */
export async function assertNotLockedOut(tx: Tx, email: string): Promise<void> {
  const result = await tx.execute(sql`
    select ceil(extract(epoch from locked_until - now()))::int as seconds
    from login_attempts where email = ${email} and locked_until > now()`);
  const row = result.rows[0] as { seconds: number } | undefined;
  if (row) {
    throw new AppError('RATE_LIMITED', `too many failed sign-ins for this email; try again in ${row.seconds} seconds`, undefined, {
      'retry-after': String(row.seconds),
    });
  }
}

/** Counts a failure and answers how long to hold the answer back (milliseconds). */
export async function recordFailedLogin(tx: Tx, email: string): Promise<number> {
  const result = await tx.execute(sql`
    insert into login_attempts (email, failures, first_failed_at) values (${email}, 1, now())
    on conflict (email) do update set
      failures = case when login_attempts.first_failed_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1 else login_attempts.failures + 1 end,
      first_failed_at = case when login_attempts.first_failed_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then now() else login_attempts.first_failed_at end
    returning failures`);
  const failures = (result.rows[0] as { failures: number }).failures;
  if (failures >= MAX_FAILURES) {
    await tx.execute(sql`update login_attempts set locked_until = now() + make_interval(mins => ${LOCK_MINUTES}) where email = ${email}`);
  }
  return failures > SLOW_AFTER ? Math.min((failures - SLOW_AFTER) * 250, 2000) : 0;
}

export async function clearFailedLogins(tx: Tx, email: string): Promise<void> {
  await tx.execute(sql`delete from login_attempts where email = ${email}`);
}
