import type { Platform } from '../../platform/context.js';
import { withSystem } from '../../platform/db/tenancy.js';
import { orgSettings } from './tables.js';

/** An organization and how many days ahead it wants to hear of expiring stock. */
export interface ExpiryWarningWindow {
  orgId: string;
  expiryWarningDays: number;
}

/**
 * Every organization's expiry warning window, in every database organizations live in, for the
 * warehouse's daily license_plate.expiring job: a job dispatch across organizations, so the
 * system door. An organization is taken from the database the directory places it in (during a
 * move its rows are in two), and a database that cannot answer is skipped, not the whole run.
 */
export async function listExpiryWarningWindows(platform: Pick<Platform, 'databases' | 'log'>): Promise<ExpiryWarningWindow[]> {
  const windows: ExpiryWarningWindow[] = [];
  for (const [name, database] of platform.databases.placementDatabases()) {
    try {
      const rows = await withSystem(database, (tx) =>
        tx.select({ orgId: orgSettings.orgId, expiryWarningDays: orgSettings.expiryWarningDays }).from(orgSettings).orderBy(orgSettings.orgId),
      );
      windows.push(...rows.filter((row) => platform.databases.placementOf(row.orgId) === name));
    } catch (err) {
      platform.log.error({ err, database: name }, 'expiry warnings: a database could not be read; its organizations are skipped this time');
    }
  }
  return windows;
}
