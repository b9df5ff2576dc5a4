import { sql } from 'drizzle-orm';
import { boolean, date, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { auditColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';
import type { productStatuses, productTypes, uoms } from './product.schema.js';

// The technical module's tables, as migrations 0002 and 0003 create them. Text columns the
// database checks against a list are typed as that list, so rows read back need no cast.

export const products = pgTable('products', {
  id: idColumn(),
  orgId: orgIdColumn(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  type: text('type').$type<(typeof productTypes)[number]>().notNull(),
  uom: text('uom').$type<(typeof uoms)[number]>().notNull(),
  shelfLifeDays: integer('shelf_life_days'),
  gtin: text('gtin'),
  status: text('status').$type<(typeof productStatuses)[number]>().notNull().default('active'),
  ...auditColumns(),
});

export const allergens = pgTable('allergens', {
  id: idColumn(),
  orgId: orgIdColumn(),
  code: text('code').notNull(),
  nameEn: text('name_en').notNull(),
  namePl: text('name_pl').notNull(),
  custom: boolean('custom').notNull().default(true),
  ...auditColumns(),
});

export const productAllergens = pgTable(
  'product_allergens',
  {
    orgId: orgIdColumn(),
    productId: uuid('product_id').notNull(),
    allergenId: uuid('allergen_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.productId, table.allergenId] })],
);

export const boms = pgTable('boms', {
  id: idColumn(),
  orgId: orgIdColumn(),
  productId: uuid('product_id').notNull(),
  version: integer('version').notNull(),
  status: text('status').$type<'draft' | 'active'>().notNull().default('draft'),
  outputQty: numeric('output_qty', { precision: 18, scale: 6 }).notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  effectiveTo: date('effective_to', { mode: 'string' }),
  ...auditColumns(),
});

export const bomItems = pgTable('bom_items', {
  id: idColumn(),
  orgId: orgIdColumn(),
  bomId: uuid('bom_id').notNull(),
  lineNo: integer('line_no').notNull(),
  productId: uuid('product_id').notNull(),
  qty: numeric('qty', { precision: 18, scale: 6 }).notNull(),
  scrapPercent: numeric('scrap_percent', { precision: 6, scale: 2 }).notNull().default(sql`0`),
});
