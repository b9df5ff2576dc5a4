import type { Tx } from '../../platform/db/database.js';
import { orgSettings } from './tables.js';

/**
 * The organization's time zone, read in the caller's transaction (for jobs, which have a
 * transaction but no request to call getOrgSettings with); UTC when it has no settings yet.
 */
export async function selectOrgTimezone(tx: Tx): Promise<string> {
  const [row] = await tx.select({ timezone: orgSettings.timezone }).from(orgSettings).limit(1);
  return row?.timezone ?? 'UTC';
}
