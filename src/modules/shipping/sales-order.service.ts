import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { AppError, inactiveAt, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { findDispatchProducts, findProductReferences, type DispatchProduct } from '../technical/index.js';
import { releaseReservations } from '../warehouse/index.js';
import { closeOpenPickLists } from './pick-list.queries.js';
import { insertSalesOrder, insertSalesOrderLines, resetLinesToShipped, selectCustomerRules, selectSalesOrderLines, selectSalesOrders, updateSalesOrderStatus, type CustomerRules } from './sales-order.queries.js';
import type { CreateSalesOrderInput, ListSalesOrdersQuery, SalesOrder } from './sales-order.schema.js';
import { emitSalesOrderUpdated, lockSalesOrder, requireStatus, salesOrderView, salesOrderViews } from './sales-order.view.js';

/** Sales orders, filtered by status or customer, in id order. */
export async function listSalesOrders(ctx: RequestContext, query: ListSalesOrdersQuery) {
  requirePermission(ctx, 'shipping', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await salesOrderViews(ctx, tx, await selectSalesOrders(tx, { ...query, after })), query.limit));
}

/** One order with its lines, backorder and allocations; another organization's id is not found. */
export async function getSalesOrder(ctx: RequestContext, id: string): Promise<SalesOrder> {
  requirePermission(ctx, 'shipping', 'read');
  return withTenant(ctx, (tx) => salesOrderView(ctx, tx, id));
}

/** An active customer with its rules; 404 / 409 naming customerId. */
export async function requireActiveCustomer(tx: Tx, customerId: string): Promise<CustomerRules> {
  const customer = (await selectCustomerRules(tx, [customerId])).get(customerId);
  if (!customer) throw notFoundAt('customerId', 'customer');
  if (!customer.active) throw inactiveAt('customerId', 'customer', customer.code);
  return customer;
}

/** The customer's excluded allergens the product contains, through every BOM level. */
export const excludedAllergensIn = (product: Pick<DispatchProduct, 'derivedAllergens'>, customer: Pick<CustomerRules, 'excludedAllergens'>): string[] =>
  product.derivedAllergens.filter((code) => customer.excludedAllergens.includes(code));

/** Refuses (409) an order line whose product the customer excludes by an allergen. */
export function requireAllergenFree(customer: CustomerRules, products: Map<string, DispatchProduct>, productIds: string[]): void {
  productIds.forEach((productId, index) => {
    const product = products.get(productId)!;
    const excluded = excludedAllergensIn(product, customer);
    if (excluded.length > 0) {
      throw new AppError('CONFLICT', `product ${product.code} contains ${excluded.join(', ')}, which customer ${customer.code} excludes`, [
        { path: `lines.${index}.productId`, message: `contains excluded allergen ${excluded.join(', ')}` },
      ]);
    }
  });
}

/** A draft order numbered SO-000001; a product the customer excludes by an allergen is 409. */
export async function createSalesOrder(ctx: RequestContext, input: CreateSalesOrderInput): Promise<SalesOrder> {
  requirePermission(ctx, 'shipping', 'write');
  return withTenant(ctx, async (tx) => {
    const customer = await requireActiveCustomer(tx, input.customerId);
    const productIds = input.lines.map((line) => line.productId);
    const references = await findProductReferences(ctx, productIds);
    productIds.forEach((productId, index) => {
      const product = references.get(productId);
      const path = `lines.${index}.productId`;
      if (!product) throw notFoundAt(path, 'product');
      if (!product.active) throw inactiveAt(path, 'product', product.code);
    });
    requireAllergenFree(customer, await findDispatchProducts(ctx, productIds), productIds);
    const number = formatNumber('SO-', await nextNumber(tx, ctx.orgId, 'SO'), 6);
    const id = await insertSalesOrder(tx, ctx.orgId, { number, customerId: input.customerId, requestedDate: input.requestedDate ?? null });
    await insertSalesOrderLines(tx, ctx.orgId, id, input.lines.map((line) => ({ productId: line.productId, qty: toDecimalText(line.qty) })));
    await emitSalesOrderUpdated(tx, ctx, { id, number, customerId: input.customerId }, 'draft');
    return salesOrderView(ctx, tx, id);
  });
}

/** draft → confirmed. */
export async function confirmSalesOrder(ctx: RequestContext, id: string): Promise<SalesOrder> {
  requirePermission(ctx, 'shipping', 'write');
  return withTenant(ctx, async (tx) => {
    const order = await lockSalesOrder(tx, id);
    requireStatus(order, ['draft'], 'confirming');
    await updateSalesOrderStatus(tx, id, 'confirmed');
    await emitSalesOrderUpdated(tx, ctx, order, 'confirmed');
    return salesOrderView(ctx, tx, id);
  });
}

/** Cancels an order not shipped yet: everything held for it (picked plates too) is given back, open pick lists close. */
export async function cancelSalesOrder(ctx: RequestContext, id: string): Promise<SalesOrder> {
  requirePermission(ctx, 'shipping', 'write');
  return withTenant(ctx, async (tx) => {
    const order = await lockSalesOrder(tx, id);
    requireStatus(order, ['draft', 'confirmed', 'allocated', 'partially_allocated', 'picking'], 'cancelling');
    const lines = await selectSalesOrderLines(tx, [id]);
    await releaseReservations(ctx, lines.map((line) => line.id));
    await resetLinesToShipped(tx, id);
    await closeOpenPickLists(tx, id, { andDone: true });
    await updateSalesOrderStatus(tx, id, 'cancelled');
    await emitSalesOrderUpdated(tx, ctx, order, 'cancelled');
    return salesOrderView(ctx, tx, id);
  });
}
