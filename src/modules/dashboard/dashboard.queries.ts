import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import { workOrderStatuses } from '../production/index.js';
import type { Dashboard, DashboardLicensePlate, DashboardPurchaseOrder } from './dashboard.schema.js';

// Read-only over other modules' tables (work orders, outputs, license plates, products,
// purchase orders): the dashboard owns no data, it only counts. Each list is one statement
// that answers its total beside its first rows (the window count runs before the limit).

export const DASHBOARD_ITEMS = 20;

/** Work orders per status, every status present (0 when none). */
export async function countWorkOrdersByStatus(tx: Tx, orgId: string): Promise<Dashboard['workOrders']['byStatus']> {
  const result = await tx.execute(sql`select status, count(*)::int as count from work_orders where org_id = ${orgId} group by status`);
  const byStatus = Object.fromEntries(workOrderStatuses.map((status) => [status, 0])) as Dashboard['workOrders']['byStatus'];
  for (const row of result.rows as { status: keyof typeof byStatus; count: number }[]) byStatus[row.status] = Number(row.count);
  return byStatus;
}

/** What the order outputs booked on the calendar day `day` in `timezone` add up to, per product. */
export async function sumOutputOn(tx: Tx, orgId: string, day: string, timezone: string): Promise<Dashboard['outputToday']> {
  const result = await tx.execute(sql`
    select lp.product_id, p.code, p.name, lp.uom, sum(o.qty)::text as qty
    from work_order_outputs o
    join license_plates lp on lp.org_id = o.org_id and lp.id = o.license_plate_id
    join products p on p.org_id = lp.org_id and p.id = lp.product_id
    where o.org_id = ${orgId}
      and o.created_at >= (${day}::date::timestamp at time zone ${timezone})
      and o.created_at < ((${day}::date + 1)::timestamp at time zone ${timezone})
    group by lp.product_id, p.code, p.name, lp.uom
    order by p.code, lp.uom`);
  return (result.rows as { product_id: string; code: string; name: string; uom: string; qty: string }[]).map((row) => ({
    productId: row.product_id,
    productCode: row.code,
    productName: row.name,
    qty: decimal(row.qty),
    uom: row.uom,
  }));
}

interface PlateRow {
  id: string;
  number: string;
  product_id: string;
  lot: string;
  expiry_date: string | null;
  qty: string;
  total: number | string;
}

function toPlateList(rows: PlateRow[]): { count: number; items: DashboardLicensePlate[] } {
  return {
    count: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((row) => ({ id: row.id, number: row.number, productId: row.product_id, lot: row.lot, expiryDate: row.expiry_date, qty: decimal(row.qty) })),
  };
}

/** Available stock expiring from `day` to `day` + warningDays (as the daily license_plate.expiring job counts it). */
export async function listExpiringLicensePlates(tx: Tx, orgId: string, day: string, warningDays: number) {
  const result = await tx.execute(sql`
    select id, number, product_id, lot, expiry_date::text as expiry_date, qty::text as qty, count(*) over () as total
    from license_plates
    where org_id = ${orgId} and status = 'available' and qty > 0
      and expiry_date between ${day}::date and ${day}::date + ${warningDays}::int
    order by expiry_date, number
    limit ${DASHBOARD_ITEMS}`);
  return toPlateList(result.rows as unknown as PlateRow[]);
}

/** Available LPs quality has put on hold, oldest first. */
export async function listLicensePlatesOnHold(tx: Tx, orgId: string) {
  const result = await tx.execute(sql`
    select id, number, product_id, lot, expiry_date::text as expiry_date, qty::text as qty, count(*) over () as total
    from license_plates
    where org_id = ${orgId} and qa_status = 'hold' and status = 'available'
    order by number
    limit ${DASHBOARD_ITEMS}`);
  return toPlateList(result.rows as unknown as PlateRow[]);
}

/** Purchase orders placed and not yet fully received, soonest expected first. */
export async function listOpenPurchaseOrders(tx: Tx, orgId: string): Promise<{ count: number; items: DashboardPurchaseOrder[] }> {
  const result = await tx.execute(sql`
    select id, number, supplier_id, status, expected_date::text as expected_date, count(*) over () as total
    from purchase_orders
    where org_id = ${orgId} and status in ('approved', 'partially_received')
    order by expected_date nulls last, number
    limit ${DASHBOARD_ITEMS}`);
  const rows = result.rows as { id: string; number: string; supplier_id: string; status: DashboardPurchaseOrder['status']; expected_date: string | null; total: number | string }[];
  return {
    count: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((row) => ({ id: row.id, number: row.number, supplierId: row.supplier_id, status: row.status, expectedDate: row.expected_date })),
  };
}
