import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/database.js';
import { queryRow, queryRows } from '../../platform/db/rows.js';
import { locations, warehouses } from '../settings/tables.js';
import { customers, shipmentLines, shipments } from '../shipping/tables.js';
import { products } from '../technical/tables.js';
import { licensePlates, lpLinks, receipts, stockMoves } from '../warehouse/tables.js';
import { lotsReachedFrom } from './lot-walk.queries.js';
import { jsonArray, jsonObject, type JsonKind } from './trace.json.js';
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

// The owners' tables under the aliases the statements use: a column is written as `${p.qty}`
// (rendered "p"."qty"), so a renamed column fails the typecheck. `p` is also the `plates`
// CTE, which holds license_plates' own columns; the walk's CTEs (reached, ids, links,
// shipped, lots...) name their columns themselves.
const l = alias(lpLinks, 'l');
const lp = alias(licensePlates, 'lp');
const p = alias(licensePlates, 'p');
const pr = alias(products, 'pr');
const ppr = alias(products, 'ppr');
const receipt = alias(receipts, 'r');
const s = alias(shipments, 's');
const sl = alias(shipmentLines, 'sl');
const c = alias(customers, 'c');
const loc = alias(locations, 'l');
const w = alias(warehouses, 'w');
const m = alias(stockMoves, 'm');

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
  const [next, along] = direction === 'forward' ? [l.toLpId, l.fromLpId] : [l.fromLpId, l.toLpId];
  return sql`with recursive reached(lp_id, depth, link_id, from_lp_id, to_lp_id, type, work_order_id, qty) as (
      select value::uuid, 0, null::uuid, null::uuid, null::uuid, null::text, null::uuid, null::numeric
      from jsonb_array_elements_text(${JSON.stringify(rootIds)}::jsonb)
      union
      select ${next}, r.depth + 1, ${l.id}, ${l.fromLpId}, ${l.toLpId}, ${l.type}, ${l.workOrderId}, ${l.qty}
      from (select distinct lp_id, depth from reached) r join ${lpLinks} ${l} on ${along} = r.lp_id
      where r.depth < ${MAX_TRACE_DEPTH}
    ),
    ids as materialized (select distinct lp_id as id from reached),
    links as materialized (select distinct link_id as id, from_lp_id, to_lp_id, type, work_order_id, qty from reached where link_id is not null),
    plates as materialized (select ${lp}.* from ids join ${licensePlates} ${lp} on ${lp.id} = ids.id)`;
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
  id: [sql`${p.id}`, 'id'],
  number: [sql`${p.number}`, 'text'],
  productId: [sql`${p.productId}`, 'id'],
  lot: [sql`${p.lot}`, 'text'],
  expiryDate: [sql`${p.expiryDate}`, 'date?'],
  qty: [sql`${p.qty}`, 'number'],
  uom: [sql`${p.uom}`, 'enum'],
  status: [sql`${p.status}`, 'enum'],
  qaStatus: [sql`${p.qaStatus}`, 'enum'],
  locationId: [sql`${p.locationId}`, 'id'],
  createdAt: [sql`${p.createdAt}`, 'timestamp'],
  updatedAt: [sql`${p.updatedAt}`, 'timestamp'],
});

/** The trace of API.md in one statement: one row, `body`, the answer as JSON text. */
export function traceStatement(direction: Direction, rootIds: string[]): SQL {
  const receiptsJson =
    direction === 'backward'
      ? jsonArray(
          jsonObject({
            licensePlateId: [sql`${p.id}`, 'id'],
            receiptId: [sql`${receipt.id}`, 'id'],
            supplierId: [sql`${receipt.supplierId}`, 'id?'],
            purchaseOrderId: [sql`${receipt.purchaseOrderId}`, 'id?'],
          }),
          sql`plates ${p} join ${receipts} ${receipt} on ${receipt.orgId} = ${p.orgId} and ${receipt.id} = ${p.receiptId}`,
          sql`${p.id}`,
        )
      : sql`'[]'`;
  const shipmentsJson =
    direction === 'forward'
      ? jsonArray(
          jsonObject({
            licensePlateId: [sql`${sl.licensePlateId}`, 'id'],
            shipmentId: [sql`${s.id}`, 'id'],
            customerId: [sql`${s.customerId}`, 'id'],
            shipDate: [sql`${s.shipDate}`, 'date?'],
          }),
          sql`plates ${p} join ${shipmentLines} ${sl} on ${sl.orgId} = ${p.orgId} and ${sl.licensePlateId} = ${p.id}
            join ${shipments} ${s} on ${s.orgId} = ${sl.orgId} and ${s.id} = ${sl.shipmentId}
            where ${p.status} = 'shipped'`,
          sql`${s.id}, ${sl.lineNo}`,
        )
      : sql`'[]'`;
  return sql`${reachedFrom(direction, rootIds)}
    select ${jsonObject({
      direction: [sql`${direction}::text`, 'enum'],
      roots: [sql`${JSON.stringify(rootIds)}::text`, 'json'],
      licensePlates: [jsonArray(plateJson, sql`plates ${p}`, sql`${p.id}`), 'json'],
      links: [linksJson, 'json'],
      receipts: [receiptsJson, 'json'],
      shipments: [shipmentsJson, 'json'],
      depthLimitReached: [depthLimitReached, 'boolean'],
    })} as body`;
}

/** A statement that answers one row: the answer as JSON text. */
type JsonAnswer = { body: string };

/** Runs the trace statement in the caller's transaction; answers the JSON text. */
export async function selectTraceJson(tx: Tx, direction: Direction, rootIds: string[]): Promise<string> {
  await tx.execute(traceSettings);
  return (await queryRow<JsonAnswer>(tx, traceStatement(direction, rootIds)))!.body;
}

/** The recall's rows, shared by the whole-answer statement and the streamed one. */
const recallPlate = jsonObject({
  id: [sql`${p.id}`, 'id'],
  number: [sql`${p.number}`, 'text'],
  productId: [sql`${p.productId}`, 'id'],
  productCode: [sql`${pr.code}`, 'text'],
  productName: [sql`${pr.name}`, 'text'],
  lot: [sql`${p.lot}`, 'text'],
  expiryDate: [sql`${p.expiryDate}`, 'date?'],
  qty: [sql`${p.qty}`, 'number'],
  uom: [sql`${p.uom}`, 'enum'],
  status: [sql`${p.status}`, 'enum'],
  qaStatus: [sql`${p.qaStatus}`, 'enum'],
  locationId: [sql`${p.locationId}`, 'id'],
  locationCode: [sql`${loc.code}`, 'text'],
  warehouseCode: [sql`${w.code}`, 'text'],
});
/**
 * The CSV cells of an LP row (recallCsvHeader's columns), as a JSON array: qty a number, the rest
 * text or null. Only a plate still in the plant (available) has a warehouse and location: a
 * shipped or consumed one is no longer where it was last booked.
 */
const stillAt = (code: SQL) => sql`case when ${p.status} = 'available' then ${code} end`;
const recallPlateCells = sql`json_build_array('license_plate', ${p.number}, ${pr.code}, ${pr.name}, ${p.lot}, ${p.expiryDate}::text, ${p.qty}, ${p.uom}, ${p.status}, ${p.qaStatus},
  ${stillAt(sql`${w.code}`)}, ${stillAt(sql`${loc.code}`)}, null, null, null, null)::text`;
const recallPlatesFrom = sql`plates ${p}
  join ${products} ${pr} on ${pr.orgId} = ${p.orgId} and ${pr.id} = ${p.productId}
  join ${locations} ${loc} on ${loc.orgId} = ${p.orgId} and ${loc.id} = ${p.locationId}
  join ${warehouses} ${w} on ${w.orgId} = ${loc.orgId} and ${w.id} = ${loc.warehouseId}`;
const recallShipment = jsonObject({
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
/** A shipment line's CSV cells: the line's own product code, lot and qty; the LP's product name, expiry, unit and QA status. */
const recallShipmentCells = sql`json_build_array('shipment', lp_number, product_code, lp_product_name, lot, lp_expiry_date::text, qty, lp_uom, 'shipped', lp_qa_status, null, null,
  shipment_number, ship_date::text, customer_code, customer_name)::text`;
const recallShipmentOrder = sql`shipment_number, line_no`;
const recallCustomer = jsonObject({ id: [sql`customer_id`, 'id'], code: [sql`customer_code`, 'text'], name: [sql`customer_name`, 'text'] });
const recallCustomersFrom = sql`(select distinct customer_id, customer_code, customer_name from shipped) c`;
const recallHeader = (start: { productId: string; lot: string }, rootIds: string[]) => ({
  productId: [sql`${start.productId}::uuid`, 'id'],
  lot: [sql`${start.lot}::text`, 'text'],
  roots: [sql`${JSON.stringify(rootIds)}::text`, 'json'],
}) satisfies Record<string, [SQL, JsonKind]>;

/** The forward walk and every shipment line that carried a reached LP, with customer and the LP's own details. */
function recallWalk(rootIds: string[]): SQL {
  return sql`${reachedFrom('forward', rootIds)},
    shipped as materialized (
      select ${s.id} as shipment_id, ${s.number} as shipment_number, ${s.shipDate} as ship_date,
             ${c.id} as customer_id, ${c.code} as customer_code, ${c.name} as customer_name,
             ${p.id} as lp_id, ${p.number} as lp_number, ${sl.productId} as product_id, ${pr.code} as product_code, ${sl.lot} as lot, ${sl.qty} as qty, ${sl.lineNo} as line_no,
             ${ppr.name} as lp_product_name, ${p.expiryDate} as lp_expiry_date, ${p.uom} as lp_uom, ${p.qaStatus} as lp_qa_status
      from plates ${p}
      join ${shipmentLines} ${sl} on ${sl.orgId} = ${p.orgId} and ${sl.licensePlateId} = ${p.id}
      join ${shipments} ${s} on ${s.orgId} = ${sl.orgId} and ${s.id} = ${sl.shipmentId}
      join ${customers} ${c} on ${c.orgId} = ${s.orgId} and ${c.id} = ${s.customerId}
      join ${products} ${pr} on ${pr.orgId} = ${sl.orgId} and ${pr.id} = ${sl.productId}
      join ${products} ${ppr} on ${ppr.orgId} = ${p.orgId} and ${ppr.id} = ${p.productId}
      where ${p.status} = 'shipped')`;
}

/**
 * A recall in one statement, the whole answer as one JSON text: what the recall answered
 * before it streamed. The streamed recall must answer exactly these bytes (trace.test.ts),
 * and the bench times this statement as the SQL alone.
 */
export function recallStatement(start: { productId: string; lot: string }, rootIds: string[]): SQL {
  return sql`${recallWalk(rootIds)}
    select ${jsonObject({
      ...recallHeader(start, rootIds),
      licensePlates: [jsonArray(recallPlate, recallPlatesFrom, sql`${p.id}`), 'json'],
      shipments: [jsonArray(recallShipment, sql`shipped`, recallShipmentOrder), 'json'],
      customers: [jsonArray(recallCustomer, recallCustomersFrom, sql`customer_code`), 'json'],
      depthLimitReached: [depthLimitReached, 'boolean'],
    })} as body`;
}

export const recallCsvHeader = ['record', 'licensePlateNumber', 'productCode', 'productName', 'lot', 'expiryDate', 'qty', 'uom', 'status', 'qaStatus', 'warehouse', 'location', 'shipmentNumber', 'shipDate', 'customerCode', 'customerName'];

/** Parts of the streamed recall, in answer order. */
export type RecallPart = 'header' | 'licensePlates' | 'shipments' | 'customers' | 'depthLimitReached';
export const recallParts: RecallPart[] = ['header', 'licensePlates', 'shipments', 'customers', 'depthLimitReached'];

/**
 * The recall as rows to stream, in answer order: one walk, then `part` and `body` per row.
 * JSON: the header object ({ productId, lot, roots }), each LP, shipment line and customer
 * as its JSON text, then `true`/`false` for the depth limit. CSV: each LP and shipment line
 * as a JSON array of its cells (recallCsvHeader), nothing else.
 */
export function recallRowsStatement(start: { productId: string; lot: string }, rootIds: string[], format: 'json' | 'csv'): SQL {
  const part = (name: RecallPart) => sql.raw(String(recallParts.indexOf(name)));
  const rows =
    format === 'json'
      ? sql`select ${part('header')} as part, 0::bigint as n, ${jsonObject(recallHeader(start, rootIds))} as body
        union all select ${part('licensePlates')}, row_number() over (order by ${p.id}), ${recallPlate} from ${recallPlatesFrom}
        union all select ${part('shipments')}, row_number() over (order by ${recallShipmentOrder}), ${recallShipment} from shipped
        union all select ${part('customers')}, row_number() over (order by customer_code), ${recallCustomer} from ${recallCustomersFrom}
        union all select ${part('depthLimitReached')}, 0, case when ${depthLimitReached} then 'true' else 'false' end`
      : sql`select ${part('licensePlates')} as part, row_number() over (order by ${p.id}) as n, ${recallPlateCells} as body from ${recallPlatesFrom}
        union all select ${part('shipments')}, row_number() over (order by ${recallShipmentOrder}), ${recallShipmentCells} from shipped`;
  return sql`${recallWalk(rootIds)}
    select part, body from (${rows}) answer order by part, n`;
}

/** A streamed row of the recall: the index of its part (recallParts) and its text. */
export type RecallRow = { part: number; body: string };

/** Which part of the answer a streamed row belongs to. */
export const recallPartOf = (row: RecallRow): RecallPart => recallParts[row.part]!;

/**
 * Runs a statement through a cursor in the caller's transaction, a batch of rows at a
 * time, so a big answer never sits whole in this process. The cursor closes with the
 * transaction.
 */
export async function* selectInBatches(tx: Tx, statement: SQL, batchSize: number): AsyncGenerator<RecallRow[]> {
  await tx.execute(traceSettings);
  await tx.execute(sql`declare recall_rows no scroll cursor for ${statement}`);
  for (;;) {
    const rows = await queryRows<RecallRow>(tx, sql.raw(`fetch forward ${batchSize} from recall_rows`));
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

/**
 * The lot-level recall in one statement. It walks lots, not plates: lot_links (the warehouse's
 * projection of lp_links onto product and lot) from the suspect lot, each lot once (UNION on
 * (product, lot), so a cycle between lots ends by itself). The hot lot of the bench reaches
 * ~2,000 lots this way instead of ~9,300 LPs over ~14,000 links. Then, per lot reached, over
 * all of its LPs (the lot is what is recalled):
 *   * produced: the ledger's `receipt` and `output` moves of the lot's LPs (the quantity each
 *     came into being with; a split LP is part of its parent, so has none), probed by
 *     stock_moves_license_plate_idx,
 *   * on hand: its LPs with status `available`, by location,
 *   * shipped: the shipment lines of the lot (shipment_lines_product_lot_idx; a line carries
 *     its LP's product and lot), by customer.
 * Where every LP of a reached lot was itself made from the suspect lot (the default: an
 * order's outputs take the order's number as lot, and splits and merges stay in their lot),
 * this is exactly the LP-level walk aggregated per lot (trace.property.test.ts); where a lot
 * also holds LPs made from something else (a lot number given to two orders' outputs), the
 * whole lot is counted, and so are the lots made from those LPs.
 * Every part is materialized, and the parts meet in one GROUP BY (per_lot) rather than joins:
 * the planner cannot estimate a CTE over the walk (it guesses a few rows), so it would join the
 * parts to the ~2,000 reached lots in nested loops; grouping a union of them needs no estimate.
 */
export function recallSummaryStatement(start: { productId: string; lot: string }): SQL {
  const place = jsonObject({ locationId: [sql`location_id`, 'id'], locationCode: [sql`location_code`, 'text'], qty: [sql`qty`, 'number'], licensePlates: [sql`plates`, 'number'] });
  const receiver = jsonObject({ customerId: [sql`customer_id`, 'id'], customerCode: [sql`customer_code`, 'text'], customerName: [sql`customer_name`, 'text'], qty: [sql`qty`, 'number'] });
  const lot = jsonObject({
    productId: [sql`per_lot.product_id`, 'id'],
    productCode: [sql`${pr.code}`, 'text'],
    productName: [sql`${pr.name}`, 'text'],
    lot: [sql`per_lot.lot`, 'text'],
    producedQty: [sql`coalesce(per_lot.produced_qty, 0::numeric(18, 6))`, 'number'],
    onHand: [sql`coalesce(per_lot.on_hand, '[]')`, 'json'],
    shipped: [sql`coalesce(per_lot.shipped, '[]')`, 'json'],
  });
  // A contact field is written only when the customer has it (API.md: email?, phone?).
  const contact = (name: string, column: SQL) => sql`coalesce(${`,"${name}":`} || to_json(${column})::text, '')`;
  const customer = sql`concat('{"id":"', ${c.id}, '","code":', to_json(${c.code})::text, ',"name":', to_json(${c.name})::text, ${contact('contactName', sql`${c.contactName}`)}, ${contact('email', sql`${c.email}`)}, ${contact('phone', sql`${c.phone}`)}, '}')`;
  return sql`${lotsReachedFrom(start, { plates: true })},
    produced as materialized (
      select ${p.productId} as product_id, ${p.lot} as lot, sum(${m.qtyChange}) as qty
      from plates ${p} join ${stockMoves} ${m} on ${m.orgId} = ${p.orgId} and ${m.licensePlateId} = ${p.id} and ${m.type} in ('receipt', 'output')
      where ${p.origin} in ('receipt', 'output')
      group by ${p.productId}, ${p.lot}),
    by_place as materialized (
      select ${p.productId} as product_id, ${p.lot} as lot, ${p.locationId} as location_id, sum(${p.qty}) as qty, count(*) as plates
      from plates ${p} where ${p.status} = 'available'
      group by ${p.productId}, ${p.lot}, ${p.locationId}),
    places as materialized (
      select ${loc.id} as id, ${loc.code} as code from ${locations} ${loc} where ${loc.id} in (select location_id from by_place)),
    on_hand as materialized (
      select product_id, lot, '[' || string_agg(${place}, ',' order by location_code, location_id) || ']' as json
      from (select x.product_id, x.lot, x.location_id, places.code as location_code, x.qty, x.plates from by_place x join places on places.id = x.location_id) coded
      group by product_id, lot),
    lines as materialized (
      select ${sl.productId} as product_id, ${sl.lot} as lot, ${s.customerId} as customer_id, ${sl.qty} as qty
      from lots
      join ${shipmentLines} ${sl} on ${sl.productId} = lots.product_id and ${sl.lot} = lots.lot
      join ${shipments} ${s} on ${s.orgId} = ${sl.orgId} and ${s.id} = ${sl.shipmentId}),
    receivers as materialized (
      select ${c.id} as id, ${c.code} as code, ${c.name} as name, ${c.contactName} as contact_name, ${c.email} as email, ${c.phone} as phone
      from (select distinct customer_id from lines) x join ${customers} ${c} on ${c.id} = x.customer_id),
    shipped_to as materialized (
      select product_id, lot, '[' || string_agg(${receiver}, ',' order by customer_code, customer_id) || ']' as json
      from (select x.product_id, x.lot, x.customer_id, r.code as customer_code, r.name as customer_name, x.qty
            from (select product_id, lot, customer_id, sum(qty) as qty from lines group by product_id, lot, customer_id) x
            join receivers r on r.id = x.customer_id) by_customer
      group by product_id, lot),
    per_lot as materialized (
      select product_id, lot, max(produced_qty) as produced_qty, max(on_hand) as on_hand, max(shipped) as shipped
      from (select product_id, lot, null::numeric as produced_qty, null::text as on_hand, null::text as shipped from lots
            union all select product_id, lot, qty, null, null from produced
            union all select product_id, lot, null, json, null from on_hand
            union all select product_id, lot, null, null, json from shipped_to) parts
      group by product_id, lot)
    select ${jsonObject({
      productId: [sql`${start.productId}::uuid`, 'id'],
      lot: [sql`${start.lot}::text`, 'text'],
      lots: [
        jsonArray(
          lot,
          sql`per_lot join ${products} ${pr} on ${pr.id} = per_lot.product_id`,
          sql`(per_lot.product_id = ${start.productId}::uuid and per_lot.lot = ${start.lot}::text) desc, ${pr.code}, per_lot.lot`,
        ),
        'json',
      ],
      customers: [jsonArray(customer, sql`receivers ${c}`, sql`${c.code}`), 'json'],
    })} as body`;
}

export async function selectRecallSummaryJson(tx: Tx, start: { productId: string; lot: string }): Promise<string> {
  await tx.execute(traceSettings);
  return (await queryRow<JsonAnswer>(tx, recallSummaryStatement(start)))!.body;
}

/** The LPs a trace starts from: one LP by id, or every LP of a product's lot (id order). */
export async function selectRootIds(tx: Tx, start: { licensePlateId?: string; productId?: string; lot?: string }): Promise<string[]> {
  const which = start.licensePlateId ? eq(licensePlates.id, start.licensePlateId) : and(eq(licensePlates.productId, start.productId!), eq(licensePlates.lot, start.lot!));
  const rows = await tx.select({ id: licensePlates.id }).from(licensePlates).where(which).orderBy(licensePlates.id);
  return rows.map((row) => row.id);
}

export async function productExists(tx: Tx, id: string): Promise<boolean> {
  return (await tx.select({ id: products.id }).from(products).where(eq(products.id, id))).length > 0;
}
