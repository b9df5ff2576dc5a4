import type { Database } from '../db/database.js';
import { OperatorError } from './operator.js';

/**
 * Runs fn while holding the organization's move lock on the shared database: a session lock,
 * so two moves (or a move and an abort) of one organization never run at once, and a mover that
 * is killed lets go of it with its connection. Another key than the write gate's
 * (mp_org_lock_key), which the move takes on the source itself.
 */
export async function withMoveLock<T>(shared: Database, orgId: string, fn: () => Promise<T>): Promise<T> {
  return shared.withSession(async (session) => {
    const [row] = await session.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtextextended('monopilot:move:' || $1, 0)) as locked", [orgId]);
    if (!row!.locked) throw new OperatorError(`another move of organization ${orgId} is running`);
    try {
      return await fn();
    } finally {
      await session.query("select pg_advisory_unlock(hashtextextended('monopilot:move:' || $1, 0))", [orgId]);
    }
  });
}
