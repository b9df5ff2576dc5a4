import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';

// Wrong passwords (at sign-in, and for the current password when changing it) are counted per
// email AND client address. From one address, after SLOW_AFTER misses each answer is held back
// longer; after MAX_FAILURES within the window that address is locked out for that email. An
// attacker therefore locks out only themselves: the real user signing in from elsewhere is
// never refused.
//
// A distributed attacker (many addresses, each under MAX_FAILURES) is met by a much higher
// ceiling per email across all addresses: past EMAIL_SLOW_AFTER misses in the window, every
// wrong answer for that email is held back the longest delay, from any address. It only slows,
// never locks, so it cannot be turned against the real user; together with the per-address
// request limit (AUTH_RATE_LIMIT_PER_MINUTE) it bounds how fast any one address can guess.
export const MAX_FAILURES = 5;
export const EMAIL_SLOW_AFTER = 50;
/** Failures older than this no longer count; the hourly cleanup removes rows past it. */
export const WINDOW_MINUTES = 15;
const SLOW_AFTER = 2;
const LOCK_MINUTES = 15;
const DELAY_STEP_MS = 250;
const MAX_DELAY_MS = 2000;

/** Who is guessing: the email tried and the client address it came from. */
export interface SignInAttempt {
  email: string;
  address: string;
}

/** Refuses with 429 while this address is locked out for this email. */
export async function assertNotLockedOut(tx: Tx, attempt: SignInAttempt): Promise<void> {
  const result = await tx.execute(sql`
    select ceil(extract(epoch from locked_until - now()))::int as seconds
    from login_attempts where email = ${attempt.email} and address = ${attempt.address} and locked_until > now()`);
  const row = result.rows[0] as { seconds: number } | undefined;
  if (row) {
    throw new AppError('RATE_LIMITED', `too many wrong passwords for this account from your address; try again in ${row.seconds} seconds`, undefined, {
      'retry-after': String(row.seconds),
    });
  }
}

/** Counts a failure and answers how long to hold the answer back (milliseconds). */
export async function recordFailedLogin(tx: Tx, attempt: SignInAttempt): Promise<number> {
  const counted = await tx.execute(sql`
    insert into login_attempts (email, address, failures, first_failed_at) values (${attempt.email}, ${attempt.address}, 1, now())
    on conflict (email, address) do update set
      failures = case when login_attempts.first_failed_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1 else login_attempts.failures + 1 end,
      first_failed_at = case when login_attempts.first_failed_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then now() else login_attempts.first_failed_at end
    returning failures`);
  const failures = (counted.rows[0] as { failures: number }).failures;
  if (failures >= MAX_FAILURES) {
    await tx.execute(sql`
      update login_attempts set locked_until = now() + make_interval(mins => ${LOCK_MINUTES})
      where email = ${attempt.email} and address = ${attempt.address}`);
  }
  const total = await tx.execute(sql`
    select coalesce(sum(failures), 0)::int as failures from login_attempts
    where email = ${attempt.email} and first_failed_at >= now() - make_interval(mins => ${WINDOW_MINUTES})`);
  if ((total.rows[0] as { failures: number }).failures > EMAIL_SLOW_AFTER) return MAX_DELAY_MS;
  return failures > SLOW_AFTER ? Math.min((failures - SLOW_AFTER) * DELAY_STEP_MS, MAX_DELAY_MS) : 0;
}

/** A right password from this address forgets its failures (those of other addresses stay). */
export async function clearFailedLogins(tx: Tx, attempt: SignInAttempt): Promise<void> {
  await tx.execute(sql`delete from login_attempts where email = ${attempt.email} and address = ${attempt.address}`);
}
