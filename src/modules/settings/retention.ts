import { and, isNull, lt, or, sql } from 'drizzle-orm';
import type { Cleanup } from '../../platform/modules.js';
import { loginAttempts, refreshTokens } from './tables.js';

/**
 * Failed sign-ins (per email and client address) are kept this long after the first of them,
 * and while their lockout lasts; the sign-in throttle only counts the last 15 minutes.
 */
export const LOGIN_ATTEMPTS_RETENTION_HOURS = 1;

/** Settings' retention deletes, run by the platform's hourly cleanup in every database. */
export const settingsCleanups: readonly Cleanup[] = [
  {
    // An expired refresh token can never be used again, so nothing is lost with it.
    name: 'refreshTokens',
    run: async (tx) => (await tx.delete(refreshTokens).where(lt(refreshTokens.expiresAt, sql`now()`)).returning({ id: refreshTokens.id })).length,
  },
  {
    name: 'loginAttempts',
    run: async (tx) => {
      const pastWindow = lt(loginAttempts.firstFailedAt, sql`now() - make_interval(hours => ${LOGIN_ATTEMPTS_RETENTION_HOURS})`);
      const notLocked = or(isNull(loginAttempts.lockedUntil), lt(loginAttempts.lockedUntil, sql`now()`));
      return (await tx.delete(loginAttempts).where(and(pastWindow, notLocked)).returning({ email: loginAttempts.email })).length;
    },
  },
];
