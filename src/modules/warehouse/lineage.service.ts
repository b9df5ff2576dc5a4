import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { AppError, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { emitLicensePlatesCreated } from './events.js';
import { insertLinks, insertMoves } from './ledger.queries.js';
import type { LicensePlate, MergeInput, SplitInput } from './license-plate.schema.js';
import { addQty, emptyLicensePlates, insertLicensePlates, lockLicensePlates, selectLicensePlate, subtractForSplit } from './license-plate.queries.js';
import { publicPlate, type LicensePlateRecord } from './license-plate.record.js';
import { requireReservationsCovered } from './reservation-guard.js';
import { selectPlateReservations } from './reservation.queries.js';

/** The next `count` LP numbers of the organization (LP00000001, ...). */
export async function nextLicensePlateNumbers(tx: Tx, orgId: string, count: number): Promise<string[]> {
  const firstNumber = await nextNumber(tx, orgId, 'LP', count);
  return Array.from({ length: count }, (_, index) => formatNumber('LP', firstNumber + index, 8));
}

/**
 * Splits qty off an LP into a new LP of the same product, lot, expiry, QA status and
 * location. The draw is one conditional UPDATE, so concurrent splits queue on the row
 * and can never take more than the LP holds.
 */
export async function splitLicensePlate(ctx: RequestContext, id: string, input: SplitInput): Promise<{ licensePlate: LicensePlate }> {
  requirePermission(ctx, 'warehouse', 'write');
  const qty = toDecimalText(input.qty);
  return withTenant(ctx, async (tx) => {
    const { source, licensePlate } = await splitOff(tx, ctx, id, qty);
    await requireReservationsCovered(tx, source, 'a split');
    return { licensePlate };
  });
}

/**
 * The split itself, in the caller's transaction (a warehouse split, or a partial pick): qty goes
 * to a new LP; answers the source as left and the new LP.
 */
export async function splitOff(tx: Tx, ctx: RequestContext, id: string, qty: string): Promise<{ source: LicensePlateRecord; licensePlate: LicensePlate }> {
  const source = await subtractForSplit(tx, id, qty);
  if (!source) throw await refusedSplit(tx, id);
  const [number] = await nextLicensePlateNumbers(tx, ctx.orgId, 1);
  const [child] = await insertLicensePlates(tx, ctx.orgId, [
    { number: number!, productId: source.productId, lot: source.lot, expiryDate: source.expiryDate, qty, uom: source.uom, qaStatus: source.qaStatus, locationId: source.locationId, origin: 'split' },
  ]);
  await insertMoves(tx, ctx.orgId, [
    { licensePlateId: source.id, type: 'split', qtyChange: `-${qty}`, qtyAfter: source.qty, fromLocationId: source.locationId, relatedLicensePlateId: child!.id },
    { licensePlateId: child!.id, type: 'split', qtyChange: qty, qtyAfter: qty, toLocationId: child!.locationId, relatedLicensePlateId: source.id },
  ]);
  await insertLinks(tx, ctx.orgId, [{ fromLicensePlateId: source.id, toLicensePlateId: child!.id, type: 'split', qty }]);
  const licensePlate = publicPlate(child!);
  await emitLicensePlatesCreated(tx, ctx, [licensePlate]);
  return { source, licensePlate };
}

/** Why a split's conditional draw took nothing: no such LP, not available, or not enough in it. */
async function refusedSplit(tx: Tx, id: string): Promise<AppError> {
  const lp = await selectLicensePlate(tx, id);
  if (!lp) return notFound('license plate');
  if (lp.status !== 'available') return AppError.coded('INVALID_STATE', 'license_plate_not_available', { number: lp.number, status: lp.status }, `license plate ${lp.number} is ${lp.status} and cannot be split`);
  const held = decimal(lp.qty);
  return AppError.coded('INSUFFICIENT_QUANTITY', 'insufficient_quantity', { number: lp.number, held: Number(held), uom: lp.uom }, `license plate ${lp.number} holds ${held} ${lp.uom}; a split must take less than that`, [
    { path: 'qty', message: `must be less than ${held}`, code: 'too_big', params: { maximum: Number(held), inclusive: false } },
  ]);
}

/**
 * Merges source LPs into a target of the same product, lot, expiry and QA status. The
 * sources become `merged` with qty 0; every LP involved is row-locked (in id order) first.
 */
export async function mergeLicensePlates(ctx: RequestContext, input: MergeInput): Promise<LicensePlate> {
  requirePermission(ctx, 'warehouse', 'write');
  return withTenant(ctx, async (tx) => {
    const locked = await lockLicensePlates(tx, [input.targetId, ...input.sourceIds]);
    const byId = new Map(locked.map((lp) => [lp.id, lp]));
    const target = requireMergeable(byId.get(input.targetId), 'targetId');
    const sources = input.sourceIds.map((id, index) => {
      const source = requireMergeable(byId.get(id), `sourceIds.${index}`);
      requireSameStock(target, source, `sourceIds.${index}`);
      return source;
    });
    const reserved = await selectPlateReservations(tx, input.sourceIds);
    if (reserved.length > 0) {
      const index = input.sourceIds.indexOf(reserved[0]!.licensePlateId);
      const number = byId.get(reserved[0]!.licensePlateId)!.number;
      throw AppError.coded('CONFLICT', 'license_plate_reserved', { number }, `license plate ${number} is reserved for a sales order and cannot be merged away`, [
        { path: `sourceIds.${index}`, message: 'is reserved for a sales order' },
      ]);
    }
    await emptyLicensePlates(tx, input.sourceIds, 'merged');
    await insertMoves(tx, ctx.orgId, sources.map((source) => ({
      licensePlateId: source.id, type: 'merge' as const, qtyChange: `-${source.qty}`, qtyAfter: '0', fromLocationId: source.locationId, relatedLicensePlateId: target.id,
    })));
    let merged = target;
    for (const source of sources) {
      // One target row per source, each continuing the target's ledger.
      merged = await addQty(tx, target.id, source.qty);
      await insertMoves(tx, ctx.orgId, [
        { licensePlateId: target.id, type: 'merge', qtyChange: source.qty, qtyAfter: merged.qty, toLocationId: target.locationId, relatedLicensePlateId: source.id },
      ]);
    }
    await insertLinks(tx, ctx.orgId, sources.map((source) => ({ fromLicensePlateId: source.id, toLicensePlateId: target.id, type: 'merge' as const, qty: source.qty })));
    return publicPlate(merged);
  });
}

function requireMergeable(lp: LicensePlateRecord | undefined, path: string): LicensePlateRecord {
  if (!lp) throw notFoundAt(path, 'license plate');
  if (lp.status !== 'available') {
    const params = { number: lp.number, status: lp.status };
    throw AppError.coded('INVALID_STATE', 'license_plate_not_available', params, `license plate ${lp.number} is ${lp.status} and cannot be merged`, [{ path, message: `is ${lp.status}` }]);
  }
  return lp;
}

function requireSameStock(target: LicensePlateRecord, source: LicensePlateRecord, path: string): void {
  const differences = (['productId', 'lot', 'expiryDate', 'qaStatus'] as const).filter((field) => target[field] !== source[field]);
  if (differences.length > 0) {
    throw new AppError('CONFLICT', `license plate ${source.number} differs from ${target.number} in ${differences.join(', ')}`, [
      { path, message: `differs from the target in ${differences.join(', ')}` },
    ]);
  }
}
