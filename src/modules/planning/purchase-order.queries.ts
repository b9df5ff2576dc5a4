import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { CreatePurchaseOrderInput, ListPurchaseOrdersQuery, PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus } from './purchase-order.schema.js';

const columns = sql`id, number, supplier_id, status, expected_date, created_at, updated_at`;

type Header = Omit<PurchaseOrder, 'lines'>;

const toHeader = (row: Row): Header => ({
  id: row.id as string,
  number: row.number as string,
  supplierId: row.supplier_id as string,
  status: row.status as PurchaseOrderStatus,
  expectedDate: (row.expected_date as string | null) ?? null,
  createdAt: toIso(row.created_at as string),
  updatedAt: toIso(row.updated_at as string),
});

const toLine = (row: Row): PurchaseOrderLine & { purchaseOrderId: string } => ({
  id: row.id as string,
  purchaseOrderId: row.purchase_order_id as string,
  lineNo: Number(row.line_no),
  productId: row.product_id as string,
  qty: decimal(row.qty as string),
  receivedQty: decimal(row.received_qty as string),
});

/** Attaches each order's lines (one query for the whole page). */
async function withLines(tx: Tx, headers: Header[]): Promise<PurchaseOrder[]> {
  if (headers.length === 0) return [];
  const result = await tx.execute(sql`select id, purchase_order_id, line_no, product_id, qty, received_qty from purchase_order_lines
    where purchase_order_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(headers.map((h) => h.id))}::jsonb))
    order by purchase_order_id, line_no`);
  const lines = result.rows.map(toLine);
  return headers.map((header) => ({ ...header, lines: lines.filter((l) => l.purchaseOrderId === header.id).map(({ purchaseOrderId: _po, ...line }) => line) }));
}

export async function selectPurchaseOrders(tx: Tx, filter: Omit<ListPurchaseOrdersQuery, 'cursor'> & { after: string | null }) {
  const result = await tx.execute(sql`select ${columns} from purchase_orders
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
      and (${filter.supplierId ?? null}::uuid is null or supplier_id = ${filter.supplierId ?? null}::uuid)
    order by id limit ${filter.limit + 1}`);
  return withLines(tx, result.rows.map(toHeader));
}

export async function selectPurchaseOrder(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<PurchaseOrder | null> {
  const result = await tx.execute(sql`select ${columns} from purchase_orders where id = ${id} ${options.lock ? sql`for update` : sql``}`);
  return result.rows[0] ? (await withLines(tx, [toHeader(result.rows[0])]))[0]! : null;
}

export async function insertPurchaseOrder(tx: Tx, orgId: string, number: string, input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
  const result = await tx.execute(sql`insert into purchase_orders (org_id, number, supplier_id, expected_date)
    values (${orgId}, ${number}, ${input.supplierId}, ${input.expectedDate ?? null}) returning ${columns}`);
  const header = toHeader(result.rows[0]!);
  const lines = input.lines.map((line, index) => ({ line_no: index + 1, product_id: line.productId, qty: String(line.qty) }));
  await tx.execute(sql`insert into purchase_order_lines (org_id, purchase_order_id, line_no, product_id, qty)
    select ${orgId}, ${header.id}, r.line_no, r.product_id, r.qty
    from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as r(line_no integer, product_id uuid, qty numeric)`);
  return (await withLines(tx, [header]))[0]!;
}

/** Moves an order from one of `from` to `to`; null when it is in none of them (or not there). */
export async function transitionPurchaseOrder(tx: Tx, id: string, from: PurchaseOrderStatus[], to: PurchaseOrderStatus): Promise<boolean> {
  const result = await tx.execute(sql`update purchase_orders set status = ${to}
    where id = ${id} and status in (select jsonb_array_elements_text(${JSON.stringify(from)}::jsonb)) returning id`);
  return result.rows.length > 0;
}

/** The supplier's state, or null when the organization has no such supplier. */
export async function selectSupplierState(tx: Tx, id: string): Promise<{ code: string; active: boolean } | null> {
  const result = await tx.execute(sql`select code, active from suppliers where id = ${id}`);
  return result.rows[0] ? { code: result.rows[0].code as string, active: result.rows[0].active as boolean } : null;
}

/** Products among ids: id → { code, active }. */
export async function selectProductStates(tx: Tx, ids: string[]): Promise<Map<string, { code: string; active: boolean }>> {
  const result = await tx.execute(sql`select id, code, status from products
    where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))`);
  return new Map(result.rows.map((row) => [row.id as string, { code: row.code as string, active: row.status === 'active' }]));
}

/** The order's line for a receipt line: the one named, or the first line of that product with quantity still open. */
export async function findLineForReceipt(tx: Tx, purchaseOrderId: string, productId: string, lineId: string | null) {
  const result = await tx.execute(sql`select id, product_id from purchase_order_lines
    where purchase_order_id = ${purchaseOrderId}
      and (${lineId}::uuid is null or id = ${lineId}::uuid)
      and (${lineId}::uuid is not null or product_id = ${productId})
    order by (received_qty < qty) desc, line_no limit 1`);
  const row = result.rows[0];
  return row ? { id: row.id as string, productId: row.product_id as string } : null;
}

/**
 * Counts qty × count into a line's receivedQty unless that would exceed the ordered qty
 * plus the tolerance. One conditional UPDATE: concurrent receipts queue on the row.
 */
export async function addReceivedQty(tx: Tx, lineId: string, qty: string, count: number, tolerancePercent: string) {
  const result = await tx.execute(sql`update purchase_order_lines set received_qty = received_qty + ${qty}::numeric * ${count}::integer
    where id = ${lineId} and received_qty + ${qty}::numeric * ${count}::integer <= qty * (1 + ${tolerancePercent}::numeric / 100)
    returning id`);
  return result.rows.length > 0;
}

export async function selectLineQuantities(tx: Tx, lineId: string): Promise<{ qty: string; receivedQty: string }> {
  const result = await tx.execute(sql`select qty, received_qty from purchase_order_lines where id = ${lineId}`);
  return { qty: result.rows[0]!.qty as string, receivedQty: result.rows[0]!.received_qty as string };
}

/** After receiving: `received` once every line is complete, else `partially_received`. */
export async function updateReceivingStatus(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`update purchase_orders set status = case
      when exists (select 1 from purchase_order_lines where purchase_order_id = ${id} and received_qty < qty) then 'partially_received'
      else 'received' end
    where id = ${id}`);
}
