import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { queryRow, queryRows } from '../../platform/db/rows.js';
import { allergens, products } from './tables.js';

export interface ImportRow {
  row: number;
  code: string;
  name: string;
  type: string;
  uom: string;
  shelfLifeDays: number | null;
  gtin: string | null;
  allergens: string[];
}

/**
 * Runs bulk statements with nested loops off. Rows written a moment ago have no planner
 * statistics yet (PGlite never gathers any by itself), and a planner that believes
 * 10,000 rows are 40 picks nested loops that rescan a 10,000-row set per row; hash
 * joins are right for sets this size whatever the statistics say.
 */
export async function withHashJoins<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const { value: previous } = (await queryRow<{ value: string }>(tx, sql`select current_setting('enable_nestloop') as value`))!;
  await tx.execute(sql`select set_config('enable_nestloop', 'off', true)`);
  const result = await fn();
  await tx.execute(sql`select set_config('enable_nestloop', ${previous}, true)`);
  return result;
}

export async function selectAllergenCodes(tx: Tx): Promise<Set<string>> {
  const rows = await tx.select({ code: allergens.code }).from(allergens);
  return new Set(rows.map((row) => row.code));
}

/** The products with the given codes, with their unit and whether BOMs use them. */
export async function selectExistingByCode(tx: Tx, codes: string[]): Promise<Map<string, { uom: string; inBoms: boolean }>> {
  const rows = await queryRows<Pick<typeof products.$inferSelect, 'code' | 'uom'> & { inBoms: boolean }>(
    tx,
    sql`
    select p.code, p.uom,
      exists (select 1 from boms b where b.product_id = p.id) or exists (select 1 from bom_items bi where bi.product_id = p.id) as "inBoms"
    from products p where p.code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  return new Map(rows.map((row) => [row.code, { uom: row.uom, inBoms: row.inBoms }]));
}

/**
 * Writes all rows in three statements whatever their number: an upsert of the products,
 * then their declared allergens replaced; rows and pairs that stay the same are not touched.
 */
export async function upsertProducts(tx: Tx, orgId: string, rows: ImportRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => ({ code: row.code, name: row.name, type: row.type, uom: row.uom, shelf_life_days: row.shelfLifeDays, gtin: row.gtin, allergens: row.allergens })),
  );
  await tx.execute(sql`
    insert into products (org_id, code, name, type, uom, shelf_life_days, gtin)
    select ${orgId}, r.code, r.name, r.type, r.uom, r.shelf_life_days, r.gtin
    from jsonb_to_recordset(${json}::jsonb) as r (code text, name text, type text, uom text, shelf_life_days integer, gtin text)
    on conflict (org_id, code) do update set
      name = excluded.name, type = excluded.type, uom = excluded.uom, shelf_life_days = excluded.shelf_life_days, gtin = excluded.gtin
    where (products.name, products.type, products.uom, products.shelf_life_days, products.gtin)
      is distinct from (excluded.name, excluded.type, excluded.uom, excluded.shelf_life_days, excluded.gtin)`);
  // Declared allergens become exactly the file's: pairs it no longer names go, new ones come, the rest stay.
  await tx.execute(sql`
    with input as (select r.code, r.allergens from jsonb_to_recordset(${json}::jsonb) as r (code text, allergens jsonb)),
    wanted as (
      select p.id as product_id, a.id as allergen_id
      from input r
      cross join lateral jsonb_array_elements_text(r.allergens) as c (code)
      join products p on p.code = r.code
      join allergens a on a.code = c.code
    )
    delete from product_allergens pa using products p, input r
    where pa.product_id = p.id and p.code = r.code
      and not exists (select 1 from wanted w where w.product_id = pa.product_id and w.allergen_id = pa.allergen_id)`);
  // The foreign-key checks of the insert below look products up by a plan the session
  // cached while the table was small (a sequential scan): 15,000 of those over 10,000
  // fresh products take minutes on PGlite's one long session. Re-planning them now, with
  // the table at its new size, turns them into index lookups.
  await tx.execute(sql`discard plans`);
  await tx.execute(sql`
    insert into product_allergens (org_id, product_id, allergen_id)
    select ${orgId}, p.id, a.id
    from jsonb_to_recordset(${json}::jsonb) as r (code text, allergens jsonb)
    cross join lateral jsonb_array_elements_text(r.allergens) as c (code)
    join products p on p.code = r.code
    join allergens a on a.code = c.code
    on conflict do nothing`);
}

export type ExportRow = Pick<typeof products.$inferSelect, 'code' | 'name' | 'type' | 'uom' | 'shelfLifeDays' | 'gtin'> & {
  /** Declared allergen codes joined by |, in code order; '' for none. */
  allergens: string;
};

export async function selectExportRows(tx: Tx): Promise<ExportRow[]> {
  return queryRows<ExportRow>(
    tx,
    sql`
    select p.code, p.name, p.type, p.uom, p.shelf_life_days as "shelfLifeDays", p.gtin,
      coalesce((select string_agg(a.code, '|' order by a.code) from product_allergens pa join allergens a on a.id = pa.allergen_id where pa.product_id = p.id), '') as allergens
    from products p order by p.code`,
  );
}
