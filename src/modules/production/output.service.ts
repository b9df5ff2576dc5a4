import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { createOutputLicensePlate, recordProductionLinks, type LicensePlate } from '../warehouse/index.js';
import { insertOutput, selectConsumedPlates } from './consumption.queries.js';
import type { OutputInput } from './work-order.schema.js';
import { addProducedQty } from './work-order.queries.js';
import { emitWorkOrderUpdated, requireLockedWorkOrder } from './work-order.service.js';
import { requireStatusFor } from './work-order.transitions.js';

/**
 * Books output of an order in progress: a new LP of the order's product (lot defaults to
 * the order number, expiry to today + shelf life, QA status per the outputQaRequired
 * setting), linked as a descendant of every LP the order has consumed and not given back
 * (see consumption.service.ts for later consumptions). producedQty grows by qty and
 * work_order.updated is emitted, all in one transaction under the order's row lock.
 */
export async function recordOutput(ctx: RequestContext, workOrderId: string, input: OutputInput): Promise<{ licensePlate: LicensePlate }> {
  requirePermission(ctx, 'production', 'write');
  return withTenant(ctx, async (tx) => {
    const order = await requireLockedWorkOrder(tx, workOrderId);
    requireStatusFor(order, 'output');
    const qty = toDecimalText(input.qty);
    const licensePlate = await createOutputLicensePlate(ctx, {
      workOrderId: order.id,
      productId: order.productId,
      qty,
      locationId: input.locationId,
      lot: input.lot ?? order.number,
      expiryDate: input.expiryDate,
    });
    await insertOutput(tx, ctx.orgId, { workOrderId: order.id, licensePlateId: licensePlate.id, qty, userId: ctx.userId });
    const producedQty = await addProducedQty(tx, order.id, qty);
    const sources = await selectConsumedPlates(tx, order.id);
    if (sources.length > 0) {
      await recordProductionLinks(ctx, {
        workOrderId: order.id,
        links: sources.map((source) => ({ fromLicensePlateId: source.licensePlateId, toLicensePlateId: licensePlate.id, qty: source.qty })),
      });
    }
    await emitWorkOrderUpdated(tx, ctx, { id: order.id, number: order.number, status: order.status, producedQty });
    return { licensePlate };
  });
}
