import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import { productCodeOf, productNameOf } from '../technical/index.js';
import type { CreatePurchaseOrderInput, ListPurchaseOrdersQuery, PurchaseOrder, PurchaseOrderStatus } from './purchase-order.schema.js';
import { purchaseOrderLines, purchaseOrders, suppliers } from './tables.js';

const headerColumns = {
  id: purchaseOrders.id,
  number: purchaseOrders.number,
  supplierId: purchaseOrders.supplierId,
  status: purchaseOrders.status,
  expectedDate: purchaseOrders.expectedDate,
  createdAt: purchaseOrders.createdAt,
  updatedAt: purchaseOrders.updatedAt,
};

type Header = Pick<typeof purchaseOrders.$inferSelect, keyof typeof headerColumns>;

const lineColumns = {
  id: purchaseOrderLines.id,
  purchaseOrderId: purchaseOrderLines.purchaseOrderId,
  lineNo: purchaseOrderLines.lineNo,
  productId: purchaseOrderLines.productId,
  qty: purchaseOrderLines.qty,
  receivedQty: purchaseOrderLines.receivedQty,
};

/** Attaches each order's lines (one query for the whole page); quantities leave as the API's numbers. */
async function withLines(tx: Tx, headers: Header[]): Promise<PurchaseOrder[]> {
  if (headers.length === 0) return [];
  // Each line's product code and name come in the same query, through technical's read contract.
  const lines = await tx
    .select({ ...lineColumns, productCode: productCodeOf(purchaseOrderLines.productId), productName: productNameOf(purchaseOrderLines.productId) })
    .from(purchaseOrderLines)
    .where(inArray(purchaseOrderLines.purchaseOrderId, headers.map((header) => header.id)))
    .orderBy(purchaseOrderLines.purchaseOrderId, purchaseOrderLines.lineNo);
  return headers.map((header) => ({
    ...header,
    createdAt: toIso(header.createdAt),
    updatedAt: toIso(header.updatedAt),
    lines: lines
      .filter((line) => line.purchaseOrderId === header.id)
      .map(({ purchaseOrderId: _po, ...line }) => ({ ...line, qty: decimal(line.qty), receivedQty: decimal(line.receivedQty) })),
  }));
}

export async function selectPurchaseOrders(tx: Tx, filter: Omit<ListPurchaseOrdersQuery, 'cursor'> & { after: string | null }) {
  const headers = await tx
    .select(headerColumns)
    .from(purchaseOrders)
    .where(
      and(
        filter.after === null ? undefined : gt(purchaseOrders.id, filter.after),
        filter.status === undefined ? undefined : eq(purchaseOrders.status, filter.status),
        filter.supplierId === undefined ? undefined : eq(purchaseOrders.supplierId, filter.supplierId),
      ),
    )
    .orderBy(purchaseOrders.id)
    .limit(filter.limit + 1);
  return withLines(tx, headers);
}

export async function selectPurchaseOrder(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<PurchaseOrder | null> {
  const query = tx.select(headerColumns).from(purchaseOrders).where(eq(purchaseOrders.id, id));
  const [header] = options.lock ? await query.for('update') : await query;
  return header ? (await withLines(tx, [header]))[0]! : null;
}

export async function insertPurchaseOrder(tx: Tx, orgId: string, number: string, input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
  const [header] = await tx
    .insert(purchaseOrders)
    .values({ orgId, number, supplierId: input.supplierId, expectedDate: input.expectedDate ?? null })
    .returning(headerColumns);
  await tx
    .insert(purchaseOrderLines)
    .values(input.lines.map((line, index) => ({ orgId, purchaseOrderId: header!.id, lineNo: index + 1, productId: line.productId, qty: String(line.qty) })));
  return (await withLines(tx, [header!]))[0]!;
}

/** Moves an order from one of `from` to `to`; false when it is in none of them (or not there). */
export async function transitionPurchaseOrder(tx: Tx, id: string, from: PurchaseOrderStatus[], to: PurchaseOrderStatus): Promise<boolean> {
  const moved = await tx
    .update(purchaseOrders)
    .set({ status: to })
    .where(and(eq(purchaseOrders.id, id), inArray(purchaseOrders.status, from)))
    .returning({ id: purchaseOrders.id });
  return moved.length > 0;
}

/** The supplier's state, or null when the organization has no such supplier. */
export async function selectSupplierState(tx: Tx, id: string): Promise<{ code: string; active: boolean } | null> {
  const [row] = await tx.select({ code: suppliers.code, active: suppliers.active }).from(suppliers).where(eq(suppliers.id, id));
  return row ?? null;
}

/** The order's line for a receipt line: the one named, or the first line of that product with quantity still open. */
export async function findLineForReceipt(tx: Tx, purchaseOrderId: string, productId: string, lineId: string | null) {
  const [row] = await tx
    .select({ id: purchaseOrderLines.id, productId: purchaseOrderLines.productId })
    .from(purchaseOrderLines)
    .where(
      and(
        eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId),
        lineId === null ? eq(purchaseOrderLines.productId, productId) : eq(purchaseOrderLines.id, lineId),
      ),
    )
    .orderBy(desc(sql`(${purchaseOrderLines.receivedQty} < ${purchaseOrderLines.qty})`), asc(purchaseOrderLines.lineNo))
    .limit(1);
  return row ?? null;
}

/**
 * Counts qty × count into a line's receivedQty unless that would exceed the ordered qty
 * plus the tolerance. One conditional UPDATE: concurrent receipts queue on the row.
 */
export async function addReceivedQty(tx: Tx, lineId: string, qty: string, count: number, tolerancePercent: string) {
  const received = sql`${purchaseOrderLines.receivedQty} + ${qty}::numeric * ${count}::integer`;
  const updated = await tx
    .update(purchaseOrderLines)
    .set({ receivedQty: received })
    .where(and(eq(purchaseOrderLines.id, lineId), sql`${received} <= ${purchaseOrderLines.qty} * (1 + ${tolerancePercent}::numeric / 100)`))
    .returning({ id: purchaseOrderLines.id });
  return updated.length > 0;
}

export async function selectLineQuantities(tx: Tx, lineId: string): Promise<{ qty: string; receivedQty: string }> {
  const [row] = await tx
    .select({ qty: purchaseOrderLines.qty, receivedQty: purchaseOrderLines.receivedQty })
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.id, lineId));
  return row!;
}

/** After receiving: `received` once every line is complete, else `partially_received`. */
export async function updateReceivingStatus(tx: Tx, id: string): Promise<void> {
  const open = tx
    .select({ id: purchaseOrderLines.id })
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.purchaseOrderId, id), lt(purchaseOrderLines.receivedQty, purchaseOrderLines.qty)));
  await tx
    .update(purchaseOrders)
    .set({ status: sql<PurchaseOrderStatus>`case when exists (${open}) then 'partially_received' else 'received' end` })
    .where(eq(purchaseOrders.id, id));
}
