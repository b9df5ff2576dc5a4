import { date, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, codedRecordColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';
import type { PurchaseOrderStatus } from './purchase-order.schema.js';

// Purchase orders (migrations/0006_a_purchase_orders.sql).

export const purchaseOrders = pgTable('purchase_orders', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  supplierId: uuid('supplier_id').notNull(),
  status: text('status').$type<PurchaseOrderStatus>().notNull().default('draft'),
  expectedDate: date('expected_date', { mode: 'string' }),
  ...auditColumns(),
});

export const purchaseOrderLines = pgTable('purchase_order_lines', {
  id: idColumn(),
  orgId: orgIdColumn(),
  purchaseOrderId: uuid('purchase_order_id').notNull(),
  lineNo: integer('line_no').notNull(),
  productId: uuid('product_id').notNull(),
  qty: numeric('qty', { precision: 18, scale: 6 }).notNull(),
  receivedQty: numeric('received_qty', { precision: 18, scale: 6 }).notNull().default('0'),
  ...auditColumns(),
});

// Suppliers: a coded record with contact details (migrations/0002_master_data.sql), served by the shared coded-record store (suppliers.ts).
export const suppliers = pgTable('suppliers', {
  ...codedRecordColumns(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
});
