import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';
import type { WorkOrderStatus } from './work-order.transitions.js';

// Production tables (migrations/0008_work_orders.sql): work orders, their material snapshot,
// consumptions, outputs and transition history.

const quantity = (name: string) => numeric(name, { precision: 18, scale: 6 });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const workOrders = pgTable('work_orders', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  productId: uuid('product_id').notNull(),
  bomId: uuid('bom_id').notNull(),
  plannedQty: quantity('planned_qty').notNull(),
  scheduledDate: date('scheduled_date', { mode: 'string' }).notNull(),
  status: text('status').$type<WorkOrderStatus>().notNull().default('planned'),
  producedQty: quantity('produced_qty').notNull().default('0'),
  /** The production line it runs on, if planned on one (migrations/0016). */
  lineId: uuid('line_id'),
  ...auditColumns(),
});

export const workOrderMaterials = pgTable('work_order_materials', {
  id: idColumn(),
  orgId: orgIdColumn(),
  workOrderId: uuid('work_order_id').notNull(),
  lineNo: integer('line_no').notNull(),
  productId: uuid('product_id').notNull(),
  requiredQty: quantity('required_qty').notNull(),
  createdAt: createdAt(),
});

export const workOrderConsumptions = pgTable('work_order_consumptions', {
  id: idColumn(),
  orgId: orgIdColumn(),
  workOrderId: uuid('work_order_id').notNull(),
  licensePlateId: uuid('license_plate_id').notNull(),
  productId: uuid('product_id').notNull(),
  qty: quantity('qty').notNull(),
  reversed: boolean('reversed').notNull().default(false),
  reversedAt: timestamp('reversed_at', { withTimezone: true, mode: 'string' }),
  reversedBy: uuid('reversed_by'),
  /** Why the operator took more than the tolerance allows (migrations/0019); null within it. */
  overConsumptionReason: text('over_consumption_reason'),
  ...auditColumns(),
});

export const workOrderOutputs = pgTable('work_order_outputs', {
  id: idColumn(),
  orgId: orgIdColumn(),
  workOrderId: uuid('work_order_id').notNull(),
  licensePlateId: uuid('license_plate_id').notNull(),
  qty: quantity('qty').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const workOrderTransitions = pgTable('work_order_transitions', {
  id: idColumn(),
  orgId: orgIdColumn(),
  workOrderId: uuid('work_order_id').notNull(),
  fromStatus: text('from_status').$type<WorkOrderStatus>(),
  toStatus: text('to_status').$type<WorkOrderStatus>().notNull(),
  reason: text('reason'),
  userId: uuid('user_id'),
  createdAt: createdAt(),
});

/** A signed check that a line was cleaned after an order (allergen changeover; migrations/0016). Never changed. */
export const lineChangeovers = pgTable('line_changeovers', {
  id: idColumn(),
  orgId: orgIdColumn(),
  lineId: uuid('line_id').notNull(),
  fromWorkOrderId: uuid('from_work_order_id'),
  note: text('note'),
  cleaningVerified: boolean('cleaning_verified').notNull().default(true),
  userId: uuid('user_id'),
  createdAt: createdAt(),
});
