import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toIso } from '../../platform/db/columns.js';
import { toDecimalText } from '../../platform/decimal.js';
import { emitEvent } from '../../platform/events/index.js';
import { AppError, inactiveAt, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { decimal } from '../../platform/http/schemas.js';
import { findActiveBom, findBom, findProductState } from '../technical/index.js';
import { findPlateLabels, organizationToday, sumUsableStock } from '../warehouse/index.js';
import { selectConsumptions, selectOutputs } from './consumption.queries.js';
import type { CreateWorkOrderInput, ListWorkOrdersQuery, WorkOrder } from './work-order.schema.js';
import { requireLineChangedOver } from './changeover.service.js';
import { requireActiveLine } from './line-reference.js';
import { presentConsumption, presentMaterial, presentOutput, presentWorkOrder } from './work-order.present.js';
import {
  insertTransition,
  insertWorkOrder,
  lockWorkOrder,
  selectHistory,
  selectMaterials,
  selectWorkOrder,
  selectWorkOrders,
  snapshotMaterials,
  updateStatus,
  type WorkOrderRecord,
} from './work-order.queries.js';
import { nextStatus, requireTransitionPermission, type WorkOrderAction, type WorkOrderStatus } from './work-order.transitions.js';

/** Planning plans orders and production runs them: either may read them. */
export function requireWorkOrderRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, ['production', 'planning'], 'read');
}

/** Locks an order of the organization for the rest of the transaction (see lockWorkOrder); 404 when there is none. */
export async function requireLockedWorkOrder(tx: Tx, id: string, mode: 'update' | 'share' = 'update'): Promise<WorkOrderRecord> {
  const order = await lockWorkOrder(tx, id, mode);
  if (!order) throw notFound('work order');
  return order;
}

/** Tells realtime clients and webhooks that the order changed status or output (in the caller's transaction). */
export async function emitWorkOrderUpdated(tx: Tx, ctx: RequestContext, order: { id: string; number: string; status: WorkOrderStatus; producedQty: string }) {
  await emitEvent(tx, ctx, {
    type: 'work_order.updated',
    subjectId: order.id,
    payload: { id: order.id, number: order.number, status: order.status, producedQty: decimal(order.producedQty) },
  });
}

/** The whole order as GET shows it: materials with stock, consumptions, outputs and history. */
export async function loadWorkOrder(ctx: RequestContext, tx: Tx, id: string, today: string): Promise<WorkOrder> {
  const order = await selectWorkOrder(tx, id);
  if (!order) throw notFound('work order');
  const materials = await selectMaterials(tx, id);
  const usable = await sumUsableStock(ctx, materials.map((material) => material.productId), today);
  const outputs = await selectOutputs(tx, id);
  const consumptions = await selectConsumptions(tx, id);
  // One read names every plate the order drew from or made: screens need no read per plate.
  const plates = await findPlateLabels(ctx, [...new Set([...outputs, ...consumptions].map((row) => row.licensePlateId))]);
  return {
    ...presentWorkOrder(order),
    materials: materials.map((material) => presentMaterial(material, usable.get(material.productId))),
    consumptions: consumptions.map((consumption) => {
      const plate = plates.get(consumption.licensePlateId);
      return { ...presentConsumption(consumption), ...(plate ? { licensePlateNumber: plate.number, lot: plate.lot } : {}) };
    }),
    outputs: outputs.map((output) => presentOutput(output, plates.get(output.licensePlateId)!)),
    history: (await selectHistory(tx, id)).map((entry) => ({ ...entry, at: toIso(entry.at) })),
  };
}

/** The BOM an order is made by: the one named (an active BOM of the product), else the one in force on the date. */
export async function resolveBom(ctx: RequestContext, input: Pick<CreateWorkOrderInput, 'productId' | 'bomId'>, scheduledDate: string): Promise<string> {
  if (input.bomId) {
    const bom = await findBom(ctx, input.bomId);
    if (!bom) throw new AppError('NOT_FOUND', 'BOM not found', [{ path: 'bomId', message: 'no such BOM' }]);
    if (bom.productId !== input.productId) throw new AppError('CONFLICT', 'the BOM makes another product', [{ path: 'bomId', message: 'is a BOM of another product' }]);
    if (bom.status !== 'active') throw new AppError('INVALID_STATE', `BOM version ${bom.version} is a draft; activate it first`, [{ path: 'bomId', message: 'is not active' }]);
    return input.bomId;
  }
  const bom = await findActiveBom(ctx, input.productId, scheduledDate);
  if (!bom) {
    throw new AppError('INVALID_STATE', `the product has no active BOM in force on ${scheduledDate}; activate one or name a bomId`, [
      { path: 'productId', message: `has no active BOM on ${scheduledDate}` },
    ]);
  }
  return bom.id;
}

/**
 * Plans an order, numbered WO-000001 per organization, in status `planned`. Without a
 * bomId it is made by the product's active BOM in force on scheduledDate (default today).
 */
export async function createWorkOrder(ctx: RequestContext, input: CreateWorkOrderInput): Promise<WorkOrder> {
  requirePermission(ctx, 'planning', 'write');
  const today = await organizationToday(ctx);
  const scheduledDate = input.scheduledDate ?? today;
  return withTenant(ctx, async (tx) => {
    const product = await findProductState(ctx, input.productId);
    if (!product) throw notFoundAt('productId', 'product');
    if (!product.active) throw inactiveAt('productId', 'product', product.code);
    const bomId = await resolveBom(ctx, input, scheduledDate);
    if (input.lineId) await requireActiveLine(ctx, input.lineId);
    const number = formatNumber('WO-', await nextNumber(tx, ctx.orgId, 'WO'), 6);
    const id = await insertWorkOrder(tx, ctx.orgId, { number, productId: input.productId, bomId, plannedQty: toDecimalText(input.plannedQty), scheduledDate, lineId: input.lineId ?? null });
    await insertTransition(tx, ctx.orgId, { workOrderId: id, from: null, to: 'planned', reason: null, userId: ctx.userId });
    await emitWorkOrderUpdated(tx, ctx, { id, number, status: 'planned', producedQty: '0' });
    return loadWorkOrder(ctx, tx, id, today);
  });
}

/** Orders by status or product, in id (creation) order. */
export async function listWorkOrders(ctx: RequestContext, query: ListWorkOrdersQuery) {
  requireWorkOrderRead(ctx);
  const after = decodeCursor(query.cursor);
  const orders = await withTenant(ctx, (tx) => selectWorkOrders(tx, { ...query, after }));
  return toPage(
    orders.map((order) => ({ ...presentWorkOrder(order), productCode: order.productCode, productName: order.productName })),
    query.limit,
  );
}

/** One order with its materials, consumptions, outputs, yield and history. */
export async function getWorkOrder(ctx: RequestContext, id: string): Promise<WorkOrder> {
  requireWorkOrderRead(ctx);
  const today = await organizationToday(ctx);
  return withTenant(ctx, (tx) => loadWorkOrder(ctx, tx, id, today));
}

/** The BOM version an order is made by, as technical keeps it; it cannot be deleted while an order names it. */
async function requireBomOf(ctx: RequestContext, order: WorkOrderRecord) {
  const bom = await findBom(ctx, order.bomId);
  if (!bom) throw notFound('BOM');
  return bom;
}

/**
 * Moves an order along the state machine (work-order.transitions.ts) under its row lock,
 * records who, when and why, and emits work_order.updated. Release also snapshots the
 * BOM into the order's materials.
 */
export async function transitionWorkOrder(ctx: RequestContext, id: string, action: WorkOrderAction, reason?: string): Promise<WorkOrder> {
  requireTransitionPermission(ctx, action);
  const today = await organizationToday(ctx);
  return withTenant(ctx, async (tx) => {
    const order = await requireLockedWorkOrder(tx, id);
    const to = nextStatus(order, action);
    if (action === 'start' && order.lineId) await requireLineChangedOver(ctx, tx, order);
    if (action === 'release') await snapshotMaterials(tx, ctx.orgId, order, await requireBomOf(ctx, order));
    await updateStatus(tx, id, to);
    await insertTransition(tx, ctx.orgId, { workOrderId: id, from: order.status, to, reason: reason ?? null, userId: ctx.userId });
    await emitWorkOrderUpdated(tx, ctx, { id, number: order.number, status: to, producedQty: order.producedQty });
    return loadWorkOrder(ctx, tx, id, today);
  });
}
