import { and, asc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import type { ExpiringLicensePlate } from '../../platform/jobs/schedules.js';
import { selectOrgTimezone } from '../settings/index.js';
import { licensePlates } from './tables.js';
import { todayIn } from './usability.js';

const lp = licensePlates;

/**
 * Available LPs with stock whose expiry date falls between today and today + warningDays,
 * "today" being the organization's own calendar day (its settings' time zone), as for the
 * usability rule. Runs in the tenant's transaction of the daily license_plate.expiring job
 * (expiring.job.ts).
 */
export async function findExpiringLicensePlates(tx: Tx, warningDays: number): Promise<ExpiringLicensePlate[]> {
  const today = todayIn(await selectOrgTimezone(tx));
  return tx
    .select({
      id: lp.id,
      number: lp.number,
      productId: lp.productId,
      lot: lp.lot,
      // Never null here: the window below needs an expiry date.
      expiryDate: sql<string>`${lp.expiryDate}::text`,
      daysLeft: sql<number>`(${lp.expiryDate} - ${today}::date)::integer`,
    })
    .from(lp)
    .where(
      and(
        eq(lp.status, 'available'),
        gt(lp.qty, '0'),
        gte(lp.expiryDate, sql`${today}::date`),
        lte(lp.expiryDate, sql`${today}::date + ${warningDays}::integer`),
      ),
    )
    .orderBy(asc(lp.expiryDate), asc(lp.number));
}
