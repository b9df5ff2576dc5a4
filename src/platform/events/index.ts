/**
 * Events: one outbox, three consumers (DESIGN.md). A domain service that changes something
 * others must hear of calls, inside its withTenant transaction,
 *
 *   await emitEvent(tx, ctx, { type: 'work_order.updated', subjectId: wo.id, payload: { id: wo.id, number, status, producedQty } });
 *
 * which writes the `events` row (per-organization, gapless `seq`), enqueues one signed webhook
 * delivery job per subscribed endpoint in the same transaction, and after commit publishes the
 * event to SSE subscribers of the organization (through Redis to other instances). A rollback
 * emits nothing. Payloads are thin: ids, numbers and status; put the subject's `id` in it.
 *
 * Event names (eventCatalog in ./types.ts is the list; webhooks subscribe to the same names):
 *   work_order.updated        { id, number, status, producedQty }   every status change and output
 *   consumption.created       { id, workOrderId, licensePlateId, qty }   a draw into a work order
 *   consumption.reversed      { id, workOrderId, licensePlateId, qty }   its reversal
 *   license_plate.created     { id, number, productId, qty, status, qaStatus }
 *   license_plate.qa_changed  { id, number, qaStatus }
 *   license_plate.updated     { id, number, status, qaStatus }   a lot-wide hold or its release, per LP
 *   ccp.deviation             { id, ccpId, code, value, min, max, ncrId, takenAt }   a HACCP reading outside its limits
 *   license_plate.expiring    { id, number, productId, lot, expiryDate, daysLeft }  daily job, inside expiryWarningDays
 *   purchase_order.updated    { id, number, status, supplierId }   created, approved, cancelled, received
 *   receipt.created           { id, number, purchaseOrderId }
 *   shipment.created          { id, number, customerId, status }
 */
export { emitEvent, emitEvents, type EventScope, type NewEvent } from './outbox.js';
export { eventCatalog, eventTypes, type EventType } from './types.js';
export type { EventBus, PublishHook, PublishedEvent } from './bus.js';
