import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { requireQuantityText } from '../../platform/decimal.js';
import { AppError, invalidTransition, notFoundAt } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { getOrgSettings } from '../settings/index.js';
import { openArrivalInspections, productsToInspect } from './arrival-inspections.js';
import { emitLicensePlatesCreated, emitQaChanged } from './events.js';
import { insertLinks, insertMoves, insertProductionLinksNotRecorded } from './ledger.queries.js';
import type { LicensePlate, QaStatus } from './license-plate.schema.js';
import { addQty, emptyLicensePlates, insertLicensePlates, lockLicensePlate, lockLicensePlates, subtractForConsumption, updateQaStatus } from './license-plate.queries.js';
import { publicPlate, type LicensePlateRecord } from './license-plate.record.js';
import { requireAvailable, requireLockedLicensePlate } from './license-plate.service.js';
import { nextLicensePlateNumbers } from './lineage.service.js';
import { defaultExpiry, findStockProducts, requireActiveLocation, requireStockProduct } from './reference.service.js';
import { requireReservationsCovered } from './reservation-guard.js';
import { assertUsable, todayIn } from './usability.js';
import { deletePlateReservations, selectPlateReservations } from './reservation.queries.js';
import type { Tx } from '../../platform/db/database.js';

// The warehouse's service to other modules: production draws, returns and outputs stock,
// shipping ships it, quality changes its QA status. Each joins the caller's transaction.

/** What production tells the warehouse about the order drawing stock (read under the order's row lock). */
export interface DrawingWorkOrder {
  id: string;
  number: string;
  /** The products of the order's materials: a plate of any other product is refused. */
  materialProductIds: string[];
  /** The LPs the order has output so far: the drawn plate becomes an ancestor of each. */
  outputLicensePlateIds: string[];
}

/**
 * A work order's draw, in one call joining the caller's transaction: locks the LP (its only
 * read), checks it holds one of the order's materials and is usable, draws qty (`consume`
 * ledger row; at 0 the LP becomes `consumed`) and links it to each of the order's outputs
 * it does not feed yet. Concurrent draws queue on the LP's row lock and never overdraw.
 */
export async function consumeFromLicensePlate(
  ctx: RequestContext,
  input: { licensePlateId: string; qty: number | string; workOrder: DrawingWorkOrder },
): Promise<LicensePlate> {
  requirePermission(ctx, 'production', 'write');
  const today = todayIn((await getOrgSettings(ctx)).timezone);
  const qty = requireQuantityText(input.qty, 'qty');
  const order = input.workOrder;
  return withTenant(ctx, async (tx) => {
    const lp = await lockLicensePlate(tx, input.licensePlateId);
    if (!lp) throw notFoundAt('licensePlateId', 'license plate');
    if (!order.materialProductIds.includes(lp.productId)) {
      throw AppError.coded('CONFLICT', 'not_a_material', { number: lp.number, workOrder: order.number }, `license plate ${lp.number} holds a product that is not among the materials of ${order.number}`, [
        { path: 'licensePlateId', message: 'its product is not a material of this work order', code: 'not_a_material', params: { number: lp.number, workOrder: order.number } },
      ]);
    }
    assertUsable(lp, today, 'licensePlateId');
    const drawn = await subtractForConsumption(tx, lp.id, qty);
    if (!drawn) {
      const held = decimal(lp.qty);
      throw AppError.coded('INSUFFICIENT_QUANTITY', 'insufficient_quantity', { number: lp.number, held: Number(held), uom: lp.uom, qty: Number(qty) }, `license plate ${lp.number} holds ${held} ${lp.uom}, less than ${qty}`, [
        { path: 'qty', message: `must be at most ${held}`, code: 'too_big', params: { maximum: Number(held), inclusive: true } },
      ]);
    }
    await requireReservationsCovered(tx, drawn, 'a work order');
    await insertMoves(tx, ctx.orgId, [
      { licensePlateId: lp.id, type: 'consume', qtyChange: `-${qty}`, qtyAfter: drawn.qty, fromLocationId: lp.locationId, workOrderId: order.id },
    ]);
    await insertProductionLinksNotRecorded(tx, ctx.orgId, { fromLicensePlateId: lp.id, toLicensePlateIds: order.outputLicensePlateIds, qty, workOrderId: order.id });
    return publicPlate(drawn);
  });
}

/** Gives qty back to an LP a work order drew from (`reverse` row); a consumed LP becomes available again. */
export async function returnToLicensePlate(
  ctx: RequestContext,
  input: { licensePlateId: string; qty: number | string; workOrderId: string; reason?: string },
): Promise<LicensePlate> {
  requirePermission(ctx, 'production', 'write');
  const qty = requireQuantityText(input.qty, 'qty');
  return withTenant(ctx, async (tx) => {
    const lp = await requireLockedLicensePlate(tx, input.licensePlateId);
    if (lp.status !== 'available' && lp.status !== 'consumed') {
      throw AppError.coded('INVALID_STATE', 'license_plate_not_available', { number: lp.number, status: lp.status }, `license plate ${lp.number} is ${lp.status}; stock cannot be returned to it`);
    }
    const returned = await addQty(tx, lp.id, qty);
    await insertMoves(tx, ctx.orgId, [
      { licensePlateId: lp.id, type: 'reverse', qtyChange: qty, qtyAfter: returned.qty, toLocationId: lp.locationId, workOrderId: input.workOrderId, reason: input.reason },
    ]);
    return publicPlate(returned);
  });
}

export interface OutputInput {
  workOrderId: string;
  productId: string;
  qty: number | string;
  locationId: string;
  lot: string;
  /** undefined: today + the product's shelf life; null: no expiry. */
  expiryDate?: string | null;
}

/**
 * A new LP of a work order's product (`output` row). It starts `pending` when the
 * organization requires QA on output or quality inspects the product's output (an
 * inspection is opened for it), else `released`.
 */
export async function createOutputLicensePlate(ctx: RequestContext, input: OutputInput): Promise<LicensePlate> {
  requirePermission(ctx, 'production', 'write');
  const settings = await getOrgSettings(ctx);
  const qty = requireQuantityText(input.qty, 'qty');
  return withTenant(ctx, async (tx) => {
    const product = requireStockProduct(await findStockProducts(ctx, [input.productId]), input.productId, 'productId');
    await requireActiveLocation(ctx, input.locationId, 'locationId');
    const [number] = await nextLicensePlateNumbers(tx, ctx.orgId, 1);
    const expiryDate = input.expiryDate === undefined ? defaultExpiry(todayIn(settings.timezone), product) : input.expiryDate;
    const inspected = await productsToInspect(ctx, 'final', [product.id]);
    const qaStatus: QaStatus = settings.outputQaRequired || inspected.has(product.id) ? 'pending' : 'released';
    const [lp] = await insertLicensePlates(tx, ctx.orgId, [
      { number: number!, productId: product.id, lot: input.lot, expiryDate, qty, uom: product.uom, qaStatus, locationId: input.locationId, origin: 'output', workOrderId: input.workOrderId },
    ]);
    await insertMoves(tx, ctx.orgId, [{ licensePlateId: lp!.id, type: 'output', qtyChange: qty, qtyAfter: qty, toLocationId: lp!.locationId, workOrderId: input.workOrderId }]);
    // Before any event: inspection numbers are counted before the events counter is locked.
    await openArrivalInspections(ctx, 'final', [lp!], inspected);
    const created = publicPlate(lp!);
    await emitLicensePlatesCreated(tx, ctx, [created]);
    return created;
  });
}

/** Records that a work order made `to` out of `from` (production genealogy), for trace. */
export async function recordProductionLinks(
  ctx: RequestContext,
  input: { workOrderId: string; links: { fromLicensePlateId: string; toLicensePlateId: string; qty: number | string }[] },
): Promise<void> {
  requirePermission(ctx, 'production', 'write');
  await withTenant(ctx, (tx) =>
    insertLinks(tx, ctx.orgId, input.links.map((link) => ({ ...link, qty: String(link.qty), type: 'production' as const, workOrderId: input.workOrderId }))),
  );
}

/** What left on a shipment: each LP as it was just before, so its qty (exact) is the quantity shipped. */
export type ShippedPlate = LicensePlateRecord;

/** Whether an exact decimal string is zero ('0', '0.000000'), read as text rather than as a float. */
const isZero = (qty: string): boolean => /^0*(\.0*)?$/.test(qty);

/**
 * Ships LPs: each must be usable and hold stock; they become `shipped` with qty 0 and a
 * `ship` ledger row. All or nothing: one refusal ships none. Paths name licensePlateIds.N.
 * An LP reserved for a holder (a sales order line) ships only for that holder (`holderIds`),
 * and its reservations end with it.
 */
export async function shipLicensePlates(ctx: RequestContext, input: { licensePlateIds: string[]; reference: string; holderIds?: string[] }): Promise<ShippedPlate[]> {
  requirePermission(ctx, 'shipping', 'write');
  const today = todayIn((await getOrgSettings(ctx)).timezone);
  return withTenant(ctx, async (tx) => {
    const locked = new Map((await lockLicensePlates(tx, input.licensePlateIds)).map((lp) => [lp.id, lp]));
    const plates = input.licensePlateIds.map((id, index) => {
      const lp = locked.get(id);
      const path = `licensePlateIds.${index}`;
      if (!lp) throw notFoundAt(path, 'license plate');
      assertUsable(lp, today, path);
      if (isZero(lp.qty)) throw AppError.coded('INSUFFICIENT_QUANTITY', 'license_plate_empty', { number: lp.number }, `license plate ${lp.number} is empty`, [{ path, message: 'holds nothing to ship' }]);
      return lp;
    });
    await requireNotReservedForOthers(tx, plates, input);
    await deletePlateReservations(tx, input.licensePlateIds);
    await emptyLicensePlates(tx, input.licensePlateIds, 'shipped');
    await insertMoves(tx, ctx.orgId, plates.map((lp) => ({
      licensePlateId: lp.id, type: 'ship' as const, qtyChange: `-${lp.qty}`, qtyAfter: '0', fromLocationId: lp.locationId, reason: input.reference,
    })));
    return plates;
  });
}

/** Stock held for a sales order leaves only with that order. */
async function requireNotReservedForOthers(tx: Tx, plates: LicensePlateRecord[], input: { licensePlateIds: string[]; holderIds?: string[] }): Promise<void> {
  const holders = new Set(input.holderIds ?? []);
  const foreign = (await selectPlateReservations(tx, input.licensePlateIds)).find((row) => !holders.has(row.holderId));
  if (!foreign) return;
  const index = input.licensePlateIds.indexOf(foreign.licensePlateId);
  const lp = plates[index]!;
  throw AppError.coded('CONFLICT', 'license_plate_reserved', { number: lp.number }, `license plate ${lp.number} is reserved for a sales order`, [{ path: `licensePlateIds.${index}`, message: 'is reserved for a sales order' }]);
}

export type QaAction = 'hold' | 'release' | 'reject';

const qaTransitions: Record<QaAction, { from: QaStatus[]; to: QaStatus; done: string }> = {
  hold: { from: ['pending', 'released'], to: 'hold', done: 'held' },
  release: { from: ['pending', 'hold'], to: 'released', done: 'released' },
  reject: { from: ['pending', 'released', 'hold'], to: 'rejected', done: 'rejected' },
};

/**
 * Quality's decision on an available LP: hold, release or reject, each a ledger row
 * (qtyChange 0). Rejected is final; any other transition outside the table is 409.
 */
export async function changeQaStatus(ctx: RequestContext, input: { licensePlateId: string; action: QaAction; reason?: string }): Promise<LicensePlate> {
  requirePermission(ctx, 'quality', 'write');
  const transition = qaTransitions[input.action];
  return withTenant(ctx, async (tx) => {
    const lp = await requireLockedLicensePlate(tx, input.licensePlateId);
    requireAvailable(lp, transition.done);
    if (!transition.from.includes(lp.qaStatus)) {
      throw invalidTransition('license plate', lp.number, lp.qaStatus, input.action, transition.from, `license plate ${lp.number} is QA ${lp.qaStatus}; ${input.action} needs ${transition.from.join(' or ')}`);
    }
    const changed = await updateQaStatus(tx, lp.id, transition.to);
    await insertMoves(tx, ctx.orgId, [
      { licensePlateId: lp.id, type: input.action, qtyChange: '0', qtyAfter: lp.qty, fromLocationId: lp.locationId, toLocationId: lp.locationId, reason: input.reason },
    ]);
    const decided = publicPlate(changed);
    await emitQaChanged(tx, ctx, decided);
    return decided;
  });
}
