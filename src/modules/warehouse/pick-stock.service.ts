import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { fromMillionths, toMillionths } from '../../platform/exact-quantity.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { LicensePlate } from './license-plate.schema.js';
import { lockLicensePlates, selectLicensePlate } from './license-plate.queries.js';
import { publicPlate, type LicensePlateRecord } from './license-plate.record.js';
import { splitOff } from './lineage.service.js';
import { addReservations, lockProducts, reduceReservation, selectPlateReservations, type ReservationRow } from './reservation.queries.js';
import { organizationToday, usabilityProblems } from './usability.js';

/** A pick for a holder: qty of an LP, and which of the holder's reservations it uses up (moves onto the picked part). */
export interface PickRequest {
  holderId: string;
  productId: string;
  licensePlateId: string;
  qty: string;
  /** The LP must not expire before this day (the customer's shelf-life rule). */
  minExpiry: string;
  release: { licensePlateId: string; qty: string }[];
}

const refused = (detail: string, message: string, path = 'licensePlateId') => new AppError('CONFLICT', detail, [{ path, message }]);

/**
 * Confirms a pick: the LP must hold the holder's product, be usable and late enough, and have qty
 * free once the released reservations are given up (the rest may be held for others). Picking
 * less than the LP splits it and the picked part goes on; the picked LP ends up held for the
 * holder in full. One transaction; the product's reservations and the LPs are locked first.
 */
export async function pickForHolder(ctx: RequestContext, input: PickRequest): Promise<LicensePlate> {
  requirePermission(ctx, 'shipping', 'write');
  const today = await organizationToday(ctx);
  return withTenant(ctx, async (tx) => {
    const found = await selectLicensePlate(tx, input.licensePlateId);
    if (!found) throw notFound('license plate');
    await lockProducts(tx, ctx.orgId, [found.productId]);
    const ids = [input.licensePlateId, ...input.release.map((release) => release.licensePlateId)];
    const lp = (await lockLicensePlates(tx, ids)).find((plate) => plate.id === input.licensePlateId)!;
    requirePickable(lp, input, today);
    const reservations = await selectPlateReservations(tx, ids);
    requireFree(lp, input, reservations);
    for (const release of input.release) await reduceReservation(tx, input.holderId, release.licensePlateId, release.qty);
    const isWhole = toMillionths(input.qty) === toMillionths(lp.qty);
    const picked = isWhole ? publicPlate(lp) : (await splitOff(tx, ctx, lp.id, input.qty)).licensePlate;
    await addReservations(tx, ctx.orgId, [{ holderId: input.holderId, licensePlateId: picked.id, productId: lp.productId, qty: input.qty }]);
    return picked;
  });
}

/** The LP itself may go to this holder: its product, usable today, and not expiring too soon. */
function requirePickable(lp: LicensePlateRecord, input: PickRequest, today: string): void {
  if (lp.productId !== input.productId) throw refused(`license plate ${lp.number} holds another product`, 'wrong product');
  const problems = usabilityProblems(lp, today);
  if (problems.length > 0) throw refused(`license plate ${lp.number} is not usable: ${problems.join('; ')}`, problems.join('; '));
  if (lp.expiryDate !== null && lp.expiryDate < input.minExpiry) {
    throw refused(`license plate ${lp.number} expires on ${lp.expiryDate}: too short a shelf life, the customer needs it to last until ${input.minExpiry}`, 'shelf life too short');
  }
}

/** The releases are the holder's own, and the LP has qty free once they are given up. */
function requireFree(lp: LicensePlateRecord, input: PickRequest, reservations: ReservationRow[]): void {
  const held = (licensePlateId: string, mine: boolean) =>
    reservations
      .filter((row) => row.licensePlateId === licensePlateId && (row.holderId === input.holderId) === mine)
      .reduce((sum, row) => sum + toMillionths(row.qty), 0n);
  for (const release of input.release) {
    if (held(release.licensePlateId, true) < toMillionths(release.qty)) throw refused('the order no longer holds that stock', 'reservation moved', 'licensePlateId');
  }
  const releasedHere = input.release.filter((release) => release.licensePlateId === lp.id).reduce((sum, release) => sum + toMillionths(release.qty), 0n);
  const free = toMillionths(lp.qty) - held(lp.id, false) - (held(lp.id, true) - releasedHere);
  const qty = toMillionths(input.qty);
  if (qty > toMillionths(lp.qty)) throw refused(`license plate ${lp.number} holds ${fromMillionths(toMillionths(lp.qty))} ${lp.uom}, less than ${input.qty}: over-pick`, 'over-pick', 'qty');
  if (qty > free) {
    throw refused(`only ${fromMillionths(free > 0n ? free : 0n)} ${lp.uom} of license plate ${lp.number} is free; the rest is reserved for another order`, 'reserved for another order', 'qty');
  }
}
