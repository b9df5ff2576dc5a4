/**
 * Every event the platform carries, with its payload (thin: ids, numbers, status). The
 * same names are what webhook endpoints subscribe to. Add a name here before emitting it.
 */
export const eventCatalog = {
  /** Every status change and every output of a work order: { id, number, status, producedQty }. */
  'work_order.updated': 'a work order changed status or recorded output',
  /** A draw from a plate into a work order: { id, workOrderId, licensePlateId, qty } (the consumption's id). */
  'consumption.created': 'material was drawn from a license plate into a work order',
  /** A consumption given back to its plate: { id, workOrderId, licensePlateId, qty } (the consumption's id and qty). */
  'consumption.reversed': 'a consumption was reversed and its qty given back to the license plate',
  /** { id, number, productId, qty, status, qaStatus }. */
  'license_plate.created': 'a license plate was created (receipt, output, split)',
  /** { id, number, qaStatus }. */
  'license_plate.qa_changed': 'a license plate was released, held or rejected by quality',
  /** Daily per available LP expiring within the organization's expiryWarningDays: { id, number, productId, lot, expiryDate, daysLeft }. */
  'license_plate.expiring': 'a license plate expires within the warning window',
  /** Created, approved, cancelled, partially or fully received: { id, number, status, supplierId }. */
  'purchase_order.updated': 'a purchase order was created or changed status',
  /** { id, number, purchaseOrderId }. */
  'receipt.created': 'goods were received',
  /** { id, number, customerId, status }. */
  'shipment.created': 'a shipment was created',
  /** Created, confirmed, allocated, picking, shipped (in part or in full) or cancelled: { id, number, status, customerId }. */
  'sales_order.updated': 'a sales order was created or changed status or shipped',
} as const;

export type EventType = keyof typeof eventCatalog;

export const eventTypes = Object.keys(eventCatalog) as [EventType, ...EventType[]];
