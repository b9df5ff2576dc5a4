import { and, asc, eq, getTableName, gt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import { decimal } from '../../platform/http/schemas.js';
import { licensePlateColumns, publicPlate, type LicensePlateRecord } from './license-plate.record.js';
import type { FefoResponse, StockLine, StockQuery } from './stock.schema.js';
import { licensePlates, stockReservations } from './tables.js';
import { usableLicensePlateSql } from './usability.js';

const lp = licensePlates;

const groupings = {
  product: { keys: [lp.productId, lp.uom], order: [lp.productId] },
  location: { keys: [lp.productId, lp.uom, lp.locationId], order: [lp.productId, lp.locationId] },
  lot: { keys: [lp.productId, lp.uom, lp.lot], order: [lp.productId, lp.lot] },
};

/** On-hand quantities of available stock (any QA status), grouped as asked. */
export async function selectStock(tx: Tx, query: StockQuery): Promise<StockLine[]> {
  const rows = await tx
    .select({
      productId: lp.productId,
      uom: lp.uom,
      // Outside its grouping a key is not selected at all, so these answer null.
      locationId: query.groupBy === 'location' ? lp.locationId : sql<null>`null`,
      lot: query.groupBy === 'lot' ? lp.lot : sql<null>`null`,
      qty: sql<string>`sum(${lp.qty})::text`,
      licensePlateCount: sql<number>`count(*)::integer`,
      expiryDate: sql<string | null>`min(${lp.expiryDate})::text`,
    })
    .from(lp)
    .where(
      and(
        eq(lp.status, 'available'),
        gt(lp.qty, '0'),
        query.productId === undefined ? undefined : eq(lp.productId, query.productId),
        query.locationId === undefined ? undefined : eq(lp.locationId, query.locationId),
      ),
    )
    .groupBy(...groupings[query.groupBy].keys)
    .orderBy(...groupings[query.groupBy].order.map((column) => asc(column)));
  return rows.map((row) => ({
    productId: row.productId,
    ...(row.locationId === null ? {} : { locationId: row.locationId }),
    ...(row.lot === null ? {} : { lot: row.lot, expiryDate: row.expiryDate }),
    uom: row.uom,
    qty: decimal(row.qty),
    licensePlateCount: row.licensePlateCount,
  }));
}

/** A FEFO pick: the LP, what to take from it, and the totals over all picks. */
type PickRow = LicensePlateRecord & { pickQty: string; coveredQty: string; shortfallQty: string };

/**
 * First expired, first out: usable LPs of a product (available, released, not expired
 * on `today`), earliest expiry first (no expiry last), then oldest, just enough of them
 * to cover qty. Each LP's pickQty is what to take from it; stock reserved for sales orders
 * is not offered (an LP gives only what is free of it).
 */
export async function selectFefo(tx: Tx, productId: string, qty: string, today: string): Promise<FefoResponse> {
  const reserved = sql`coalesce((select sum(${stockReservations.qty}) from ${stockReservations} where ${stockReservations.licensePlateId} = ${lp.id}), 0)`;
  const rows = await queryRows<PickRow>(
    tx,
    sql`with free as (
        select ${licensePlateColumns}, ${lp.qty} - ${reserved} as free_qty, ${lp.expiryDate} as expiry_order, ${lp.createdAt} as created_order
        from ${lp}
        where ${lp.productId} = ${productId} and ${lp.qty} > 0 and ${usableLicensePlateSql(getTableName(lp), today)}
      )
      , usable as (select *, sum(free_qty) over (order by expiry_order asc nulls last, created_order, id) as running from free where free_qty > 0)
      , picks as (select *, least(free_qty, ${qty}::numeric - (running - free_qty)) as pick from usable where running - free_qty < ${qty}::numeric)
      select picks.*, pick::text as "pickQty", (sum(pick) over ())::text as "coveredQty", (${qty}::numeric - sum(pick) over ())::text as "shortfallQty"
      from picks order by "expiryDate" asc nulls last, "createdAt", id`,
  );
  const totals = rows[0];
  return {
    items: rows.map((row) => ({ ...publicPlate(row), pickQty: decimal(row.pickQty) })),
    nextCursor: null,
    requestedQty: decimal(qty),
    coveredQty: totals ? decimal(totals.coveredQty) : 0,
    shortfallQty: totals ? decimal(totals.shortfallQty) : decimal(qty),
  };
}
