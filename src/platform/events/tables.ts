import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { auditColumns, idColumn, orgIdColumn } from '../db/columns.js';

// Tables the event platform owns: the outbox, webhook endpoints and delivery attempts (migrations/0007_events.sql).

export const events = pgTable(
  'events',
  {
    id: uuid('id').notNull().default(sql`gen_uuid_v7()`),
    orgId: orgIdColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    subjectId: uuid('subject_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.seq] })],
);

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: idColumn(),
  orgId: orgIdColumn(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  disabledReason: text('disabled_reason'),
  ...auditColumns(),
});

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: idColumn(),
  orgId: orgIdColumn(),
  endpointId: uuid('endpoint_id').notNull(),
  eventId: uuid('event_id').notNull(),
  eventType: text('event_type').notNull(),
  attempt: integer('attempt').notNull(),
  statusCode: integer('status_code'),
  durationMs: integer('duration_ms').notNull(),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
