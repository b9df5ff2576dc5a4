import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import { suppliers } from '../planning/tables.js';
import { workOrders } from '../production/tables.js';
import { locations, organizations, warehouses } from '../settings/tables.js';
import { customers, shipmentLines, shipments } from '../shipping/tables.js';
import { products } from '../technical/tables.js';
import { licensePlates, receipts, stockMoves } from '../warehouse/tables.js';
import { lotsReachedFrom } from './lot-walk.queries.js';
import { traceSettings } from './trace.queries.js';

// The critical tracking events of a lot and of every lot made from it (FSMA 204), from the
// ledger: one statement walks the lots like the recall summary and answers one row per event
// part. Each part is grouped first and only then joined to the records it names, by primary
// key, so no join pairs two CTEs (the planner cannot estimate those; see the recall summary).
// Pairing a transformation's outputs with its inputs is left to fsma204.rows.ts.

const p = alias(licensePlates, 'p');
const ip = alias(licensePlates, 'ip');
const m = alias(stockMoves, 'm');
const rc = alias(receipts, 'rc');
const sp = alias(suppliers, 'sp');
const loc = alias(locations, 'loc');
const w = alias(warehouses, 'w');
const pr = alias(products, 'pr');
const wo = alias(workOrders, 'wo');
const sl = alias(shipmentLines, 'sl');
const s = alias(shipments, 's');
const c = alias(customers, 'c');

/** One part of an event as the statement answers it; text columns are ready to print. */
export interface Fsma204Part extends Record<string, unknown> {
  kind: 'receiving' | 'output' | 'input' | 'shipping';
  productId: string;
  lot: string;
  product: string;
  uom: string;
  qty: string;
  day: string | null;
  /** The warehouse where it happened (receiving, output, shipping). */
  site: string | null;
  /** Receipt, work order or shipment number. */
  reference: string | null;
  /** Inputs name the work order they went into; outputs the one that made them. */
  workOrderId: string | null;
  /** The supplier (receiving) or the customer (shipping), as a location description. */
  party: string | null;
}

/** A business's location description: its name, then address and phone where known. */
const described = (name: SQL, address: SQL, phone: SQL) => sql`concat_ws(', ', ${name}, nullif(${address}, ''), nullif(${phone}, ''))`;
const productDescription = sql`${pr.name} || ' (' || ${pr.code} || ')'`;
const siteOf = sql`(select ${described(sql`o.name`, sql`null`, sql`null`)} from ${organizations} o) || ' — ' || ${w.name} || ' (' || ${w.code} || ')'`;
const siteJoin = (locationId: SQL) => sql`join ${locations} ${loc} on ${loc.id} = ${locationId} join ${warehouses} ${w} on ${w.id} = ${loc.warehouseId}`;

/** Every event part of the lot and of the lots made from it; days in the organization's time zone. */
export function fsma204Statement(start: { productId: string; lot: string }, timezone: string): SQL {
  const day = (at: SQL) => sql`to_char(${at} at time zone ${timezone}, 'YYYY-MM-DD')`;
  return sql`${lotsReachedFrom(start, { plates: true })},
    received as materialized (
      select x.product_id, x.lot, x.receipt_id, sum(${m.qtyChange}) as qty, min(${m.createdAt}) as at
      from plates x join ${stockMoves} ${m} on ${m.orgId} = x.org_id and ${m.licensePlateId} = x.id and ${m.type} = 'receipt'
      where x.origin = 'receipt' group by 1, 2, 3),
    made as materialized (
      select x.org_id, x.product_id, x.lot, ${m.workOrderId} as work_order_id, min(${m.toLocationId}::text)::uuid as location_id, sum(${m.qtyChange}) as qty, max(${m.createdAt}) as at
      from plates x join ${stockMoves} ${m} on ${m.orgId} = x.org_id and ${m.licensePlateId} = x.id and ${m.type} = 'output'
      where x.origin = 'output' group by 1, 2, 3, 4),
    used as materialized (
      select ${m.workOrderId} as work_order_id, ${ip.productId} as product_id, ${ip.lot} as lot, -sum(${m.qtyChange}) as qty
      from (select distinct org_id, work_order_id from made) o
      join ${stockMoves} ${m} on ${m.orgId} = o.org_id and ${m.workOrderId} = o.work_order_id and ${m.type} in ('consume', 'reverse')
      join ${licensePlates} ${ip} on ${ip.orgId} = ${m.orgId} and ${ip.id} = ${m.licensePlateId}
      group by 1, 2, 3),
    sent as materialized (
      select ${sl.productId} as product_id, ${sl.lot} as lot, ${sl.shipmentId} as shipment_id, sum(${sl.qty}) as qty, min(${p.locationId}::text)::uuid as location_id
      from lots join ${shipmentLines} ${sl} on ${sl.productId} = lots.product_id and ${sl.lot} = lots.lot
      join ${licensePlates} ${p} on ${p.orgId} = ${sl.orgId} and ${p.id} = ${sl.licensePlateId}
      group by 1, 2, 3)
    select 'receiving' as kind, r.product_id as "productId", r.lot, ${productDescription} as product, ${pr.uom} as uom, trim_scale(r.qty)::text as qty, ${day(sql`r.at`)} as day,
           ${siteOf} as site, ${rc.number} as reference, null::uuid as "workOrderId", ${described(sql`${sp.name}`, sql`${sp.address}`, sql`${sp.phone}`)} as party
      from received r join ${receipts} ${rc} on ${rc.id} = r.receipt_id left join ${suppliers} ${sp} on ${sp.id} = ${rc.supplierId}
      join ${products} ${pr} on ${pr.id} = r.product_id ${siteJoin(sql`${rc.locationId}`)}
    union all
    select 'output', x.product_id, x.lot, ${productDescription}, ${pr.uom}, trim_scale(x.qty)::text, ${day(sql`x.at`)}, ${siteOf}, ${wo.number}, x.work_order_id, null
      from made x join ${workOrders} ${wo} on ${wo.id} = x.work_order_id join ${products} ${pr} on ${pr.id} = x.product_id ${siteJoin(sql`x.location_id`)}
    union all
    select 'input', u.product_id, u.lot, ${productDescription}, ${pr.uom}, trim_scale(u.qty)::text, null, null, null, u.work_order_id, null
      from used u join ${products} ${pr} on ${pr.id} = u.product_id
    union all
    select 'shipping', x.product_id, x.lot, ${productDescription}, ${pr.uom}, trim_scale(x.qty)::text, ${s.shipDate}::text, ${siteOf}, ${s.number}, null, ${described(sql`${c.name}`, sql`${c.address}`, sql`${c.phone}`)}
      from sent x join ${shipments} ${s} on ${s.id} = x.shipment_id join ${customers} ${c} on ${c.id} = ${s.customerId}
      join ${products} ${pr} on ${pr.id} = x.product_id ${siteJoin(sql`x.location_id`)}`;
}

/** The event parts of the lot and what was made from it, in the caller's transaction. */
export async function selectFsma204Parts(tx: Tx, start: { productId: string; lot: string }, timezone: string): Promise<Fsma204Part[]> {
  await tx.execute(traceSettings);
  return queryRows<Fsma204Part>(tx, fsma204Statement(start, timezone));
}
