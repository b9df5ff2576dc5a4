import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { listLicensePlatesByIds, listReservations } from '../warehouse/index.js';
import { closeOpenPickLists, insertPickList, insertPickListLines, selectPickListsOfOrder, selectPicks } from './pick-list.queries.js';
import type { PickList } from './pick-list.schema.js';
import { pickListView, requirePickList } from './pick-list.view.js';
import { selectSalesOrderLines, updateSalesOrderStatus } from './sales-order.queries.js';
import { emitSalesOrderUpdated, lockSalesOrder, requireStatus } from './sales-order.view.js';

/** One pick list in walking order. */
export async function getPickList(ctx: RequestContext, id: string): Promise<PickList> {
  requirePermission(ctx, 'shipping', 'read');
  return withTenant(ctx, async (tx) => pickListView(ctx, tx, await requirePickList(tx, id)));
}

/** The pick lists of a sales order, oldest first. */
export async function listPickLists(ctx: RequestContext, salesOrderId: string): Promise<{ items: PickList[]; nextCursor: null }> {
  requirePermission(ctx, 'shipping', 'read');
  return withTenant(ctx, async (tx) => {
    const items: PickList[] = [];
    for (const header of await selectPickListsOfOrder(tx, salesOrderId)) items.push(await pickListView(ctx, tx, header));
    return { items, nextCursor: null };
  });
}

/**
 * A pick list (PL-000001) of everything allocated to the order and not picked yet, in walking
 * order; it replaces the order's open list, and the order is picking from now on.
 */
export async function createPickList(ctx: RequestContext, salesOrderId: string): Promise<PickList> {
  requirePermission(ctx, 'shipping', 'write');
  return withTenant(ctx, async (tx) => {
    const order = await lockSalesOrder(tx, salesOrderId);
    requireStatus(order, ['allocated', 'partially_allocated', 'picking'], 'a pick list');
    const lineIds = (await selectSalesOrderLines(tx, [salesOrderId])).map((line) => line.id);
    const picked = new Set((await selectPicks(tx, lineIds)).map((pick) => pick.licensePlateId));
    const toPick = (await listReservations(ctx, lineIds)).filter((row) => !picked.has(row.licensePlateId));
    if (toPick.length === 0) throw new AppError('INVALID_STATE', `sales order ${order.number} has nothing allocated left to pick`);
    await closeOpenPickLists(tx, salesOrderId);
    const plates = new Map((await listLicensePlatesByIds(ctx, toPick.map((row) => row.licensePlateId))).map((lp) => [lp.id, lp]));
    const number = formatNumber('PL-', await nextNumber(tx, ctx.orgId, 'PL'), 6);
    const id = await insertPickList(tx, ctx.orgId, { number, salesOrderId });
    await insertPickListLines(tx, ctx.orgId, id, toPick.map((row) => {
      const lp = plates.get(row.licensePlateId)!;
      return { salesOrderLineId: row.holderId, licensePlateId: lp.id, productId: lp.productId, lot: lp.lot, locationId: lp.locationId, qty: row.qty };
    }));
    if (order.status !== 'picking') {
      await updateSalesOrderStatus(tx, salesOrderId, 'picking');
      await emitSalesOrderUpdated(tx, ctx, order, 'picking');
    }
    return pickListView(ctx, tx, await requirePickList(tx, id));
  });
}
