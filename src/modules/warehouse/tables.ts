import { bigint, date, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';
import { lpStatuses, moveTypes, qaStatuses } from './license-plate.schema.js';

// Warehouse tables (migrations/0006_b_license_plates.sql): receipts, license plates, the ledger, LP lineage;
// lot lineage (0013_lot_genealogy.sql), kept by a trigger on lp_links.
// Status and type columns name their values (a type only: the database checks them), so rows read typed.

const quantity = (name: string) => numeric(name, { precision: 18, scale: 6 });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const receipts = pgTable('receipts', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  purchaseOrderId: uuid('purchase_order_id'),
  supplierId: uuid('supplier_id'),
  locationId: uuid('location_id').notNull(),
  ...auditColumns(),
});

export const receiptLines = pgTable('receipt_lines', {
  id: idColumn(),
  orgId: orgIdColumn(),
  receiptId: uuid('receipt_id').notNull(),
  lineNo: integer('line_no').notNull(),
  productId: uuid('product_id').notNull(),
  purchaseOrderLineId: uuid('purchase_order_line_id'),
  qty: quantity('qty').notNull(),
  plateCount: integer('plate_count').notNull().default(1),
  lot: text('lot').notNull(),
  expiryDate: date('expiry_date', { mode: 'string' }),
  createdAt: createdAt(),
});

export const licensePlates = pgTable('license_plates', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  expiryDate: date('expiry_date', { mode: 'string' }),
  qty: quantity('qty').notNull(),
  uom: text('uom').notNull(),
  status: text('status', { enum: lpStatuses }).notNull().default('available'),
  qaStatus: text('qa_status', { enum: qaStatuses }).notNull(),
  locationId: uuid('location_id').notNull(),
  origin: text('origin', { enum: ['receipt', 'split', 'output'] }).notNull(),
  receiptId: uuid('receipt_id'),
  receiptLineId: uuid('receipt_line_id'),
  workOrderId: uuid('work_order_id'),
  ...auditColumns(),
});

export const stockMoves = pgTable('stock_moves', {
  id: idColumn(),
  orgId: orgIdColumn(),
  seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  licensePlateId: uuid('license_plate_id').notNull(),
  type: text('type', { enum: moveTypes }).notNull(),
  qtyChange: quantity('qty_change').notNull(),
  qtyAfter: quantity('qty_after').notNull(),
  fromLocationId: uuid('from_location_id'),
  toLocationId: uuid('to_location_id'),
  relatedLpId: uuid('related_lp_id'),
  workOrderId: uuid('work_order_id'),
  reason: text('reason'),
  userId: uuid('user_id'),
  createdAt: createdAt(),
});

export const lpLinks = pgTable('lp_links', {
  id: idColumn(),
  orgId: orgIdColumn(),
  fromLpId: uuid('from_lp_id').notNull(),
  toLpId: uuid('to_lp_id').notNull(),
  type: text('type', { enum: ['split', 'merge', 'production'] }).notNull(),
  qty: quantity('qty').notNull(),
  workOrderId: uuid('work_order_id'),
  createdAt: createdAt(),
});

/** lp_links projected onto lots: lot (parent) went into lot (child); written only by the trigger on lp_links. */
export const lotLinks = pgTable(
  'lot_links',
  {
    orgId: orgIdColumn(),
    parentProductId: uuid('parent_product_id').notNull(),
    parentLot: text('parent_lot').notNull(),
    childProductId: uuid('child_product_id').notNull(),
    childLot: text('child_lot').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.parentProductId, table.parentLot, table.childProductId, table.childLot] })],
);

/** A quantity of an LP held for a holder (a sales order line): 0017_sales_orders.sql. */
export const stockReservations = pgTable('stock_reservations', {
  id: idColumn(),
  orgId: orgIdColumn(),
  licensePlateId: uuid('license_plate_id').notNull(),
  productId: uuid('product_id').notNull(),
  holderId: uuid('holder_id').notNull(),
  qty: quantity('qty').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
