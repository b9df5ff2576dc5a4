import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { emitEvents } from '../../platform/events/index.js';
import type { QaStatus } from './license-plate.schema.js';
import { holdReachedPlates, lockPlatesForQa, releaseHeldPlates, selectLotExists, type HeldPlateRow } from './lot-hold.queries.js';

// The warehouse's side of quality's lot-wide holds: the QA status of many LPs changed at once,
// in the caller's transaction, each with its ledger row and a license_plate.updated event.

export type HeldPlate = HeldPlateRow;

const updatedEvent = (plate: { id: string; number: string; status: string; qaStatus: QaStatus }) => ({
  subjectId: plate.id,
  payload: { id: plate.id, number: plate.number, status: plate.status, qaStatus: plate.qaStatus },
});

/**
 * Holds every LP of a lot still in the plant and, with includeDerived, every LP made from it
 * (forward over production, splits and merges) that is still in the plant. Answers each LP the
 * hold covers (locked to the end of the transaction) with its QA status before.
 */
export async function holdLotLicensePlates(ctx: RequestContext, input: { productId: string; lot: string; includeDerived: boolean; reason: string }): Promise<HeldPlate[]> {
  requirePermission(ctx, 'quality', 'write');
  return withTenant(ctx, async (tx) => {
    const plates = await holdReachedPlates(tx, ctx.orgId, input);
    const changed = plates.filter((plate) => plate.priorQaStatus !== 'hold');
    await emitEvents(tx, ctx, 'license_plate.updated', changed.map((plate) => updatedEvent({ ...plate, qaStatus: 'hold' })));
    return plates;
  });
}

/**
 * Row-locks LPs for a QA decision about many of them (a hold's release), in the caller's
 * transaction: whoever changes them next waits for it to end.
 */
export async function lockLicensePlatesForQa(ctx: RequestContext, ids: string[]): Promise<{ id: string; status: string; qaStatus: QaStatus }[]> {
  requirePermission(ctx, 'quality', 'write');
  if (ids.length === 0) return [];
  return withTenant(ctx, (tx) => lockPlatesForQa(tx, ids));
}

/** Takes LPs off hold to the QA status each is given; answers those that were on hold and changed. */
export async function releaseLicensePlatesFromHold(ctx: RequestContext, input: { plates: { id: string; qaStatus: 'released' | 'pending' }[]; reason: string }) {
  requirePermission(ctx, 'quality', 'write');
  if (input.plates.length === 0) return [];
  return withTenant(ctx, async (tx) => {
    const released = await releaseHeldPlates(tx, ctx.orgId, input);
    await emitEvents(tx, ctx, 'license_plate.updated', released.map(updatedEvent));
    return released;
  });
}

/** Whether the organization ever had an LP of this product and lot (a hold of a lot nobody has is a typo). */
export async function lotHasLicensePlates(ctx: RequestContext, start: { productId: string; lot: string }): Promise<boolean> {
  requirePermission(ctx, 'quality', 'read');
  return withTenant(ctx, (tx) => selectLotExists(tx, start));
}
