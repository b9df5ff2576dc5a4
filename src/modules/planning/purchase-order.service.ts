import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { emitEvent } from '../../platform/events/index.js';
import { AppError, inactiveAt, invalidTransition, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { getOrgSettings } from '../settings/index.js';
import { findProductReferences } from '../technical/index.js';
import {
  addReceivedQty,
  findLineForReceipt,
  insertPurchaseOrder,
  selectLineQuantities,
  selectPurchaseOrder,
  selectPurchaseOrders,
  selectSupplierState,
  transitionPurchaseOrder,
  updateReceivingStatus,
} from './purchase-order.queries.js';
import type { CreatePurchaseOrderInput, ListPurchaseOrdersQuery, PurchaseOrder, PurchaseOrderStatus } from './purchase-order.schema.js';

// Receivers need to see what they receive against.
function requirePurchaseOrderRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, ['planning', 'warehouse'], 'read');
}

/** Purchase orders, filtered by status or supplier. */
export async function listPurchaseOrders(ctx: RequestContext, query: ListPurchaseOrdersQuery) {
  requirePurchaseOrderRead(ctx);
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectPurchaseOrders(tx, { ...query, after }), query.limit));
}

/** One purchase order with its lines and what has been received of each. */
export async function getPurchaseOrder(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
  requirePurchaseOrderRead(ctx);
  const order = await withTenant(ctx, (tx) => selectPurchaseOrder(tx, id));
  if (!order) throw notFound('purchase order');
  return order;
}

/** A draft order to an active supplier for active products, numbered PO-000001. */
export async function createPurchaseOrder(ctx: RequestContext, input: CreatePurchaseOrderInput): Promise<PurchaseOrder> {
  requirePermission(ctx, 'planning', 'write');
  return withTenant(ctx, async (tx) => {
    const supplier = await selectSupplierState(tx, input.supplierId);
    if (!supplier) throw notFoundAt('supplierId', 'supplier');
    if (!supplier.active) throw inactiveAt('supplierId', 'supplier', supplier.code);
    const products = await findProductReferences(ctx, input.lines.map((line) => line.productId));
    input.lines.forEach((line, index) => {
      const product = products.get(line.productId);
      const path = `lines.${index}.productId`;
      if (!product) throw notFoundAt(path, 'product');
      if (!product.active) throw inactiveAt(path, 'product', product.code);
    });
    const number = formatNumber('PO-', await nextNumber(tx, ctx.orgId, 'PO'), 6);
    return announce(tx, ctx, await insertPurchaseOrder(tx, ctx.orgId, number, input));
  });
}

/** draft → approved. */
export async function approvePurchaseOrder(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
  return transition(ctx, id, ['draft'], 'approved', 'approve');
}

/** draft or approved → cancelled; once anything is received the order can no longer be cancelled. */
export async function cancelPurchaseOrder(ctx: RequestContext, id: string): Promise<PurchaseOrder> {
  return transition(ctx, id, ['draft', 'approved'], 'cancelled', 'cancel');
}

async function transition(ctx: RequestContext, id: string, from: PurchaseOrderStatus[], to: PurchaseOrderStatus, verb: string): Promise<PurchaseOrder> {
  requirePermission(ctx, 'planning', 'write');
  return withTenant(ctx, async (tx) => {
    const moved = await transitionPurchaseOrder(tx, id, from, to);
    const order = await selectPurchaseOrder(tx, id);
    if (!order) throw notFound('purchase order');
    if (!moved) throw invalidTransition('purchase order', order.number, order.status, verb, from, `purchase order ${order.number} is ${order.status}; only ${from.join(' or ')} orders can ${verb}`);
    return announce(tx, ctx, order);
  });
}

/**
 * Announces a receipt's effect on its order. The receipt calls it last, after taking its
 * license-plate numbers, because every writer takes the LP counter before the events
 * counter; the other order would let two transactions wait on each other.
 */
export async function announcePurchaseOrderReceived(ctx: RequestContext, id: string): Promise<void> {
  requirePermission(ctx, 'warehouse', 'write');
  await withTenant(ctx, async (tx) => {
    const order = await selectPurchaseOrder(tx, id);
    if (order) await announce(tx, ctx, order);
  });
}

/** Tells the boards (and webhooks) that an order was created or changed status. */
async function announce(tx: Tx, ctx: RequestContext, order: PurchaseOrder): Promise<PurchaseOrder> {
  await emitEvent(tx, ctx, {
    type: 'purchase_order.updated',
    subjectId: order.id,
    payload: { id: order.id, number: order.number, status: order.status, supplierId: order.supplierId },
  });
  return order;
}

export interface ReceivingLine {
  productId: string;
  poLineId?: string | null;
  /** Per plate, exact decimal string; the line receives qty × count. */
  qty: string;
  count: number;
}

/**
 * Warehouse's receiving against an order: the order must be approved or partially
 * received, each line's product must be the order line's, and the received total may
 * exceed the ordered qty by at most the organization's tolerance (409 otherwise). Joins
 * the receipt's transaction, so a refusal leaves nothing behind. Answers the order's
 * supplier and the order line each receipt line was counted on.
 */
export async function receiveAgainstPurchaseOrder(
  ctx: RequestContext,
  input: { purchaseOrderId: string; lines: ReceivingLine[] },
): Promise<{ supplierId: string; poLineIds: string[] }> {
  requirePermission(ctx, 'warehouse', 'write');
  const tolerance = String((await getOrgSettings(ctx)).overReceiptTolerancePercent);
  return withTenant(ctx, async (tx) => {
    const order = await selectPurchaseOrder(tx, input.purchaseOrderId, { lock: true });
    if (!order) throw notFoundAt('purchaseOrderId', 'purchase order');
    if (order.status !== 'approved' && order.status !== 'partially_received') {
      throw invalidTransition('purchase order', order.number, order.status, 'receive', ['approved', 'partially_received'], `purchase order ${order.number} is ${order.status}; only approved orders can be received`, [
        { path: 'purchaseOrderId', message: `order is ${order.status}` },
      ]);
    }
    const poLineIds: string[] = [];
    for (const [index, line] of input.lines.entries()) poLineIds.push(await receiveLine(tx, order, line, index, tolerance));
    await updateReceivingStatus(tx, order.id);
    return { supplierId: order.supplierId, poLineIds };
  });
}

async function receiveLine(tx: Tx, order: PurchaseOrder, line: ReceivingLine, index: number, tolerance: string): Promise<string> {
  const orderLine = await findLineForReceipt(tx, order.id, line.productId, line.poLineId ?? null);
  if (!orderLine && line.poLineId) {
    throw new AppError('NOT_FOUND', `purchase order ${order.number} has no such line`, [{ path: `lines.${index}.poLineId`, message: 'not a line of this purchase order' }]);
  }
  if (!orderLine || orderLine.productId !== line.productId) {
    throw AppError.coded('CONFLICT', 'product_not_on_order', { number: order.number }, `the product is not ${line.poLineId ? "that order line's product" : `on purchase order ${order.number}`}`, [
      { path: `lines.${index}.productId`, message: line.poLineId ? 'differs from the order line' : 'not on this purchase order' },
    ]);
  }
  if (!(await addReceivedQty(tx, orderLine.id, line.qty, line.count, tolerance))) {
    const { qty, receivedQty } = await selectLineQuantities(tx, orderLine.id);
    const params = { ordered: Number(qty), received: Number(receivedQty), tolerance: Number(tolerance) };
    throw AppError.coded('CONFLICT', 'over_receipt', params, `receiving more than ordered: line ordered ${Number(qty)}, already received ${Number(receivedQty)}, tolerance ${tolerance}%`, [
      { path: `lines.${index}.qty`, message: 'exceeds the ordered quantity' },
    ]);
  }
  return orderLine.id;
}
