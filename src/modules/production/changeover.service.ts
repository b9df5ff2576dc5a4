import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFoundAt } from '../../platform/http/errors.js';
import { signRecord } from '../quality/index.js';
import { findProduct } from '../technical/index.js';
import type { Changeover, RecordChangeoverInput } from './changeover.schema.js';
import { hasChangeoverSince, insertChangeover, selectChangeovers, selectPreviousOrderOnLine, selectWorkOrderLine } from './changeover.queries.js';
import { requireActiveLine } from './line-reference.js';
import type { WorkOrderRecord } from './work-order.queries.js';

/** The record type a changeover's signature is kept under. */
export const CHANGEOVER_RECORD = 'line_changeover';

/** A product's allergens through every BOM level (technical's derivedAllergens). */
async function allergensOf(ctx: RequestContext, productId: string): Promise<string[]> {
  return (await findProduct(ctx, productId))?.derivedAllergens ?? [];
}

/**
 * Allergen changeover: an order may start on a line only when the order last started there
 * brought no allergen this one lacks, or a signed changeover check (cleaning verified) was
 * recorded on the line after that order last changed status. Otherwise 409 naming them.
 */
export async function requireLineChangedOver(ctx: RequestContext, tx: Tx, order: WorkOrderRecord): Promise<void> {
  const previous = await selectPreviousOrderOnLine(tx, order.lineId!, order.id);
  if (!previous) return;
  const mine = new Set(await allergensOf(ctx, order.productId));
  const carried = (await allergensOf(ctx, previous.productId)).filter((code) => !mine.has(code));
  if (carried.length === 0 || (await hasChangeoverSince(tx, order.lineId!, previous.lastChangeAt))) return;
  throw new AppError('CONFLICT', `the line last ran ${previous.number}, which contained ${carried.join(', ')}; record a changeover check (cleaning verified) for the line before starting ${order.number}`, [
    { path: 'lineId', message: `needs an allergen changeover check: ${carried.join(', ')}` },
  ]);
}

/** Records a signed changeover check (cleaning verified) of a line, after its last order by default. */
export async function recordChangeover(ctx: RequestContext, lineId: string, input: RecordChangeoverInput): Promise<Changeover> {
  requirePermission(ctx, 'production', 'write');
  await requireActiveLine(ctx, lineId, 'id');
  return withTenant(ctx, async (tx) => {
    let fromWorkOrderId = input.fromWorkOrderId ?? null;
    if (fromWorkOrderId) {
      const from = await selectWorkOrderLine(tx, fromWorkOrderId);
      if (!from) throw notFoundAt('fromWorkOrderId', 'work order');
      if (from.lineId !== lineId) throw new AppError('CONFLICT', 'that work order did not run on this line', [{ path: 'fromWorkOrderId', message: 'not an order of this line' }]);
    } else {
      fromWorkOrderId = (await selectPreviousOrderOnLine(tx, lineId, null))?.id ?? null;
    }
    const changeover = await insertChangeover(tx, ctx.orgId, { lineId, fromWorkOrderId, note: input.note ?? null });
    await signRecord(tx, ctx, { recordType: CHANGEOVER_RECORD, recordId: changeover.id, record: changeover, signature: input.signature });
    return changeover;
  });
}

/** A line's changeover checks, newest first. */
export async function listChangeovers(ctx: RequestContext, lineId: string): Promise<{ items: Changeover[]; nextCursor: null }> {
  requireAnyPermission(ctx, ['production', 'planning', 'quality'], 'read');
  await requireActiveLine(ctx, lineId, 'id').catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'INVALID_STATE') return;
    throw error;
  });
  return withTenant(ctx, async (tx) => ({ items: await selectChangeovers(tx, lineId), nextCursor: null }));
}
