import { and, asc, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import { purchaseOrders } from '../planning/tables.js';
import { workOrderStatuses } from '../production/index.js';
import { workOrderOutputs, workOrders } from '../production/tables.js';
import { products } from '../technical/tables.js';
import { licensePlates } from '../warehouse/tables.js';
import type { Dashboard, DashboardLicensePlate, DashboardPurchaseOrder } from './dashboard.schema.js';

// Read-only over other modules' tables (work orders, outputs, license plates, products,
// purchase orders): the dashboard owns no data, it only counts. Each list is one statement
// that answers its total beside its first rows (the window count runs before the limit).

export const DASHBOARD_ITEMS = 20;

/** The rows a list matched before its limit, on each of its rows. */
const total = sql<number>`count(*) over ()`.mapWith(Number);

/** Work orders per status, every status present (0 when none). */
export async function countWorkOrdersByStatus(tx: Tx, orgId: string): Promise<Dashboard['workOrders']['byStatus']> {
  const rows = await tx.select({ status: workOrders.status, count: count() }).from(workOrders).where(eq(workOrders.orgId, orgId)).groupBy(workOrders.status);
  const byStatus = Object.fromEntries(workOrderStatuses.map((status) => [status, 0])) as Dashboard['workOrders']['byStatus'];
  for (const row of rows) byStatus[row.status] = row.count;
  return byStatus;
}

/** What the order outputs booked on the calendar day `day` in `timezone` add up to, per product. */
export async function sumOutputOn(tx: Tx, orgId: string, day: string, timezone: string): Promise<Dashboard['outputToday']> {
  const rows = await tx
    .select({ productId: licensePlates.productId, productCode: products.code, productName: products.name, uom: licensePlates.uom, qty: sql<string>`sum(${workOrderOutputs.qty})::text` })
    .from(workOrderOutputs)
    .innerJoin(licensePlates, and(eq(licensePlates.orgId, workOrderOutputs.orgId), eq(licensePlates.id, workOrderOutputs.licensePlateId)))
    .innerJoin(products, and(eq(products.orgId, licensePlates.orgId), eq(products.id, licensePlates.productId)))
    .where(
      and(
        eq(workOrderOutputs.orgId, orgId),
        sql`${workOrderOutputs.createdAt} >= (${day}::date::timestamp at time zone ${timezone})`,
        sql`${workOrderOutputs.createdAt} < ((${day}::date + 1)::timestamp at time zone ${timezone})`,
      ),
    )
    .groupBy(licensePlates.productId, products.code, products.name, licensePlates.uom)
    .orderBy(products.code, licensePlates.uom);
  return rows.map((row) => ({ productId: row.productId, productCode: row.productCode, productName: row.productName, qty: decimal(row.qty), uom: row.uom }));
}

/** The first available plates matching `where` in `orderBy` order, with how many match. */
async function listAvailablePlates(tx: Tx, where: SQL | undefined, orderBy: SQL[]): Promise<{ count: number; items: DashboardLicensePlate[] }> {
  const rows = await tx
    .select({ id: licensePlates.id, number: licensePlates.number, productId: licensePlates.productId, lot: licensePlates.lot, expiryDate: licensePlates.expiryDate, qty: licensePlates.qty, qaStatus: licensePlates.qaStatus, total })
    .from(licensePlates)
    .where(and(eq(licensePlates.status, 'available'), where))
    .orderBy(...orderBy)
    .limit(DASHBOARD_ITEMS);
  return { count: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...row }) => ({ ...row, qty: decimal(row.qty) })) };
}

/** Available stock expiring from `day` to `day` + warningDays (as the daily license_plate.expiring job counts it). */
export async function listExpiringLicensePlates(tx: Tx, orgId: string, day: string, warningDays: number) {
  const expiring = sql`${licensePlates.expiryDate} between ${day}::date and ${day}::date + ${warningDays}::int`;
  return listAvailablePlates(tx, and(eq(licensePlates.orgId, orgId), gt(licensePlates.qty, '0'), expiring), [asc(licensePlates.expiryDate), asc(licensePlates.number)]);
}

/** Available LPs quality has put on hold, oldest first. */
export async function listLicensePlatesOnHold(tx: Tx, orgId: string) {
  return listAvailablePlates(tx, and(eq(licensePlates.orgId, orgId), eq(licensePlates.qaStatus, 'hold')), [asc(licensePlates.number)]);
}

const openStatuses = ['approved', 'partially_received'] as const satisfies DashboardPurchaseOrder['status'][];

/** Purchase orders placed and not yet fully received, soonest expected first. */
export async function listOpenPurchaseOrders(tx: Tx, orgId: string): Promise<{ count: number; items: DashboardPurchaseOrder[] }> {
  const rows = await tx
    .select({
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      supplierId: purchaseOrders.supplierId,
      // The where clause admits only the open statuses.
      status: sql<(typeof openStatuses)[number]>`${purchaseOrders.status}`,
      expectedDate: purchaseOrders.expectedDate,
      total,
    })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.orgId, orgId), inArray(purchaseOrders.status, [...openStatuses])))
    .orderBy(sql`${purchaseOrders.expectedDate} nulls last`, purchaseOrders.number)
    .limit(DASHBOARD_ITEMS);
  return { count: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...row }) => row) };
}
