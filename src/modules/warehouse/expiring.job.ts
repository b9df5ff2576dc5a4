import type { Platform } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { emitEvent } from '../../platform/events/index.js';
import type { JobDefinition } from '../../platform/jobs/index.js';
import { listExpiryWarningWindows } from '../settings/index.js';
import { findExpiringLicensePlates } from './expiring.queries.js';

/**
 * Emits one license_plate.expiring event per available LP inside its organization's
 * expiryWarningDays, each organization in its own tenant transaction.
 */
export async function emitExpiringLicensePlates(platform: Platform): Promise<number> {
  let emitted = 0;
  for (const { orgId, expiryWarningDays } of await listExpiryWarningWindows(platform)) {
    const scope = { orgId, databases: platform.databases, platform };
    emitted += await withTenant(scope, async (tx) => {
      const plates = await findExpiringLicensePlates(tx, expiryWarningDays);
      for (const plate of plates) {
        await emitEvent(tx, scope, { type: 'license_plate.expiring', subjectId: plate.id, payload: { ...plate } });
      }
      return plates.length;
    });
  }
  return emitted;
}

/** The daily expiry check (05:00 UTC, sent once per cluster). */
export function licensePlateExpiringJob(platform: Platform): JobDefinition {
  return {
    name: 'license-plate-expiring',
    cron: '0 5 * * *',
    queue: { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 },
    async work() {
      const emitted = await emitExpiringLicensePlates(platform);
      platform.log.info({ emitted }, 'license_plate.expiring events emitted');
    },
  };
}
