import { date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, codedRecordColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';

// Shipments (migrations/0006_c_shipments.sql).

export const shipments = pgTable('shipments', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  customerId: uuid('customer_id').notNull(),
  shipDate: date('ship_date', { mode: 'string' }).notNull(),
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
});
