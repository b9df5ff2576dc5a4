import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { HistoryEntry, ListWorkOrdersQuery, Material, WorkOrderSummary } from './work-order.schema.js';
import type { WorkOrderStatus } from './work-order.transitions.js';
import { usableLicensePlateSql } from '../warehouse/index.js';

// Queries over work_orders, their material snapshot and their history. Quantities stay
// exact decimal strings into SQL and all arithmetic happens there.

const columns = sql`id, number, product_id, bom_id, planned_qty, scheduled_date::text as scheduled_date, status, produced_qty,
  round(produced_qty * 100 / planned_qty, 2) as yield_percent, created_at, updated_at`;

/** A work order as read (and possibly locked) inside a transaction: exact quantities kept. */
export interface WorkOrderRecord extends WorkOrderSummary {
  exactPlannedQty: string;
  exactProducedQty: string;
}

const toRecord = (row: Row): WorkOrderRecord => ({
  id: row.id as string,
  number: row.number as string,
  productId: row.product_id as string,
  bomId: row.bom_id as string,
  plannedQty: decimal(row.planned_qty as string),
  scheduledDate: row.scheduled_date as string,
  status: row.status as WorkOrderStatus,
  producedQty: decimal(row.produced_qty as string),
  yieldPercent: decimal(row.yield_percent as string),
  createdAt: toIso(row.created_at as string),
  updatedAt: toIso(row.updated_at as string),
  exactPlannedQty: row.planned_qty as string,
  exactProducedQty: row.produced_qty as string,
});

/** The order as the API shows it. */
export function publicSummary(record: WorkOrderRecord): WorkOrderSummary {
  const { exactPlannedQty: _planned, exactProducedQty: _produced, ...summary } = record;
  return summary;
}

export async function selectWorkOrder(tx: Tx, id: string): Promise<WorkOrderRecord | null> {
  const result = await tx.execute(sql`select ${columns} from work_orders where id = ${id}`);
  return result.rows[0] ? toRecord(result.rows[0]) : null;
}

/** Reads and row-locks an order: its transitions, consumptions and outputs queue here. */
export async function lockWorkOrder(tx: Tx, id: string): Promise<WorkOrderRecord | null> {
  const result = await tx.execute(sql`select ${columns} from work_orders where id = ${id} for update`);
  return result.rows[0] ? toRecord(result.rows[0]) : null;
}

export async function selectWorkOrders(tx: Tx, filter: Omit<ListWorkOrdersQuery, 'cursor'> & { after: string | null }): Promise<WorkOrderSummary[]> {
  const result = await tx.execute(sql`select ${columns} from work_orders
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
      and (${filter.productId ?? null}::uuid is null or product_id = ${filter.productId ?? null}::uuid)
    order by id limit ${filter.limit + 1}`);
  return result.rows.map((row) => publicSummary(toRecord(row)));
}

export async function insertWorkOrder(
  tx: Tx,
  orgId: string,
  order: { number: string; productId: string; bomId: string; plannedQty: string; scheduledDate: string },
): Promise<string> {
  const result = await tx.execute(sql`insert into work_orders (org_id, number, product_id, bom_id, planned_qty, scheduled_date)
    values (${orgId}, ${order.number}, ${order.productId}, ${order.bomId}, ${order.plannedQty}::numeric, ${order.scheduledDate}::date)
    returning id`);
  return result.rows[0]!.id as string;
}

export async function updateStatus(tx: Tx, id: string, status: WorkOrderStatus): Promise<void> {
  await tx.execute(sql`update work_orders set status = ${status} where id = ${id}`);
}

/** Adds an output's qty to the order's producedQty; answers the new total. */
export async function addProducedQty(tx: Tx, id: string, qty: string): Promise<string> {
  const result = await tx.execute(sql`update work_orders set produced_qty = produced_qty + ${qty}::numeric where id = ${id} returning produced_qty`);
  return result.rows[0]!.produced_qty as string;
}

export async function insertTransition(
  tx: Tx,
  orgId: string,
  entry: { workOrderId: string; from: WorkOrderStatus | null; to: WorkOrderStatus; reason: string | null; userId: string },
): Promise<void> {
  await tx.execute(sql`insert into work_order_transitions (org_id, work_order_id, from_status, to_status, reason, user_id)
    values (${orgId}, ${entry.workOrderId}, ${entry.from}, ${entry.to}, ${entry.reason}, ${entry.userId})`);
}

export async function selectHistory(tx: Tx, workOrderId: string): Promise<HistoryEntry[]> {
  const result = await tx.execute(sql`select from_status, to_status, user_id, reason, created_at from work_order_transitions
    where work_order_id = ${workOrderId} order by id`);
  return result.rows.map((row) => ({
    from: (row.from_status as WorkOrderStatus | null) ?? null,
    to: row.to_status as WorkOrderStatus,
    userId: (row.user_id as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    at: toIso(row.created_at as string),
  }));
}

/**
 * Copies the order's BOM into its materials, one row per component product:
 * requiredQty = Σ item qty × plannedQty / outputQty × (1 + scrapPercent / 100), computed
 * in numeric with a single division and rounded to the 6 decimals quantities carry.
 */
export async function snapshotMaterials(tx: Tx, orgId: string, workOrderId: string): Promise<number> {
  const result = await tx.execute(sql`insert into work_order_materials (org_id, work_order_id, line_no, product_id, required_qty)
    select ${orgId}, wo.id, row_number() over (order by min(bi.line_no)), bi.product_id,
           round(sum(bi.qty * wo.planned_qty * (100 + bi.scrap_percent) / (b.output_qty * 100)), 6)
    from work_orders wo
    join boms b on b.org_id = wo.org_id and b.id = wo.bom_id
    join bom_items bi on bi.org_id = b.org_id and bi.bom_id = b.id
    where wo.id = ${workOrderId}
    group by wo.id, bi.product_id
    returning id`);
  return result.rows.length;
}

/**
 * The materials with what was consumed (not reversed) and what usable stock there is now:
 * available, QA-released, not expired before `today` (the warehouse's usability rule).
 */
export async function selectMaterials(tx: Tx, workOrderId: string, today: string): Promise<Material[]> {
  const result = await tx.execute(sql`select m.product_id, m.required_qty, coalesce(c.consumed, 0) as consumed_qty, coalesce(u.usable, 0) as usable_qty,
      case when m.required_qty > 0 then round((coalesce(c.consumed, 0) - m.required_qty) * 100 / m.required_qty, 2) end as variance_percent
    from work_order_materials m
    left join lateral (select sum(c.qty) as consumed from work_order_consumptions c
      where c.org_id = m.org_id and c.work_order_id = m.work_order_id and c.product_id = m.product_id and not c.reversed) c on true
    left join lateral (select sum(lp.qty) as usable from license_plates lp
      where lp.org_id = m.org_id and lp.product_id = m.product_id and ${usableLicensePlateSql('lp', today)}) u on true
    where m.work_order_id = ${workOrderId}
    order by m.line_no`);
  return result.rows.map((row) => ({
    productId: row.product_id as string,
    requiredQty: decimal(row.required_qty as string),
    consumedQty: decimal(row.consumed_qty as string),
    usableQty: decimal(row.usable_qty as string),
    variancePercent: row.variance_percent === null ? null : decimal(row.variance_percent as string),
  }));
}

/** A product's state, for the order about to be planned for it. */
export async function selectProductState(tx: Tx, id: string): Promise<{ code: string; active: boolean } | null> {
  const result = await tx.execute(sql`select code, status from products where id = ${id}`);
  const row = result.rows[0];
  return row ? { code: row.code as string, active: row.status === 'active' } : null;
}

/** A BOM's header, to check one named by the planner. */
export async function selectBomHeader(tx: Tx, id: string): Promise<{ productId: string; version: number; status: string } | null> {
  const result = await tx.execute(sql`select product_id, version, status from boms where id = ${id}`);
  const row = result.rows[0];
  return row ? { productId: row.product_id as string, version: Number(row.version), status: row.status as string } : null;
}
