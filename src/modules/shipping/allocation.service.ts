import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { fromMillionths, toMillionths } from '../../platform/exact-quantity.js';
import { findDispatchProducts } from '../technical/index.js';
import { organizationToday, reserveStock } from '../warehouse/index.js';
import { addToLine, selectSalesOrderLines, updateSalesOrderStatus, type SalesOrderHeader, type SalesOrderLineRow } from './sales-order.queries.js';
import type { SalesOrder, SalesOrderStatus } from './sales-order.schema.js';
import { requireActiveCustomer, requireAllergenFree } from './sales-order.service.js';
import { emitSalesOrderUpdated, lockSalesOrder, minimumExpiry, requireStatus, salesOrderView } from './sales-order.view.js';

/** The day the order leaves: its requested date, or today when none is given or it has passed. */
export function shipDateOf(order: Pick<SalesOrderHeader, 'requestedDate'>, today: string): string {
  return order.requestedDate !== null && order.requestedDate > today ? order.requestedDate : today;
}

/**
 * Reserves usable stock for what the order still lacks, earliest expiry first, only from LPs that
 * keep the customer's minimum remaining shelf life on the ship date; a line whose product holds an
 * allergen the customer excludes is 409 and nothing is reserved. Also allocates a backorder while
 * picking. Answers the order with every allocation it holds.
 */
export async function allocateSalesOrder(ctx: RequestContext, id: string): Promise<SalesOrder> {
  requirePermission(ctx, 'shipping', 'write');
  const today = await organizationToday(ctx);
  return withTenant(ctx, async (tx) => {
    const order = await lockSalesOrder(tx, id);
    requireStatus(order, ['confirmed', 'partially_allocated', 'picking'], 'allocating');
    const customer = await requireActiveCustomer(tx, order.customerId);
    const lines = await selectSalesOrderLines(tx, [id]);
    requireAllergenFree(customer, await findDispatchProducts(ctx, lines.map((line) => line.productId)), lines.map((line) => line.productId));
    const minExpiry = minimumExpiry(shipDateOf(order, today), customer.minRemainingShelfLifeDays);
    const open = lines.filter((line) => missing(line) > 0n);
    const reserved = await reserveStock(ctx, open.map((line) => ({ holderId: line.id, productId: line.productId, qty: fromMillionths(missing(line)), minExpiry })));
    for (const line of open) {
      const added = reserved.filter((row) => row.holderId === line.id).reduce((sum, row) => sum + toMillionths(row.qty), 0n);
      if (added > 0n) await addToLine(tx, line.id, { allocated: fromMillionths(added) });
    }
    const status = allocatedStatus(order.status, await selectSalesOrderLines(tx, [id]));
    if (status !== order.status) {
      await updateSalesOrderStatus(tx, id, status);
      await emitSalesOrderUpdated(tx, ctx, order, status);
    }
    return salesOrderView(ctx, tx, id);
  });
}

/** What a line still lacks: ordered minus allocated (what shipped stays counted as allocated). */
const missing = (line: SalesOrderLineRow): bigint => toMillionths(line.qty) - toMillionths(line.allocatedQty);

/** allocated when every line is covered, partially_allocated when something is; picking stays picking. */
function allocatedStatus(current: SalesOrderStatus, lines: SalesOrderLineRow[]): SalesOrderStatus {
  if (current === 'picking') return current;
  if (lines.every((line) => missing(line) <= 0n)) return 'allocated';
  return lines.some((line) => toMillionths(line.allocatedQty) > 0n) ? 'partially_allocated' : current;
}
