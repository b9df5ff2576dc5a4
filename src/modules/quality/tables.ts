import { boolean, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';
import type { QaStatus } from '../warehouse/index.js';

// Quality tables of migrations/0016_quality_holds_haccp.sql: lot-wide holds and the LPs each
// covers, HACCP critical control points and their readings.

const quantity = (name: string) => numeric(name, { precision: 18, scale: 6 });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const holds = pgTable('holds', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  reason: text('reason').notNull(),
  includeDerived: boolean('include_derived').notNull(),
  status: text('status', { enum: ['open', 'released'] }).notNull().default('open'),
  releasedAt: at('released_at'),
  releasedBy: uuid('released_by'),
  releaseReason: text('release_reason'),
  ...auditColumns(),
});

export const holdLicensePlates = pgTable(
  'hold_license_plates',
  {
    orgId: orgIdColumn(),
    holdId: uuid('hold_id').notNull(),
    licensePlateId: uuid('license_plate_id').notNull(),
    priorQaStatus: text('prior_qa_status').$type<Exclude<QaStatus, 'rejected'>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.holdId, table.licensePlateId] })],
);

export const haccpCcps = pgTable('haccp_ccps', {
  id: idColumn(),
  orgId: orgIdColumn(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  hazard: text('hazard').notNull(),
  unit: text('unit').notNull(),
  minValue: quantity('min_value'),
  maxValue: quantity('max_value'),
  locationId: uuid('location_id'),
  active: boolean('active').notNull().default(true),
  ...auditColumns(),
});

export const haccpReadings = pgTable('haccp_readings', {
  id: idColumn(),
  orgId: orgIdColumn(),
  ccpId: uuid('ccp_id').notNull(),
  value: quantity('value').notNull(),
  takenAt: at('taken_at').notNull().defaultNow(),
  note: text('note'),
  withinLimits: boolean('within_limits').notNull(),
  ncrId: uuid('ncr_id'),
  userId: uuid('user_id'),
  createdAt: at('created_at').notNull().defaultNow(),
});
