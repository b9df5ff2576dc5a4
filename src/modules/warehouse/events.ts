import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { emitEvent } from '../../platform/events/index.js';
import type { LicensePlate } from './license-plate.schema.js';

// Thin events about stock, written in the caller's transaction (see platform/events).
// They are emitted after any LP numbering, so the organization's counters are always
// locked in the same order (LP numbers, then events) and two writers cannot deadlock.

/** license_plate.created for each new LP (receipt, split, output). */
export async function emitLicensePlatesCreated(tx: Tx, ctx: RequestContext, plates: LicensePlate[]): Promise<void> {
  for (const lp of plates) {
    await emitEvent(tx, ctx, {
      type: 'license_plate.created',
      subjectId: lp.id,
      payload: { id: lp.id, number: lp.number, productId: lp.productId, qty: lp.qty, status: lp.status, qaStatus: lp.qaStatus },
    });
  }
}

/** license_plate.qa_changed when quality holds, releases or rejects an LP. */
export async function emitQaChanged(tx: Tx, ctx: RequestContext, lp: LicensePlate): Promise<void> {
  await emitEvent(tx, ctx, { type: 'license_plate.qa_changed', subjectId: lp.id, payload: { id: lp.id, number: lp.number, qaStatus: lp.qaStatus } });
}

/** receipt.created when goods are received. */
export async function emitReceiptCreated(tx: Tx, ctx: RequestContext, receipt: { id: string; number: string; purchaseOrderId: string | null }): Promise<void> {
  await emitEvent(tx, ctx, { type: 'receipt.created', subjectId: receipt.id, payload: { id: receipt.id, number: receipt.number, purchaseOrderId: receipt.purchaseOrderId } });
}
