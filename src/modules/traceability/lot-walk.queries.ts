import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { licensePlates, lotLinks } from '../warehouse/tables.js';

const k = alias(lotLinks, 'k');
const lp = alias(licensePlates, 'lp');

/**
 * The forward walk over lots (lot_links, the warehouse's projection of lp_links onto product
 * and lot) from a suspect lot, each lot once: UNION on (product, lot), so a cycle ends by
 * itself. Opens a WITH RECURSIVE that defines `lots` (product_id, lot), the suspect lot
 * included; `plates` adds every LP of those lots when asked for.
 */
export function lotsReachedFrom(start: { productId: string; lot: string }, options: { plates?: boolean } = {}): SQL {
  const plates = options.plates
    ? sql`,
    plates as materialized (
      select ${lp.id} as id, ${lp.orgId} as org_id, ${lp.productId} as product_id, ${lp.lot} as lot, ${lp.status} as status, ${lp.locationId} as location_id, ${lp.qty} as qty, ${lp.origin} as origin, ${lp.receiptId} as receipt_id
      from lots join ${licensePlates} ${lp} on ${lp.productId} = lots.product_id and ${lp.lot} = lots.lot)`
    : sql``;
  return sql`with recursive walked(product_id, lot) as (
      select ${start.productId}::uuid, ${start.lot}::text
      union
      select ${k.childProductId}, ${k.childLot}
      from walked w join ${lotLinks} ${k} on ${k.parentProductId} = w.product_id and ${k.parentLot} = w.lot
    ),
    lots as materialized (select product_id, lot from walked)${plates}`;
}
