import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { BomItemInput } from './bom.schema.js';

/** A BOM as stored: quantities stay exact decimal strings until the API shows them. */
export interface BomRecord {
  id: string;
  productId: string;
  productCode: string;
  uom: string;
  version: number;
  status: 'draft' | 'active';
  outputQty: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
  updatedAt: string;
  items: BomItemRecord[];
}

export interface BomItemRecord {
  id: string;
  lineNo: number;
  productId: string;
  productCode: string;
  productName: string;
  uom: string;
  qty: string;
  scrapPercent: string;
  /** qty × (1 + scrapPercent / 100): what one outputQty actually consumes. */
  grossQty: string;
}

const inForce = (date: string) => sql`b.status = 'active' and b.effective_from <= ${date}::date and (b.effective_to is null or b.effective_to >= ${date}::date)`;

const headerColumns = sql`b.id, b.product_id, p.code as product_code, p.uom, b.version, b.status, trim_scale(b.output_qty)::text as output_qty,
  b.effective_from::text as effective_from, b.effective_to::text as effective_to, b.created_at, b.updated_at`;

async function withItems(tx: Tx, rows: Record<string, unknown>[]): Promise<BomRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id as string);
  const items = await tx.execute(sql`
    select bi.bom_id, bi.id, bi.line_no, bi.product_id, p.code, p.name, p.uom, trim_scale(bi.qty)::text as qty, trim_scale(bi.scrap_percent)::text as scrap_percent,
      trim_scale(bi.qty * (1 + bi.scrap_percent / 100))::text as gross_qty
    from bom_items bi join products p on p.id = bi.product_id
    where bi.bom_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)
    order by bi.bom_id, bi.line_no`);
  const byBom = new Map<string, BomItemRecord[]>(ids.map((id) => [id, []]));
  for (const item of items.rows) {
    byBom.get(item.bom_id as string)!.push({
      id: item.id as string,
      lineNo: Number(item.line_no),
      productId: item.product_id as string,
      productCode: item.code as string,
      productName: item.name as string,
      uom: item.uom as string,
      qty: item.qty as string,
      scrapPercent: item.scrap_percent as string,
      grossQty: item.gross_qty as string,
    });
  }
  return rows.map((row) => ({
    id: row.id as string,
    productId: row.product_id as string,
    productCode: row.product_code as string,
    uom: row.uom as string,
    version: Number(row.version),
    status: row.status as BomRecord['status'],
    outputQty: row.output_qty as string,
    effectiveFrom: row.effective_from as string,
    effectiveTo: (row.effective_to as string | null) ?? null,
    createdAt: toIso(row.created_at as string),
    updatedAt: toIso(row.updated_at as string),
    items: byBom.get(row.id as string)!,
  }));
}

export async function selectBoms(tx: Tx, filter: { after: string | null; limit: number; productId?: string }): Promise<BomRecord[]> {
  const result = await tx.execute(sql`select ${headerColumns} from boms b join products p on p.id = b.product_id
    where (${filter.after}::uuid is null or b.id > ${filter.after}::uuid)
      and (${filter.productId ?? null}::uuid is null or b.product_id = ${filter.productId ?? null}::uuid)
    order by b.id limit ${filter.limit + 1}`);
  return withItems(tx, result.rows);
}

export async function selectBom(tx: Tx, id: string): Promise<BomRecord | null> {
  const result = await tx.execute(sql`select ${headerColumns} from boms b join products p on p.id = b.product_id where b.id = ${id}`);
  return (await withItems(tx, result.rows))[0] ?? null;
}

/** Locks a BOM row for a change; the caller has locked its product first. */
export async function lockBom(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`select id from boms where id = ${id} for update`);
}

export async function selectBomProductId(tx: Tx, id: string): Promise<string | null> {
  const result = await tx.execute(sql`select product_id from boms where id = ${id}`);
  return (result.rows[0]?.product_id as string | undefined) ?? null;
}

/** The active BOM of a product in force on a date; at most one, since active versions never overlap. */
export async function selectActiveBomOn(tx: Tx, productId: string, date: string): Promise<BomRecord | null> {
  const result = await tx.execute(sql`select ${headerColumns} from boms b join products p on p.id = b.product_id
    where b.product_id = ${productId} and ${inForce(date)} order by b.effective_from desc limit 1`);
  return (await withItems(tx, result.rows))[0] ?? null;
}

export async function insertBom(
  tx: Tx,
  orgId: string,
  bom: { productId: string; version: number; outputQty: number; effectiveFrom: string; effectiveTo: string | null },
): Promise<string> {
  const result = await tx.execute(sql`insert into boms (org_id, product_id, version, status, output_qty, effective_from, effective_to)
    values (${orgId}, ${bom.productId}, ${bom.version}, 'draft', ${String(bom.outputQty)}::numeric, ${bom.effectiveFrom}::date, ${bom.effectiveTo}::date)
    returning id`);
  return result.rows[0]!.id as string;
}

/** Writes a BOM's items in one statement, numbered in the order given. */
export async function replaceBomItems(tx: Tx, orgId: string, bomId: string, items: BomItemInput[]): Promise<void> {
  await tx.execute(sql`delete from bom_items where bom_id = ${bomId}`);
  const rows = items.map((item, index) => ({ line_no: index + 1, product_id: item.productId, qty: String(item.qty), scrap_percent: String(item.scrapPercent ?? 0) }));
  await tx.execute(sql`insert into bom_items (org_id, bom_id, line_no, product_id, qty, scrap_percent)
    select ${orgId}, ${bomId}, r.line_no, r.product_id, r.qty::numeric, r.scrap_percent::numeric
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r (line_no int, product_id uuid, qty text, scrap_percent text)`);
}

export async function updateBomRow(tx: Tx, id: string, fields: { outputQty?: number; effectiveFrom?: string; effectiveTo?: string | null }): Promise<void> {
  await tx.execute(sql`update boms set
      output_qty = coalesce(${fields.outputQty === undefined ? null : String(fields.outputQty)}::numeric, output_qty),
      effective_from = coalesce(${fields.effectiveFrom ?? null}::date, effective_from),
      effective_to = case when ${fields.effectiveTo !== undefined} then ${fields.effectiveTo ?? null}::date else effective_to end
    where id = ${id}`);
}

export async function markBomActive(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`update boms set status = 'active' where id = ${id}`);
}

export async function deleteBomRow(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`delete from boms where id = ${id}`);
}

/** The ids among `ids` that are no product of the organization. */
export async function selectMissingProductIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  const result = await tx.execute(sql`select c.id from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb) as c (id)
    where not exists (select 1 from products p where p.id = c.id::uuid)`);
  return new Set(result.rows.map((row) => row.id as string));
}

/** The version of another active BOM of the product whose dates meet [from, to]; null when none. */
export async function selectOverlappingVersion(tx: Tx, bom: { id: string; productId: string; effectiveFrom: string; effectiveTo: string | null }): Promise<number | null> {
  const result = await tx.execute(sql`select version from boms
    where product_id = ${bom.productId} and status = 'active' and id <> ${bom.id}
      and daterange(effective_from, effective_to, '[]') && daterange(${bom.effectiveFrom}::date, ${bom.effectiveTo}::date, '[]')
    order by version limit 1`);
  return result.rows[0] ? Number(result.rows[0].version) : null;
}
