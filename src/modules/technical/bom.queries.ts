import { and, desc, eq, gt, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import type { BomItemInput } from './bom.schema.js';
import { bomItems, boms, products } from './tables.js';

type StoredBom = typeof boms.$inferSelect;
type StoredProduct = typeof products.$inferSelect;

/** A BOM as stored: quantities stay exact decimal strings until the API shows them. */
export type BomRecord = Pick<StoredBom, 'id' | 'productId' | 'version' | 'status' | 'outputQty' | 'effectiveFrom' | 'effectiveTo' | 'createdAt' | 'updatedAt'> & {
  productCode: StoredProduct['code'];
  /** The product's unit, in which outputQty is counted. */
  uom: StoredProduct['uom'];
  items: BomItemRecord[];
};

export type BomItemRecord = Pick<typeof bomItems.$inferSelect, 'id' | 'lineNo' | 'productId' | 'qty' | 'scrapPercent'> & {
  productCode: StoredProduct['code'];
  productName: StoredProduct['name'];
  uom: StoredProduct['uom'];
  /** qty × (1 + scrapPercent / 100): what one outputQty actually consumes. */
  grossQty: string;
};

/** Exact decimals without the trailing zeros of numeric(18, 6): '2.5', not '2.500000'. */
const trimmed = (value: SQL | AnyPgColumn) => sql<string>`trim_scale(${value})::text`;

const inForce = (date: string) =>
  and(eq(boms.status, 'active'), lte(boms.effectiveFrom, date), or(isNull(boms.effectiveTo), gte(boms.effectiveTo, date)));

const headerColumns = {
  id: boms.id,
  productId: boms.productId,
  productCode: products.code,
  uom: products.uom,
  version: boms.version,
  status: boms.status,
  outputQty: trimmed(boms.outputQty),
  effectiveFrom: boms.effectiveFrom,
  effectiveTo: boms.effectiveTo,
  createdAt: boms.createdAt,
  updatedAt: boms.updatedAt,
};

const itemColumns = {
  bomId: bomItems.bomId,
  id: bomItems.id,
  lineNo: bomItems.lineNo,
  productId: bomItems.productId,
  productCode: products.code,
  productName: products.name,
  uom: products.uom,
  qty: trimmed(bomItems.qty),
  scrapPercent: trimmed(bomItems.scrapPercent),
  grossQty: trimmed(sql`${bomItems.qty} * (1 + ${bomItems.scrapPercent} / 100)`),
};

/** The BOM headers with their products' code and unit. */
const selectHeaders = (tx: Tx) => tx.select(headerColumns).from(boms).innerJoin(products, eq(products.id, boms.productId));

async function withItems(tx: Tx, headers: Omit<BomRecord, 'items'>[]): Promise<BomRecord[]> {
  if (headers.length === 0) return [];
  const items = await tx
    .select(itemColumns)
    .from(bomItems)
    .innerJoin(products, eq(products.id, bomItems.productId))
    .where(inArray(bomItems.bomId, headers.map((header) => header.id)))
    .orderBy(bomItems.bomId, bomItems.lineNo);
  const byBom = new Map<string, BomItemRecord[]>(headers.map((header) => [header.id, []]));
  for (const { bomId, ...item } of items) byBom.get(bomId)!.push(item);
  return headers.map((header) => ({ ...header, createdAt: toIso(header.createdAt), updatedAt: toIso(header.updatedAt), items: byBom.get(header.id)! }));
}

export async function selectBoms(tx: Tx, filter: { after: string | null; limit: number; productId?: string }): Promise<BomRecord[]> {
  const headers = await selectHeaders(tx)
    .where(and(filter.after === null ? undefined : gt(boms.id, filter.after), filter.productId === undefined ? undefined : eq(boms.productId, filter.productId)))
    .orderBy(boms.id)
    .limit(filter.limit + 1);
  return withItems(tx, headers);
}

export async function selectBom(tx: Tx, id: string): Promise<BomRecord | null> {
  return (await withItems(tx, await selectHeaders(tx).where(eq(boms.id, id))))[0] ?? null;
}

/** Locks a BOM row for a change; the caller has locked its product first. */
export async function lockBom(tx: Tx, id: string): Promise<void> {
  await tx.select({ id: boms.id }).from(boms).where(eq(boms.id, id)).for('update');
}

/**
 * Serializes activations within the organization (a transaction-scoped advisory lock),
 * so that two BOMs can't each close half of a cycle.
 */
export async function lockBomActivations(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mp:bom-activation:${orgId}`}))`);
}

export async function selectBomProductId(tx: Tx, id: string): Promise<string | null> {
  const [row] = await tx.select({ productId: boms.productId }).from(boms).where(eq(boms.id, id));
  return row?.productId ?? null;
}

/** The active BOM of a product in force on a date; at most one, since active versions never overlap. */
export async function selectActiveBomOn(tx: Tx, productId: string, date: string): Promise<BomRecord | null> {
  const headers = await selectHeaders(tx)
    .where(and(eq(boms.productId, productId), inForce(date)))
    .orderBy(desc(boms.effectiveFrom))
    .limit(1);
  return (await withItems(tx, headers))[0] ?? null;
}

export async function insertBom(
  tx: Tx,
  orgId: string,
  bom: { productId: string; version: number; outputQty: number; effectiveFrom: string; effectiveTo: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(boms)
    .values({ orgId, productId: bom.productId, version: bom.version, status: 'draft', outputQty: String(bom.outputQty), effectiveFrom: bom.effectiveFrom, effectiveTo: bom.effectiveTo })
    .returning({ id: boms.id });
  return row!.id;
}

/** Writes a BOM's items in one statement, numbered in the order given. */
export async function replaceBomItems(tx: Tx, orgId: string, bomId: string, items: BomItemInput[]): Promise<void> {
  await tx.delete(bomItems).where(eq(bomItems.bomId, bomId));
  await tx.insert(bomItems).values(
    items.map((item, index) => ({ orgId, bomId, lineNo: index + 1, productId: item.productId, qty: String(item.qty), scrapPercent: String(item.scrapPercent ?? 0) })),
  );
}

export async function updateBomRow(tx: Tx, id: string, fields: { outputQty?: number; effectiveFrom?: string; effectiveTo?: string | null }): Promise<void> {
  // Absent fields stay out of the SET; the row is touched even when none is given, so its updatedAt moves.
  await tx
    .update(boms)
    .set({
      outputQty: fields.outputQty === undefined ? sql`${boms.outputQty}` : String(fields.outputQty),
      effectiveFrom: fields.effectiveFrom,
      effectiveTo: fields.effectiveTo,
    })
    .where(eq(boms.id, id));
}

export async function markBomActive(tx: Tx, id: string): Promise<void> {
  await tx.update(boms).set({ status: 'active' }).where(eq(boms.id, id));
}

export async function deleteBomRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(boms).where(eq(boms.id, id));
}

/** The ids among `ids` that are no product of the organization. */
export async function selectMissingProductIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  const rows = await queryRows<Pick<StoredProduct, 'id'>>(
    tx,
    sql`select c.id from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb) as c (id)
      where not exists (select 1 from ${products} where ${products.id} = c.id::uuid)`,
  );
  return new Set(rows.map((row) => row.id));
}

/** The version of another active BOM of the product whose dates meet [from, to]; null when none. */
export async function selectOverlappingVersion(tx: Tx, bom: { id: string; productId: string; effectiveFrom: string; effectiveTo: string | null }): Promise<number | null> {
  const [row] = await tx
    .select({ version: boms.version })
    .from(boms)
    .where(
      and(
        eq(boms.productId, bom.productId),
        eq(boms.status, 'active'),
        ne(boms.id, bom.id),
        sql`daterange(${boms.effectiveFrom}, ${boms.effectiveTo}, '[]') && daterange(${bom.effectiveFrom}::date, ${bom.effectiveTo}::date, '[]')`,
      ),
    )
    .orderBy(boms.version)
    .limit(1);
  return row?.version ?? null;
}
