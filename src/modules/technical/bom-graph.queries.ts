import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { queryRow, queryRows } from '../../platform/db/rows.js';
import type { products } from './tables.js';

type StoredProduct = typeof products.$inferSelect;

// Queries that walk BOMs through every level, each one recursive SQL statement.

const inForce = (date: string) => sql`b.status = 'active' and b.effective_from <= ${date}::date and (b.effective_to is null or b.effective_to >= ${date}::date)`;

/**
 * Whether activating the BOM would make its product contain itself: its items, then the
 * active BOMs of those (on any date, to be safe whatever dates change later), and so on.
 * Answers the shortest such path as product codes, or null when there is none.
 */
export async function selectCyclePath(tx: Tx, bom: { id: string; productId: string }): Promise<string[] | null> {
  const reach = await queryRow<{ cyclic: boolean }>(
    tx,
    sql`
    with recursive reach (product_id) as (
      select bi.product_id from bom_items bi where bi.bom_id = ${bom.id}
      union
      select bi.product_id from reach r
      join boms b on b.product_id = r.product_id and b.status = 'active' and b.id <> ${bom.id}
      join bom_items bi on bi.org_id = b.org_id and bi.bom_id = b.id
    )
    select exists (select 1 from reach where product_id = ${bom.productId}) as cyclic`,
  );
  if (reach?.cyclic !== true) return null;
  // Only now enumerate paths (breadth first, stopping at the first that closes the loop).
  const walk = await queryRow<{ codes: StoredProduct['code'][] }>(
    tx,
    sql`
    with recursive walk (product_id, path) as (
      select bi.product_id, array[${bom.productId}::uuid, bi.product_id] from bom_items bi where bi.bom_id = ${bom.id}
      union all
      select bi.product_id, w.path || bi.product_id
      from walk w
      join boms b on b.product_id = w.product_id and b.status = 'active' and b.id <> ${bom.id}
      join bom_items bi on bi.org_id = b.org_id and bi.bom_id = b.id
      where w.product_id <> ${bom.productId} and (bi.product_id = ${bom.productId} or bi.product_id <> all(w.path))
    )
    select (select jsonb_agg(p.code order by u.ord) from unnest(w.path) with ordinality as u (id, ord) join products p on p.id = u.id) as codes
    from walk w where w.product_id = ${bom.productId} limit 1`,
  );
  return walk?.codes ?? [];
}

export type ExplosionLine = Pick<StoredProduct, 'code' | 'name' | 'uom'> & {
  productId: StoredProduct['id'];
  /** Along this path, exact and rounded once to 6 decimals. */
  qty: string;
  /** Along every path to the same product. */
  total: string;
  path: StoredProduct['id'][];
  pathCodes: StoredProduct['code'][];
};

/**
 * The raw materials for `qty` of a product on a date: every path down the BOMs in force
 * to a component without one. Each level multiplies by the item's qty and (1 + scrap %)
 * and divides by the BOM's output; numerators and denominators are kept apart, so the
 * only rounding is the final one to 6 decimals.
 */
export async function selectExplosion(tx: Tx, productId: string, qty: string, date: string): Promise<ExplosionLine[]> {
  return queryRows<ExplosionLine>(
    tx,
    sql`
    with recursive explode (product_id, num, den, path, line_path) as (
      select ${productId}::uuid, ${qty}::numeric, 1::numeric, array[${productId}::uuid], array[]::int[]
      union all
      select bi.product_id, e.num * bi.qty * (1 + bi.scrap_percent / 100), e.den * b.output_qty, e.path || bi.product_id, e.line_path || bi.line_no
      from explode e
      join boms b on b.product_id = e.product_id and ${inForce(date)}
      join bom_items bi on bi.org_id = b.org_id and bi.bom_id = b.id
      where bi.product_id <> all(e.path)
    )
    select e.product_id as "productId", p.code, p.name, p.uom,
      trim_scale(round(e.num / e.den, 6))::text as qty,
      trim_scale(round(sum(e.num / e.den) over (partition by e.product_id), 6))::text as total,
      to_jsonb(e.path) as path,
      (select jsonb_agg(pp.code order by u.ord) from unnest(e.path) with ordinality as u (id, ord) join products pp on pp.id = u.id) as "pathCodes"
    from explode e
    join products p on p.id = e.product_id
    where cardinality(e.path) > 1
      and not exists (select 1 from boms b where b.product_id = e.product_id and ${inForce(date)})
    order by e.line_path`,
  );
}
