import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import type { ExpiringLicensePlate } from '../../platform/jobs/schedules.js';

/**
 * Available LPs with stock whose expiry date falls between today and today + warningDays,
 * "today" being the organization's own calendar day (org_settings.timezone), as for the
 * usability rule. Runs in the tenant's transaction; the server hands it to the platform's
 * daily license_plate.expiring job (provideExpiringLicensePlatesQuery).
 */
export async function findExpiringLicensePlates(tx: Tx, warningDays: number): Promise<ExpiringLicensePlate[]> {
  const result = await tx.execute(sql`
    with today as (select (now() at time zone coalesce((select timezone from org_settings), 'UTC'))::date as day)
    select lp.id, lp.number, lp.product_id, lp.lot, lp.expiry_date::text as expiry_date, (lp.expiry_date - today.day)::int as days_left
    from license_plates lp, today
    where lp.status = 'available' and lp.qty > 0
      and lp.expiry_date between today.day and today.day + ${warningDays}::int
    order by lp.expiry_date, lp.number`);
  return (result.rows as { id: string; number: string; product_id: string; lot: string; expiry_date: string; days_left: number }[]).map((row) => ({
    id: row.id,
    number: row.number,
    productId: row.product_id,
    lot: row.lot,
    expiryDate: row.expiry_date,
    daysLeft: Number(row.days_left),
  }));
}
