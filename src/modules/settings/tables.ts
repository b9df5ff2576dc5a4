import { boolean, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Permissions } from '../../platform/auth/permissions.js';
import { auditColumns, codedRecordColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';
import type { Location } from './location.schema.js';
import type { OrgSettings } from './org-settings.schema.js';

export const organizations = pgTable('organizations', {
  id: idColumn(),
  name: text('name').notNull(),
  ...auditColumns(),
});

export const users = pgTable('users', {
  id: idColumn(),
  orgId: orgIdColumn(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  ...auditColumns(),
});

export const roles = pgTable('roles', {
  id: idColumn(),
  orgId: orgIdColumn(),
  name: text('name').notNull(),
  // A role names only the modules it grants; combinePermissions fills in the rest.
  permissions: jsonb('permissions').$type<Partial<Permissions>>().notNull(),
  isSystem: boolean('is_system').notNull().default(false),
  ...auditColumns(),
});

export const userRoles = pgTable(
  'user_roles',
  {
    orgId: orgIdColumn(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.userId, table.roleId] })],
);

export const refreshTokens = pgTable('refresh_tokens', {
  id: idColumn(),
  orgId: orgIdColumn(),
  userId: uuid('user_id').notNull(),
  familyId: uuid('family_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const loginAttempts = pgTable(
  'login_attempts',
  {
    email: text('email').notNull(),
    address: text('address').notNull(),
    failures: integer('failures').notNull().default(0),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.email, table.address] })],
);

// A coded record, served by the shared coded-record store (warehouses.ts).
export const warehouses = pgTable('warehouses', codedRecordColumns());

// A coded record in one warehouse, served by the coded-record store (production-lines.ts).
export const productionLines = pgTable('production_lines', { ...codedRecordColumns(), warehouseId: uuid('warehouse_id').notNull() });

export const locations = pgTable('locations', {
  id: idColumn(),
  orgId: orgIdColumn(),
  warehouseId: uuid('warehouse_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  type: text('type').$type<Location['type']>().notNull(),
  active: boolean('active').notNull().default(true),
  ...auditColumns(),
});

export const orgSettings = pgTable('org_settings', {
  orgId: uuid('org_id').primaryKey(),
  receiptQaRequired: boolean('receipt_qa_required').notNull().default(false),
  outputQaRequired: boolean('output_qa_required').notNull().default(false),
  overReceiptTolerancePercent: numeric('over_receipt_tolerance_percent', { precision: 6, scale: 2 }).notNull().default('0'),
  expiryWarningDays: integer('expiry_warning_days').notNull().default(7),
  locale: text('locale').$type<OrgSettings['locale']>().notNull().default('en'),
  timezone: text('timezone').notNull().default('UTC'),
  gs1CompanyPrefix: text('gs1_company_prefix'),
  overConsumptionTolerancePercent: numeric('over_consumption_tolerance_percent', { precision: 6, scale: 2 }).notNull().default('10'),
  ...auditColumns(),
});
