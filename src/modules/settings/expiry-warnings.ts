import type { Database } from '../../platform/db/database.js';
import { withSystem } from '../../platform/db/tenancy.js';
import { orgSettings } from './tables.js';

/** An organization and how many days ahead it wants to hear of expiring stock. */
export interface ExpiryWarningWindow {
  orgId: string;
  expiryWarningDays: number;
}

/**
 * Every organization's expiry warning window in one database, for the warehouse's daily
 * license_plate.expiring job: a job dispatch across organizations, so the system door.
 */
export async function listExpiryWarningWindows(database: Database): Promise<ExpiryWarningWindow[]> {
  return withSystem(database, (tx) =>
    tx.select({ orgId: orgSettings.orgId, expiryWarningDays: orgSettings.expiryWarningDays }).from(orgSettings).orderBy(orgSettings.orgId),
  );
}
