import { sql } from 'drizzle-orm';
import { boolean, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key made by the database as a time-ordered UUIDv7. */
export const idColumn = () => uuid('id').primaryKey().default(sql`gen_uuid_v7()`);

export const orgIdColumn = () => uuid('org_id').notNull();

/** Kept by the mp_set_audit_columns trigger; the application never writes them. */
export const auditColumns = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
});

/** What the shared coded-record store (coded-records.ts) reads of every table it serves: id, code, name, active. */
export const codedRecordColumns = () => ({
  id: idColumn(),
  orgId: orgIdColumn(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  ...auditColumns(),
});

/** Timestamps as ISO 8601 whatever the driver hands back ('2026-11-25 10:00:00+00' or a Date). */
export function toIso(value: string | Date): string;
export function toIso(value: string | Date | null): string | null;
export function toIso(value: string | Date | null): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}
