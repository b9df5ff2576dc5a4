import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { fromMillionths, toMillionths } from '../../platform/exact-quantity.js';
import { AppError } from '../../platform/http/errors.js';
import { organizationToday } from '../warehouse/index.js';
import { closeOpenPickLists, markPicksShipped, selectPicks } from './pick-list.queries.js';
import { addToLine, selectSalesOrderLines, updateSalesOrderStatus } from './sales-order.queries.js';
import { emitSalesOrderUpdated, lockSalesOrder, requireStatus, salesOrderView } from './sales-order.view.js';
import { recordShipment } from './shipment.service.js';

/**
 * Ships everything picked for the order and not shipped yet as one shipment (SH-…, with the
 * order's id). The order becomes shipped when every line is shipped in full; otherwise it stays
 * picking and the rest is its backorder.
 */
export async function shipSalesOrder(ctx: RequestContext, id: string, input: { shipDate?: string } = {}) {
  requirePermission(ctx, 'shipping', 'write');
  const shipDate = input.shipDate ?? (await organizationToday(ctx));
  return withTenant(ctx, async (tx) => {
    const order = await lockSalesOrder(tx, id);
    requireStatus(order, ['picking'], 'shipping');
    const lines = await selectSalesOrderLines(tx, [id]);
    const picks = await selectPicks(tx, lines.map((line) => line.id), { unshippedOnly: true });
    if (picks.length === 0) throw new AppError('INVALID_STATE', `sales order ${order.number} has nothing picked to ship`);
    const shipment = await recordShipment(ctx, tx, {
      customerId: order.customerId,
      licensePlateIds: picks.map((pick) => pick.licensePlateId),
      shipDate,
      salesOrderId: id,
      holderIds: lines.map((line) => line.id),
    });
    await markPicksShipped(tx, picks.map((pick) => pick.id), shipment.id);
    for (const line of lines) {
      const shipped = picks.filter((pick) => pick.salesOrderLineId === line.id).reduce((sum, pick) => sum + toMillionths(pick.qty), 0n);
      if (shipped > 0n) await addToLine(tx, line.id, { shipped: fromMillionths(shipped) });
    }
    const after = await selectSalesOrderLines(tx, [id]);
    const isComplete = after.every((line) => toMillionths(line.shippedQty) >= toMillionths(line.qty));
    if (isComplete) {
      await updateSalesOrderStatus(tx, id, 'shipped');
      await closeOpenPickLists(tx, id);
    }
    await emitSalesOrderUpdated(tx, ctx, order, isComplete ? 'shipped' : 'picking');
    return { ...(await salesOrderView(ctx, tx, id)), shipment };
  });
}
