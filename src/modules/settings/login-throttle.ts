import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { countFailure, deleteFailures, findLockoutSeconds, lockOut, sumRecentFailures } from './login-throttle.queries.js';

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
  const seconds = await findLockoutSeconds(tx, attempt);
  if (seconds !== null) {
    throw new AppError('RATE_LIMITED', `too many wrong passwords for this account from your address; try again in ${seconds} seconds`, undefined, {
      'retry-after': String(seconds),
    });
  }
}

/** Counts a failure and answers how long to hold the answer back (milliseconds). */
export async function recordFailedLogin(tx: Tx, attempt: SignInAttempt): Promise<number> {
  const failures = await countFailure(tx, attempt, WINDOW_MINUTES);
  if (failures >= MAX_FAILURES) await lockOut(tx, attempt, LOCK_MINUTES);
  if ((await sumRecentFailures(tx, attempt.email, WINDOW_MINUTES)) > EMAIL_SLOW_AFTER) return MAX_DELAY_MS;
  return failures > SLOW_AFTER ? Math.min((failures - SLOW_AFTER) * DELAY_STEP_MS, MAX_DELAY_MS) : 0;
}

/** A right password from this address forgets its failures (those of other addresses stay). */
export async function clearFailedLogins(tx: Tx, attempt: SignInAttempt): Promise<void> {
  await deleteFailures(tx, attempt);
}
