import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { emitEvent } from '../../platform/events/index.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { consumeFromLicensePlate, returnToLicensePlate } from '../warehouse/index.js';
import { decimal } from '../../platform/http/schemas.js';
import { insertConsumption, lockConsumption, lockMaterialDraw, markReversed, type ConsumptionRecord } from './consumption.queries.js';
import { getOrgSettings } from '../settings/index.js';
import { lockWorkOrderForDraw } from './work-order.queries.js';
import { presentConsumption } from './work-order.present.js';
import type { Consumption, ConsumeInput } from './work-order.schema.js';
import { requireLockedWorkOrder } from './work-order.service.js';
import { requireStatusFor } from './work-order.transitions.js';

// Genealogy: an output LP descends from every LP the order consumed (and did not give back)
// before it was made, linked when the output is booked (output.service.ts); an LP consumed
// after outputs exist is linked to each of those outputs when it is consumed. Both happen
// under the order's row lock (an output holds it exclusively, consumptions share it with each
// other and queue only on their plates), so at any moment every (consumed LP, output LP) pair
// of an order is linked. Links are append-only: reversing a consumption keeps the links already
// recorded, so a recall errs on the side of including that output.

/**
 * Tells other terminals, the dashboard and webhooks of a consumption or its reversal, in the
 * caller's transaction: a refusal rolls the event back with the change. Emitted last, once every
 * check has passed.
 */
async function emitConsumptionEvent(tx: Tx, ctx: RequestContext, type: 'consumption.created' | 'consumption.reversed', consumption: ConsumptionRecord) {
  await emitEvent(tx, ctx, {
    type,
    subjectId: consumption.id,
    payload: { id: consumption.id, workOrderId: consumption.workOrderId, licensePlateId: consumption.licensePlateId, qty: decimal(consumption.qty) },
  });
}

/**
 * Refuses (409 over_consumption) a draw that would take the material beyond requiredQty ×
 * (1 + tolerance / 100) when no reason was given. Serialized per material (lockMaterialDraw),
 * so two draws side by side cannot both slip under the limit.
 */
async function requireWithinTolerance(tx: Tx, order: { id: string }, productId: string, qty: string, tolerancePercent: number, reasonGiven: boolean): Promise<void> {
  const draw = await lockMaterialDraw(tx, order.id, productId, qty, String(tolerancePercent));
  if (!draw?.over || reasonGiven) return;
  const params = {
    productId,
    qty: decimal(qty),
    requiredQty: decimal(draw.requiredQty),
    consumedQty: decimal(draw.consumedQty),
    afterQty: decimal(draw.afterQty),
    limitQty: decimal(draw.limitQty),
    tolerancePercent,
  };
  throw new AppError(
    'CONFLICT',
    `taking ${params.qty} more would make ${params.afterQty} consumed of a material that requires ${params.requiredQty} (at most ${params.limitQty} within the ${tolerancePercent} % tolerance); send overConsumptionReason to take it anyway`,
    [{ path: 'overConsumptionReason', message: `is required beyond ${params.limitQty}` }],
    undefined,
    { code: 'over_consumption', params },
  );
}

/**
 * Draws qty from a usable LP of one of the order's materials into an order in progress.
 * One call to the warehouse, under the order's row lock, checks the plate's product is a
 * material, books the `consume` ledger row (the LP becomes `consumed` at 0) and links the
 * plate to the outputs made so far. Beyond the organization's overConsumptionTolerancePercent
 * a reason is required (requireWithinTolerance) and kept on the consumption; the excess shows
 * as variancePercent.
 */
export async function consumeForWorkOrder(ctx: RequestContext, workOrderId: string, input: ConsumeInput): Promise<Consumption> {
  requirePermission(ctx, 'production', 'write');
  const { overConsumptionTolerancePercent } = await getOrgSettings(ctx);
  return withTenant(ctx, async (tx) => {
    const order = await lockWorkOrderForDraw(tx, workOrderId);
    if (!order) throw notFound('work order');
    requireStatusFor(order, 'consume');
    const qty = toDecimalText(input.qty);
    const { materialProductIds, outputLicensePlateIds } = order;
    const plate = await consumeFromLicensePlate(ctx, { licensePlateId: input.licensePlateId, qty, workOrder: { id: order.id, number: order.number, materialProductIds, outputLicensePlateIds } });
    const reason = input.overConsumptionReason ?? null;
    await requireWithinTolerance(tx, order, plate.productId, qty, overConsumptionTolerancePercent, reason !== null);
    const consumption = await insertConsumption(tx, ctx.orgId, { workOrderId: order.id, licensePlateId: plate.id, productId: plate.productId, qty, overConsumptionReason: reason });
    await emitConsumptionEvent(tx, ctx, 'consumption.created', consumption);
    return presentConsumption(consumption);
  });
}

/**
 * Gives a consumption's qty back to its LP (`reverse` ledger row) and marks it reversed;
 * it is never deleted. A consumption is reversed once (409 the second time).
 */
export async function reverseConsumption(ctx: RequestContext, workOrderId: string, consumptionId: string, reason?: string): Promise<Consumption> {
  requirePermission(ctx, 'production', 'write');
  return withTenant(ctx, async (tx) => {
    const order = await requireLockedWorkOrder(tx, workOrderId, 'share');
    const consumption = await lockConsumption(tx, order.id, consumptionId);
    if (!consumption) throw new AppError('NOT_FOUND', 'consumption not found');
    if (consumption.reversed) throw AppError.coded('INVALID_STATE', 'already_reversed', { at: String(consumption.reversedAt) }, `the consumption was already reversed at ${consumption.reversedAt}`);
    requireStatusFor(order, 'reverse');
    await returnToLicensePlate(ctx, {
      licensePlateId: consumption.licensePlateId,
      qty: consumption.qty,
      workOrderId: order.id,
      reason: reason ?? `reversal of a consumption by ${order.number}`,
    });
    const reversed = await markReversed(tx, consumption.id, ctx.userId);
    await emitConsumptionEvent(tx, ctx, 'consumption.reversed', reversed);
    return presentConsumption(reversed);
  });
}
