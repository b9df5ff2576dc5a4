import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { findProduct } from '../technical/index.js';
import { holdLotLicensePlates, lockLicensePlatesForQa, lotHasLicensePlates, releaseLicensePlatesFromHold } from '../warehouse/index.js';
import type { CreateHoldInput, Hold, ListHoldsQuery, ReleaseHoldInput } from './hold.schema.js';
import { insertHold, insertHoldPlates, lockOverlappingHolds, markHoldReleased, selectHold, selectHoldPlates, selectHolds, selectPlatesHeldElsewhere } from './hold.queries.js';
import { signRecord } from './signatures.service.js';

/** The record type a hold's release signature is kept under (GET /signatures?recordId=). */
export const HOLD_RECORD = 'hold';

async function requireProduct(ctx: RequestContext, productId: string): Promise<void> {
  if (!(await findProduct(ctx, productId))) throw notFoundAt('productId', 'product');
}

/**
 * Contains a suspect lot: holds every LP of it still in the plant and, with includeDerived,
 * every LP made from it (forward over production, splits and merges) not yet gone, and
 * records which LPs this hold covers. One transaction; the warehouse changes the LPs.
 */
export async function createHold(ctx: RequestContext, input: CreateHoldInput): Promise<Hold> {
  requirePermission(ctx, 'quality', 'write');
  await requireProduct(ctx, input.productId);
  const includeDerived = input.includeDerived ?? false;
  return withTenant(ctx, async (tx) => {
    if (!(await lotHasLicensePlates(ctx, input))) {
      throw new AppError('NOT_FOUND', `no license plate of this product has lot ${input.lot}`, [{ path: 'lot', message: 'no license plate has this lot' }]);
    }
    const number = formatNumber('HOLD-', await nextNumber(tx, ctx.orgId, 'HOLD'), 6);
    const id = await insertHold(tx, ctx.orgId, { number, productId: input.productId, lot: input.lot, reason: input.reason, includeDerived });
    const plates = await holdLotLicensePlates(ctx, { ...input, includeDerived, reason: `${number}: ${input.reason}` });
    await insertHoldPlates(tx, ctx.orgId, id, plates);
    return { ...(await selectHold(tx, id))!, licensePlateIds: plates.map((plate) => plate.id) };
  });
}

/** Holds, newest last, by status, product or lot. */
export async function listHolds(ctx: RequestContext, query: ListHoldsQuery) {
  requirePermission(ctx, 'quality', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectHolds(tx, { ...query, after }), query.limit));
}

/** One hold with every LP it covers. */
export async function getHold(ctx: RequestContext, id: string): Promise<Hold> {
  requirePermission(ctx, 'quality', 'read');
  return withTenant(ctx, async (tx) => {
    const hold = await selectHold(tx, id);
    if (!hold) throw notFound('hold');
    return { ...hold, licensePlateIds: (await selectHoldPlates(tx, id)).map((plate) => plate.licensePlateId) };
  });
}

/**
 * Signed release of a hold: takes off hold the LPs it covers that no other open hold covers,
 * back to the QA status they had before (an LP held by hand before stays held). Holds sharing
 * an LP are locked in id order and the LPs after them, so concurrent releases serialize.
 */
export async function releaseHold(ctx: RequestContext, id: string, input: ReleaseHoldInput): Promise<Hold> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    if (!(await selectHold(tx, id))) throw notFound('hold');
    await lockOverlappingHolds(tx, id);
    const hold = (await selectHold(tx, id))!;
    if (hold.status !== 'open') throw AppError.coded('INVALID_STATE', 'already_released', { number: hold.number }, `hold ${hold.number} is already released`);
    const members = await selectHoldPlates(tx, id);
    const licensePlateIds = members.map((member) => member.licensePlateId);
    await signRecord(tx, ctx, { recordType: HOLD_RECORD, recordId: id, record: { ...hold, licensePlateIds, releaseReason: input.reason }, signature: input.signature });
    await markHoldReleased(tx, id, { reason: input.reason, userId: ctx.userId });
    await lockLicensePlatesForQa(ctx, licensePlateIds);
    const heldElsewhere = await selectPlatesHeldElsewhere(tx, id, licensePlateIds);
    const plates = members
      .filter((member) => member.priorQaStatus !== 'hold' && !heldElsewhere.has(member.licensePlateId))
      .map((member) => ({ id: member.licensePlateId, qaStatus: member.priorQaStatus as 'released' | 'pending' }));
    const released = await releaseLicensePlatesFromHold(ctx, { plates, reason: `${hold.number} released: ${input.reason}` });
    return { ...(await selectHold(tx, id))!, licensePlateIds, releasedLicensePlateIds: released.map((plate) => plate.id) };
  });
}
