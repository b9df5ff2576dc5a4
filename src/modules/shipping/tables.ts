import { date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, codedRecordColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';

// Shipments (migrations/0006_c_shipments.sql).

export const shipments = pgTable('shipments', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  customerId: uuid('customer_id').notNull(),
  shipDate: date('ship_date', { mode: 'string' }).notNull(),
  salesOrderId: uuid('sales_order_id'),
  ...auditColumns(),
});

export const shipmentLines = pgTable('shipment_lines', {
  id: idColumn(),
  orgId: orgIdColumn(),
  shipmentId: uuid('shipment_id').notNull(),
  lineNo: integer('line_no').notNull(),
  licensePlateId: uuid('license_plate_id').notNull(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  qty: numeric('qty', { precision: 18, scale: 6 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// Customers: a coded record with contact details (migrations/0002_master_data.sql), served by the shared coded-record store (customers.ts).
export const customers = pgTable('customers', {
  ...codedRecordColumns(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  /** The person to call (migrations/0019). */
  contactName: text('contact_name'),
  minRemainingShelfLifeDays: integer('min_remaining_shelf_life_days'),
  excludedAllergens: jsonb('excluded_allergens').$type<string[]>().notNull().default([]),
});

// Sales orders, pick lists, picks and pallets (migrations/0017_sales_orders.sql).

const quantity = (name: string) => numeric(name, { precision: 18, scale: 6 });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const salesOrderStatuses = ['draft', 'confirmed', 'allocated', 'partially_allocated', 'picking', 'shipped', 'cancelled'] as const;

export const salesOrders = pgTable('sales_orders', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  customerId: uuid('customer_id').notNull(),
  requestedDate: date('requested_date', { mode: 'string' }),
  status: text('status', { enum: salesOrderStatuses }).notNull().default('draft'),
  ...auditColumns(),
});

export const salesOrderLines = pgTable('sales_order_lines', {
  id: idColumn(),
  orgId: orgIdColumn(),
  salesOrderId: uuid('sales_order_id').notNull(),
  lineNo: integer('line_no').notNull(),
  productId: uuid('product_id').notNull(),
  qty: quantity('qty').notNull(),
  allocatedQty: quantity('allocated_qty').notNull().default('0'),
  pickedQty: quantity('picked_qty').notNull().default('0'),
  shippedQty: quantity('shipped_qty').notNull().default('0'),
  createdAt: createdAt(),
});

export const pickLists = pgTable('pick_lists', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  salesOrderId: uuid('sales_order_id').notNull(),
  status: text('status', { enum: ['open', 'done', 'closed'] }).notNull().default('open'),
  ...auditColumns(),
});

export const pickListLines = pgTable('pick_list_lines', {
  id: idColumn(),
  orgId: orgIdColumn(),
  pickListId: uuid('pick_list_id').notNull(),
  salesOrderLineId: uuid('sales_order_line_id').notNull(),
  licensePlateId: uuid('license_plate_id').notNull(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  locationId: uuid('location_id').notNull(),
  qty: quantity('qty').notNull(),
  pickedQty: quantity('picked_qty').notNull().default('0'),
  createdAt: createdAt(),
});

export const picks = pgTable('picks', {
  id: idColumn(),
  orgId: orgIdColumn(),
  pickListId: uuid('pick_list_id').notNull(),
  salesOrderLineId: uuid('sales_order_line_id').notNull(),
  licensePlateId: uuid('license_plate_id').notNull(),
  qty: quantity('qty').notNull(),
  shipmentId: uuid('shipment_id'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

export const pallets = pgTable('pallets', {
  id: idColumn(),
  orgId: orgIdColumn(),
  salesOrderId: uuid('sales_order_id').notNull(),
  sscc: text('sscc').notNull(),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

export const palletItems = pgTable('pallet_items', {
  id: idColumn(),
  orgId: orgIdColumn(),
  palletId: uuid('pallet_id').notNull(),
  licensePlateId: uuid('license_plate_id').notNull(),
  createdAt: createdAt(),
});
