import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import { productCodeOf, productNameOf } from '../technical/index.js';
import type { ListSalesOrdersQuery, SalesOrderStatus } from './sales-order.schema.js';
import { customers, salesOrderLines, salesOrders } from './tables.js';

const headerFields = {
  id: salesOrders.id,
  number: salesOrders.number,
  customerId: salesOrders.customerId,
  requestedDate: salesOrders.requestedDate,
  status: salesOrders.status,
  createdAt: salesOrders.createdAt,
  updatedAt: salesOrders.updatedAt,
};

const lineFields = {
  id: salesOrderLines.id,
  salesOrderId: salesOrderLines.salesOrderId,
  lineNo: salesOrderLines.lineNo,
  productId: salesOrderLines.productId,
  qty: salesOrderLines.qty,
  allocatedQty: salesOrderLines.allocatedQty,
  pickedQty: salesOrderLines.pickedQty,
  shippedQty: salesOrderLines.shippedQty,
};

/** A sales order's header as stored. */
export type SalesOrderHeader = Pick<typeof salesOrders.$inferSelect, keyof typeof headerFields>;
/** A line as stored: quantities are exact decimal text. */
export type SalesOrderLineRow = Pick<typeof salesOrderLines.$inferSelect, keyof typeof lineFields>;

export async function insertSalesOrder(tx: Tx, orgId: string, order: { number: string; customerId: string; requestedDate: string | null }): Promise<string> {
  const [row] = await tx.insert(salesOrders).values({ ...order, orgId }).returning({ id: salesOrders.id });
  return row!.id;
}

export async function insertSalesOrderLines(tx: Tx, orgId: string, salesOrderId: string, lines: { productId: string; qty: string }[]): Promise<void> {
  await tx.insert(salesOrderLines).values(lines.map((line, index) => ({ orgId, salesOrderId, lineNo: index + 1, ...line })));
}

/** One order; with `lock`, row-locked until the transaction ends (every change of an order takes it first). */
export async function selectSalesOrder(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<SalesOrderHeader | null> {
  const query = tx.select(headerFields).from(salesOrders).where(eq(salesOrders.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function selectSalesOrders(tx: Tx, filter: Omit<ListSalesOrdersQuery, 'cursor'> & { after: string | null }): Promise<SalesOrderHeader[]> {
  return tx
    .select(headerFields)
    .from(salesOrders)
    .where(
      and(
        filter.after === null ? undefined : gt(salesOrders.id, filter.after),
        filter.status === undefined ? undefined : eq(salesOrders.status, filter.status),
        filter.customerId === undefined ? undefined : eq(salesOrders.customerId, filter.customerId),
      ),
    )
    .orderBy(asc(salesOrders.id))
    .limit(filter.limit + 1);
}

/** The lines of orders, in line order. */
export async function selectSalesOrderLines(tx: Tx, orderIds: string[]): Promise<(SalesOrderLineRow & { productCode: string; productName: string })[]> {
  if (orderIds.length === 0) return [];
  // The product's code and name beside each line, read through technical's contract in the same query.
  return tx
    .select({ ...lineFields, productCode: productCodeOf(salesOrderLines.productId), productName: productNameOf(salesOrderLines.productId) })
    .from(salesOrderLines)
    .where(inIdList(salesOrderLines.salesOrderId, orderIds))
    .orderBy(asc(salesOrderLines.salesOrderId), asc(salesOrderLines.lineNo));
}

export async function updateSalesOrderStatus(tx: Tx, id: string, status: SalesOrderStatus): Promise<void> {
  await tx.update(salesOrders).set({ status }).where(eq(salesOrders.id, id));
}

/** Adds to a line's allocated, picked or shipped quantity (exact decimal text, computed in SQL). */
export async function addToLine(tx: Tx, lineId: string, add: { allocated?: string; picked?: string; shipped?: string }): Promise<void> {
  const plus = (column: AnyPgColumn, value?: string) => (value === undefined ? undefined : sql`${column} + ${value}::numeric`);
  await tx
    .update(salesOrderLines)
    .set({ allocatedQty: plus(salesOrderLines.allocatedQty, add.allocated), pickedQty: plus(salesOrderLines.pickedQty, add.picked), shippedQty: plus(salesOrderLines.shippedQty, add.shipped) })
    .where(eq(salesOrderLines.id, lineId));
}

/** A cancelled order keeps only what it shipped: allocated and picked fall back to shipped. */
export async function resetLinesToShipped(tx: Tx, salesOrderId: string): Promise<void> {
  await tx.update(salesOrderLines).set({ allocatedQty: salesOrderLines.shippedQty, pickedQty: salesOrderLines.shippedQty }).where(eq(salesOrderLines.salesOrderId, salesOrderId));
}

/** What allocation and picking check of a customer. */
export interface CustomerRules {
  id: string;
  code: string;
  name: string;
  address: string | null;
  active: boolean;
  minRemainingShelfLifeDays: number | null;
  excludedAllergens: string[];
}

export async function selectCustomerRules(tx: Tx, ids: string[]): Promise<Map<string, CustomerRules>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: customers.id,
      code: customers.code,
      name: customers.name,
      address: customers.address,
      active: customers.active,
      minRemainingShelfLifeDays: customers.minRemainingShelfLifeDays,
      excludedAllergens: customers.excludedAllergens,
    })
    .from(customers)
    .where(inArray(customers.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}
