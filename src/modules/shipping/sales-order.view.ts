import type { RequestContext } from '../../platform/context.js';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { emitEvent } from '../../platform/events/index.js';
import { fromMillionths, toMillionths } from '../../platform/exact-quantity.js';
import { invalidTransition, notFound } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { listReservations } from '../warehouse/index.js';
import { selectSalesOrder, selectSalesOrderLines, type SalesOrderHeader, type SalesOrderLineRow } from './sales-order.queries.js';
import type { SalesOrder, SalesOrderStatus } from './sales-order.schema.js';

// Sales orders as the API shows them, and the helpers every order operation shares.

/** Orders with their lines and what is held for them, in the caller's transaction. */
export async function salesOrderViews(ctx: RequestContext, tx: Tx, headers: SalesOrderHeader[]): Promise<SalesOrder[]> {
  const lines = await selectSalesOrderLines(tx, headers.map((header) => header.id));
  const reservations = await listReservations(ctx, lines.map((line) => line.id));
  const orderOf = new Map(lines.map((line) => [line.id, line.salesOrderId]));
  return headers.map((header) => ({
    ...header,
    createdAt: toIso(header.createdAt),
    updatedAt: toIso(header.updatedAt),
    lines: lines.filter((line) => line.salesOrderId === header.id).map(publicLine),
    allocations: reservations
      .filter((row) => orderOf.get(row.holderId) === header.id)
      .map((row) => ({ lineId: row.holderId, licensePlateId: row.licensePlateId, qty: decimal(row.qty) })),
  }));
}

function publicLine(line: SalesOrderLineRow & { productCode: string; productName: string }) {
  const backorder = toMillionths(line.qty) - toMillionths(line.shippedQty);
  return {
    id: line.id,
    lineNo: line.lineNo,
    productId: line.productId,
    productCode: line.productCode,
    productName: line.productName,
    qty: decimal(line.qty),
    allocatedQty: decimal(line.allocatedQty),
    pickedQty: decimal(line.pickedQty),
    shippedQty: decimal(line.shippedQty),
    backorderQty: decimal(fromMillionths(backorder > 0n ? backorder : 0n)),
  };
}

/** One order as the API shows it. */
export async function salesOrderView(ctx: RequestContext, tx: Tx, id: string): Promise<SalesOrder> {
  const header = await selectSalesOrder(tx, id);
  if (!header) throw notFound('sales order');
  return (await salesOrderViews(ctx, tx, [header]))[0]!;
}

/** Locks the order for the operation; 404 when there is none. */
export async function lockSalesOrder(tx: Tx, id: string): Promise<SalesOrderHeader> {
  const order = await selectSalesOrder(tx, id, { lock: true });
  if (!order) throw notFound('sales order');
  return order;
}

/** The state machine's guard: the action is allowed only from these states (409 otherwise). */
export function requireStatus(order: SalesOrderHeader, allowed: readonly SalesOrderStatus[], action: string): void {
  if (!allowed.includes(order.status)) {
    throw invalidTransition('sales order', order.number, order.status, action, allowed, `sales order ${order.number} is ${order.status}; ${action} needs ${allowed.join(' or ')}`);
  }
}

/** sales_order.updated, thin: id, number, status, customer. */
export async function emitSalesOrderUpdated(tx: Tx, ctx: RequestContext, order: Pick<SalesOrderHeader, 'id' | 'number' | 'customerId'>, status: SalesOrderStatus): Promise<void> {
  await emitEvent(tx, ctx, { type: 'sales_order.updated', subjectId: order.id, payload: { id: order.id, number: order.number, status, customerId: order.customerId } });
}

/** The last day of the order's shelf-life rule: the LP must not expire before shipDate + the customer's minimum. */
export function minimumExpiry(shipDate: string, minRemainingShelfLifeDays: number | null): string {
  const date = new Date(`${shipDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + (minRemainingShelfLifeDays ?? 0));
  return date.toISOString().slice(0, 10);
}
