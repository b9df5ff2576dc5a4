import { and, eq, gt, ilike, inArray, sql, sum } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import { containsPattern } from '../../platform/db/search.js';
import { idsOf } from '../../platform/http/pagination.js';
import { productCodeOf, productNameOf } from '../technical/index.js';
import type { ListWorkOrdersQuery } from './work-order.schema.js';
import type { WorkOrderStatus } from './work-order.transitions.js';
import { workOrderConsumptions, workOrderMaterials, workOrderOutputs, workOrders, workOrderTransitions } from './tables.js';

// Queries over work_orders, their material snapshot and their history. Quantities stay
// exact decimal strings into SQL and all arithmetic happens there; the API's numbers are
// made at the edge (work-order.present.ts).

const workOrderColumns = {
  id: workOrders.id,
  number: workOrders.number,
  productId: workOrders.productId,
  bomId: workOrders.bomId,
  plannedQty: workOrders.plannedQty,
  scheduledDate: workOrders.scheduledDate,
  status: workOrders.status,
  producedQty: workOrders.producedQty,
  lineId: workOrders.lineId,
  yieldPercent: sql<string>`round(${workOrders.producedQty} * 100 / ${workOrders.plannedQty}, 2)`,
  createdAt: workOrders.createdAt,
  updatedAt: workOrders.updatedAt,
};

/** A work order as read (and possibly locked) inside a transaction: quantities exact decimal strings. */
export type WorkOrderRecord = Pick<
  typeof workOrders.$inferSelect,
  'id' | 'number' | 'productId' | 'bomId' | 'plannedQty' | 'scheduledDate' | 'status' | 'producedQty' | 'lineId' | 'createdAt' | 'updatedAt'
> & { yieldPercent: string };

export async function selectWorkOrder(tx: Tx, id: string): Promise<WorkOrderRecord | null> {
  const [order] = await tx.select(workOrderColumns).from(workOrders).where(eq(workOrders.id, id));
  return order ?? null;
}

/**
 * Reads and row-locks an order: transitions and outputs take it exclusively ('update') and queue
 * behind each other; consumptions take it shared ('share'), so draws into one order run side by
 * side (each queues only on its own plate) while no transition or output runs beside them.
 */
export async function lockWorkOrder(tx: Tx, id: string, mode: 'update' | 'share' = 'update'): Promise<WorkOrderRecord | null> {
  const [order] = await tx.select(workOrderColumns).from(workOrders).where(eq(workOrders.id, id)).for(mode);
  return order ?? null;
}

/** What a draw must know of its order besides the order: the products it may take and the plates it has made. */
export interface DrawScope {
  materialProductIds: string[];
  outputLicensePlateIds: string[];
}

/**
 * The order locked for a draw ('share', see lockWorkOrder) with its draw scope, in one statement:
 * a consumption's every round trip is paid by each one queued behind it.
 */
export async function lockWorkOrderForDraw(tx: Tx, id: string): Promise<(WorkOrderRecord & DrawScope) | null> {
  // Written out: Drizzle leaves columns unqualified in a one-table select, and inside the
  // subqueries a bare "id" would be the subquery's own.
  const orderId = sql`${workOrders}.${sql.identifier(workOrders.id.name)}`;
  const [order] = await tx
    .select({
      ...workOrderColumns,
      materialProductIds: sql<string[]>`coalesce((select json_agg(${workOrderMaterials.productId}) from ${workOrderMaterials}
        where ${workOrderMaterials.workOrderId} = ${orderId}), '[]')`,
      outputLicensePlateIds: sql<string[]>`coalesce((select json_agg(${workOrderOutputs.licensePlateId} order by ${workOrderOutputs.id}) from ${workOrderOutputs}
        where ${workOrderOutputs.workOrderId} = ${orderId}), '[]')`,
    })
    .from(workOrders)
    .where(eq(workOrders.id, id))
    .for('share');
  return order ?? null;
}

/** A work order in a list, with its product's code and name read through technical's contract. */
export type ListedWorkOrderRecord = WorkOrderRecord & { productCode: string; productName: string };

export async function selectWorkOrders(tx: Tx, filter: Omit<ListWorkOrdersQuery, 'cursor'> & { after: string | null }): Promise<ListedWorkOrderRecord[]> {
  return tx
    .select({ ...workOrderColumns, productCode: productCodeOf(workOrders.productId), productName: productNameOf(workOrders.productId) })
    .from(workOrders)
    .where(
      and(
        filter.after === null ? undefined : gt(workOrders.id, filter.after),
        filter.status === undefined ? undefined : eq(workOrders.status, filter.status),
        filter.productId === undefined ? undefined : eq(workOrders.productId, filter.productId),
        filter.search ? ilike(workOrders.number, containsPattern(filter.search)!) : undefined,
        filter.ids ? inArray(workOrders.id, idsOf(filter.ids)!) : undefined,
      ),
    )
    .orderBy(workOrders.id)
    .limit(filter.limit + 1);
}

export async function insertWorkOrder(
  tx: Tx,
  orgId: string,
  order: { number: string; productId: string; bomId: string; plannedQty: string; scheduledDate: string; lineId: string | null },
): Promise<string> {
  const [inserted] = await tx.insert(workOrders).values({ orgId, ...order }).returning({ id: workOrders.id });
  return inserted!.id;
}

/** Puts an order on a line (or takes it off: null). */
export async function updateLine(tx: Tx, id: string, lineId: string | null): Promise<void> {
  await tx.update(workOrders).set({ lineId }).where(eq(workOrders.id, id));
}

export async function updateStatus(tx: Tx, id: string, status: WorkOrderStatus): Promise<void> {
  await tx.update(workOrders).set({ status }).where(eq(workOrders.id, id));
}

/** Adds an output's qty to the order's producedQty; answers the new total. */
export async function addProducedQty(tx: Tx, id: string, qty: string): Promise<string> {
  const [updated] = await tx
    .update(workOrders)
    .set({ producedQty: sql`${workOrders.producedQty} + ${qty}::numeric` })
    .where(eq(workOrders.id, id))
    .returning({ producedQty: workOrders.producedQty });
  return updated!.producedQty;
}

export async function insertTransition(
  tx: Tx,
  orgId: string,
  entry: { workOrderId: string; from: WorkOrderStatus | null; to: WorkOrderStatus; reason: string | null; userId: string },
): Promise<void> {
  await tx.insert(workOrderTransitions).values({ orgId, workOrderId: entry.workOrderId, fromStatus: entry.from, toStatus: entry.to, reason: entry.reason, userId: entry.userId });
}

export async function selectHistory(tx: Tx, workOrderId: string) {
  return tx
    .select({ from: workOrderTransitions.fromStatus, to: workOrderTransitions.toStatus, userId: workOrderTransitions.userId, reason: workOrderTransitions.reason, at: workOrderTransitions.createdAt })
    .from(workOrderTransitions)
    .where(eq(workOrderTransitions.workOrderId, workOrderId))
    .orderBy(workOrderTransitions.id);
}

/** What a BOM version lists, as the technical module hands it over (exact decimal strings). */
export interface BomToSnapshot {
  outputQty: string;
  items: { lineNo: number; productId: string; qty: string; scrapPercent: string }[];
}

/**
 * Copies the order's BOM into its materials, one row per component product:
 * requiredQty = Σ item qty × plannedQty / outputQty × (1 + scrapPercent / 100), computed
 * in numeric (at the columns' own scales) with a single division and rounded to the 6
 * decimals quantities carry.
 */
export async function snapshotMaterials(tx: Tx, orgId: string, order: { id: string; plannedQty: string }, bom: BomToSnapshot): Promise<number> {
  const required = await computeRequirements(tx, order.plannedQty, bom);
  if (required.length === 0) return 0;
  await tx.insert(workOrderMaterials).values(required.map((material, index) => ({ orgId, workOrderId: order.id, lineNo: index + 1, ...material })));
  return required.length;
}

/** What plannedQty of a BOM's product needs of each component (snapshotMaterials' rule), in line order; exact decimal text. */
export async function computeRequirements(tx: Tx, plannedQty: string, bom: BomToSnapshot): Promise<{ productId: string; requiredQty: string }[]> {
  if (bom.items.length === 0) return [];
  const items = JSON.stringify(bom.items.map((item) => ({ line_no: item.lineNo, product_id: item.productId, qty: item.qty, scrap_percent: item.scrapPercent })));
  const order = { plannedQty };
  return queryRows<Pick<typeof workOrderMaterials.$inferSelect, 'productId' | 'requiredQty'>>(
    tx,
    sql`select bi.product_id as "productId",
        round(sum(bi.qty * ${order.plannedQty}::numeric(18, 6) * (100 + bi.scrap_percent) / (${bom.outputQty}::numeric(18, 6) * 100)), 6)::text as "requiredQty"
      from jsonb_to_recordset(${items}::jsonb) as bi(line_no int, product_id uuid, qty numeric(18, 6), scrap_percent numeric(6, 2))
      group by bi.product_id
      order by min(bi.line_no)`,
  );
}

/** The materials with what was consumed (not reversed), in line order; the usable stock comes from the warehouse. */
export async function selectMaterials(tx: Tx, workOrderId: string) {
  const consumed = tx
    .select({ productId: workOrderConsumptions.productId, qty: sum(workOrderConsumptions.qty).as('qty') })
    .from(workOrderConsumptions)
    .where(and(eq(workOrderConsumptions.workOrderId, workOrderId), eq(workOrderConsumptions.reversed, false)))
    .groupBy(workOrderConsumptions.productId)
    .as('consumed');
  const consumedQty = sql<string>`coalesce(${consumed.qty}, 0)`;
  const required = workOrderMaterials.requiredQty;
  return tx
    .select({
      productId: workOrderMaterials.productId,
      requiredQty: required,
      consumedQty,
      variancePercent: sql<string | null>`case when ${required} > 0 then round((${consumedQty} - ${required}) * 100 / ${required}, 2) end`,
    })
    .from(workOrderMaterials)
    .leftJoin(consumed, eq(consumed.productId, workOrderMaterials.productId))
    .where(eq(workOrderMaterials.workOrderId, workOrderId))
    .orderBy(workOrderMaterials.lineNo);
}
