import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn, orgIdColumn } from './columns.js';

// Tables the platform owns: the audit trail, idempotency keys and per-organization counters.

export const auditLog = pgTable('audit_log', {
  id: idColumn(),
  orgId: orgIdColumn(),
  tableName: text('table_name').notNull(),
  recordId: uuid('record_id'),
  action: text('action').notNull(),
  oldData: jsonb('old_data'),
  newData: jsonb('new_data'),
  userId: uuid('user_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  // A key is the sending user's own (migration 0012).
  (table) => [primaryKey({ columns: [table.orgId, table.userId, table.key] })],
);

export const orgCounters = pgTable(
  'org_counters',
  {
    orgId: orgIdColumn(),
    name: text('name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.name] })],
);

// The event platform's tables (outbox, webhook endpoints and deliveries) are defined beside their code.
export * from '../events/tables.js';

// The directory of placements (migration 0014): read in the shared database before any
// organization is known, so not tenant tables. Their rules are in directory.ts.

export const tenantDirectory = pgTable('tenant_directory', {
  orgId: uuid('org_id').primaryKey(),
  name: text('name').notNull(),
  database: text('database').notNull().default('shared'),
  backupEvery: text('backup_every').$type<'hourly' | 'daily' | 'weekly'>(),
  backupKeep: integer('backup_keep'),
  placedAt: timestamp('placed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const userDirectory = pgTable('user_directory', {
  email: text('email').primaryKey(),
  orgId: uuid('org_id').notNull(),
});

export const tenantFences = pgTable('tenant_fences', {
  orgId: uuid('org_id').primaryKey(),
  mode: text('mode').$type<'frozen' | 'gone'>().notNull(),
  setAt: timestamp('set_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
