import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import { toLicensePlate } from './license-plate.queries.js';
import type { FefoResponse, StockLine, StockQuery } from './stock.schema.js';
import { usableLicensePlateSql } from './usability.js';

const groupings = {
  product: { keys: sql`product_id, uom`, order: sql`product_id` },
  location: { keys: sql`product_id, uom, location_id`, order: sql`product_id, location_id` },
  lot: { keys: sql`product_id, uom, lot`, order: sql`product_id, lot` },
} as const;

/** On-hand quantities of available stock (any QA status), grouped as asked. */
export async function selectStock(tx: Tx, query: StockQuery): Promise<StockLine[]> {
  const grouping = groupings[query.groupBy];
  const result = await tx.execute(sql`select ${grouping.keys}, sum(qty)::text as qty, count(*)::integer as plates, min(expiry_date)::text as expiry_date
    from license_plates
    where status = 'available' and qty > 0
      and (${query.productId ?? null}::uuid is null or product_id = ${query.productId ?? null}::uuid)
      and (${query.locationId ?? null}::uuid is null or location_id = ${query.locationId ?? null}::uuid)
    group by ${grouping.keys} order by ${grouping.order}`);
  return result.rows.map((row) => ({
    productId: row.product_id as string,
    ...(query.groupBy === 'location' ? { locationId: row.location_id as string } : {}),
    ...(query.groupBy === 'lot' ? { lot: row.lot as string, expiryDate: (row.expiry_date as string | null) ?? null } : {}),
    uom: row.uom as string,
    qty: decimal(row.qty as string),
    licensePlateCount: Number(row.plates),
  }));
}

/**
 * First expired, first out: usable LPs of a product (available, released, not expired
 * on `today`), earliest expiry first (no expiry last), then oldest, just enough of them
 * to cover qty. Each LP's pickQty is what to take from it.
 */
export async function selectFefo(tx: Tx, productId: string, qty: string, today: string): Promise<FefoResponse> {
  const result = await tx.execute(sql`with usable as (
      select id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, created_at, updated_at,
        sum(qty) over (order by expiry_date asc nulls last, created_at, id) as running
      from license_plates lp
      where lp.product_id = ${productId} and lp.qty > 0 and ${usableLicensePlateSql('lp', today)}
    )
    , picks as (select *, least(qty, ${qty}::numeric - (running - qty)) as pick from usable where running - qty < ${qty}::numeric)
    select *, pick::text as pick_qty, (sum(pick) over ())::text as covered, (${qty}::numeric - sum(pick) over ())::text as shortfall
    from picks order by expiry_date asc nulls last, created_at, id`);
  const items = result.rows.map((row) => ({ ...toLicensePlate(row), pickQty: decimal(row.pick_qty as string) }));
  const totals = result.rows[0];
  return {
    items,
    nextCursor: null,
    requestedQty: decimal(qty),
    coveredQty: totals ? decimal(totals.covered as string) : 0,
    shortfallQty: totals ? decimal(totals.shortfall as string) : decimal(qty),
  };
}
