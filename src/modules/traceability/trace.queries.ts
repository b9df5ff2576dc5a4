import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { jsonArray, jsonObject } from './trace.json.js';
import type { Direction } from './trace.schema.js';

// Trace and recall: read-only over the warehouse's LPs and lineage links and shipping's
// shipments. Each direction is ONE recursive query over lp_links, which is indexed on
// both ends (lp_links_from_idx for forward, lp_links_to_idx for backward):
//   * each step expands every distinct (LP, depth) of the last level once, and UNION (not
//     UNION ALL) drops rows already produced, so a diamond is walked once per depth and a
//     cycle cannot run forever; the link each LP was reached by comes along, so the links
//     need no second probe,
//   * the depth limit stops any chain at MAX_TRACE_DEPTH, far above real recipes
//     (raw → intermediate → finished → splits is a handful of levels),
//   * the details (LP rows, receipts, shipments) are fetched once per distinct LP after the
//     walk; only LPs with status `shipped` are looked up on shipment lines (the warehouse
//     makes an LP `shipped` when it leaves, for good),
//   * PostgreSQL builds the whole answer as one JSON text in the same statement
//     (trace.json.ts): a trace of a lot used in a thousand orders is megabytes of JSON,
//     and parsing, re-validating and re-serializing it in Node would cost more than the
//     walk. Its shape is the schema's (trace.schema.ts); the tests check answers against it.

export const MAX_TRACE_DEPTH = 100;

/**
 * Set in the trace's transaction before the statement: a recursive CTE's row estimates are
 * pessimistic by design, which would have PostgreSQL JIT-compile (tens of ms) a statement
 * that runs in a few; the answer's sorts stay in memory; dates print as YYYY-MM-DD.
 */
export const traceSettings = sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('datestyle', 'ISO, YMD', true)`;

/**
 * The walk: `reached` holds, per LP reached, its depth and the link it was reached by (the
 * roots by none). The recursive step expands each distinct (LP, depth) of the last level
 * once, so the links come out of the walk itself and need no second probe. `ids` is each
 * distinct LP reached, `links` each distinct link followed, `plates` the LPs' rows (each
 * materialized once, used by every detail below).
 */
export function reachedFrom(direction: Direction, rootIds: string[]): SQL {
  const [next, along] = direction === 'forward' ? [sql`l.to_lp_id`, sql`l.from_lp_id`] : [sql`l.from_lp_id`, sql`l.to_lp_id`];
  return sql`with recursive reached(lp_id, depth, link_id, from_lp_id, to_lp_id, type, work_order_id, qty) as (
      select value::uuid, 0, null::uuid, null::uuid, null::uuid, null::text, null::uuid, null::numeric
      from jsonb_array_elements_text(${JSON.stringify(rootIds)}::jsonb)
      union
      select ${next}, r.depth + 1, l.id, l.from_lp_id, l.to_lp_id, l.type, l.work_order_id, l.qty
      from (select distinct lp_id, depth from reached) r join lp_links l on ${along} = r.lp_id
      where r.depth < ${MAX_TRACE_DEPTH}
    ),
    ids as materialized (select distinct lp_id as id from reached),
    links as materialized (select distinct link_id as id, from_lp_id, to_lp_id, type, work_order_id, qty from reached where link_id is not null),
    plates as materialized (select lp.* from ids join license_plates lp on lp.id = ids.id)`;
}

/** The links followed, oldest LP first. */
const linksJson = jsonArray(
  jsonObject({
    from: [sql`l.from_lp_id`, 'id'],
    to: [sql`l.to_lp_id`, 'id'],
    type: [sql`l.type`, 'enum'],
    workOrderId: [sql`l.work_order_id`, 'id?'],
    qty: [sql`l.qty`, 'number'],
  }),
  sql`links l`,
  sql`l.from_lp_id, l.to_lp_id, l.id`,
);

const depthLimitReached = sql`exists (select 1 from reached where depth >= ${MAX_TRACE_DEPTH})`;

/** An LP exactly as the warehouse's licensePlateSchema shows it. */
const plateJson = jsonObject({
  id: [sql`p.id`, 'id'],
  number: [sql`p.number`, 'text'],
  productId: [sql`p.product_id`, 'id'],
  lot: [sql`p.lot`, 'text'],
  expiryDate: [sql`p.expiry_date`, 'date?'],
  qty: [sql`p.qty`, 'number'],
  uom: [sql`p.uom`, 'enum'],
  status: [sql`p.status`, 'enum'],
  qaStatus: [sql`p.qa_status`, 'enum'],
  locationId: [sql`p.location_id`, 'id'],
  createdAt: [sql`p.created_at`, 'timestamp'],
  updatedAt: [sql`p.updated_at`, 'timestamp'],
});

/** The trace of API.md in one statement: one row, `body`, the answer as JSON text. */
export function traceStatement(direction: Direction, rootIds: string[]): SQL {
  const receipts =
    direction === 'backward'
      ? jsonArray(
          jsonObject({
            licensePlateId: [sql`p.id`, 'id'],
            receiptId: [sql`r.id`, 'id'],
            supplierId: [sql`r.supplier_id`, 'id?'],
            purchaseOrderId: [sql`r.purchase_order_id`, 'id?'],
          }),
          sql`plates p join receipts r on r.org_id = p.org_id and r.id = p.receipt_id`,
          sql`p.id`,
        )
      : sql`'[]'`;
  const shipments =
    direction === 'forward'
      ? jsonArray(
          jsonObject({
            licensePlateId: [sql`sl.license_plate_id`, 'id'],
            shipmentId: [sql`s.id`, 'id'],
            customerId: [sql`s.customer_id`, 'id'],
            shipDate: [sql`s.ship_date`, 'date?'],
          }),
          sql`plates p join shipment_lines sl on sl.org_id = p.org_id and sl.license_plate_id = p.id join shipments s on s.org_id = sl.org_id and s.id = sl.shipment_id
            where p.status = 'shipped'`,
          sql`s.id, sl.line_no`,
        )
      : sql`'[]'`;
  return sql`${reachedFrom(direction, rootIds)}
    select ${jsonObject({
      direction: [sql`${direction}::text`, 'enum'],
      roots: [sql`${JSON.stringify(rootIds)}::text`, 'json'],
      licensePlates: [jsonArray(plateJson, sql`plates p`, sql`p.id`), 'json'],
      links: [linksJson, 'json'],
      receipts: [receipts, 'json'],
      shipments: [shipments, 'json'],
      depthLimitReached: [depthLimitReached, 'boolean'],
    })} as body`;
}

/** Runs the trace statement in the caller's transaction; answers the JSON text. */
export async function selectTraceJson(tx: Tx, direction: Direction, rootIds: string[]): Promise<string> {
  await tx.execute(traceSettings);
  return (await tx.execute(traceStatement(direction, rootIds))).rows[0]!.body as string;
}

/** A recall in one statement: the forward walk, every LP with product and place, every shipment with customer (JSON text). */
export function recallStatement(start: { productId: string; lot: string }, rootIds: string[]): SQL {
  const plate = jsonObject({
    id: [sql`p.id`, 'id'],
    number: [sql`p.number`, 'text'],
    productId: [sql`p.product_id`, 'id'],
    productCode: [sql`pr.code`, 'text'],
    productName: [sql`pr.name`, 'text'],
    lot: [sql`p.lot`, 'text'],
    expiryDate: [sql`p.expiry_date`, 'date?'],
    qty: [sql`p.qty`, 'number'],
    uom: [sql`p.uom`, 'enum'],
    status: [sql`p.status`, 'enum'],
    qaStatus: [sql`p.qa_status`, 'enum'],
    locationId: [sql`p.location_id`, 'id'],
    locationCode: [sql`l.code`, 'text'],
    warehouseCode: [sql`w.code`, 'text'],
  });
  const shipment = jsonObject({
    shipmentId: [sql`shipment_id`, 'id'],
    shipmentNumber: [sql`shipment_number`, 'text'],
    shipDate: [sql`ship_date`, 'date?'],
    customerId: [sql`customer_id`, 'id'],
    customerCode: [sql`customer_code`, 'text'],
    customerName: [sql`customer_name`, 'text'],
    licensePlateId: [sql`lp_id`, 'id'],
    licensePlateNumber: [sql`lp_number`, 'text'],
    productId: [sql`product_id`, 'id'],
    productCode: [sql`product_code`, 'text'],
    lot: [sql`lot`, 'text'],
    qty: [sql`qty`, 'number'],
  });
  const customer = jsonObject({ id: [sql`customer_id`, 'id'], code: [sql`customer_code`, 'text'], name: [sql`customer_name`, 'text'] });
  return sql`${reachedFrom('forward', rootIds)},
    shipped as materialized (
      select s.id as shipment_id, s.number as shipment_number, s.ship_date, c.id as customer_id, c.code as customer_code, c.name as customer_name,
             p.id as lp_id, p.number as lp_number, sl.product_id, pr.code as product_code, sl.lot, sl.qty, sl.line_no
      from plates p
      join shipment_lines sl on sl.org_id = p.org_id and sl.license_plate_id = p.id
      join shipments s on s.org_id = sl.org_id and s.id = sl.shipment_id
      join customers c on c.org_id = s.org_id and c.id = s.customer_id
      join products pr on pr.org_id = sl.org_id and pr.id = sl.product_id
      where p.status = 'shipped')
    select ${jsonObject({
      productId: [sql`${start.productId}::uuid`, 'id'],
      lot: [sql`${start.lot}::text`, 'text'],
      roots: [sql`${JSON.stringify(rootIds)}::text`, 'json'],
      licensePlates: [
        jsonArray(
          plate,
          sql`plates p
            join products pr on pr.org_id = p.org_id and pr.id = p.product_id
            join locations l on l.org_id = p.org_id and l.id = p.location_id
            join warehouses w on w.org_id = l.org_id and w.id = l.warehouse_id`,
          sql`p.id`,
        ),
        'json',
      ],
      shipments: [jsonArray(shipment, sql`shipped`, sql`shipment_number, line_no`), 'json'],
      customers: [jsonArray(customer, sql`(select distinct customer_id, customer_code, customer_name from shipped) c`, sql`customer_code`), 'json'],
      depthLimitReached: [depthLimitReached, 'boolean'],
    })} as body`;
}

export async function selectRecallJson(tx: Tx, start: { productId: string; lot: string }, rootIds: string[]): Promise<string> {
  await tx.execute(traceSettings);
  return (await tx.execute(recallStatement(start, rootIds))).rows[0]!.body as string;
}

/** The LPs a trace starts from: one LP by id, or every LP of a product's lot (id order). */
export async function selectRootIds(tx: Tx, start: { licensePlateId?: string; productId?: string; lot?: string }): Promise<string[]> {
  const result = start.licensePlateId
    ? await tx.execute(sql`select id from license_plates where id = ${start.licensePlateId}`)
    : await tx.execute(sql`select id from license_plates where product_id = ${start.productId!} and lot = ${start.lot!} order by id`);
  return result.rows.map((row) => row.id as string);
}

export async function productExists(tx: Tx, id: string): Promise<boolean> {
  return (await tx.execute(sql`select 1 from products where id = ${id}`)).rows.length > 0;
}
