import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import type { Direction, Recall, Trace } from './trace.schema.js';

// Trace and recall: read-only over the warehouse's LPs and lineage links and shipping's
// shipments. Each direction is ONE recursive query over lp_links, which is indexed on
// both ends (lp_links_from_idx for forward, lp_links_to_idx for backward):
//   * the recursion carries only (LP id, depth); UNION (not UNION ALL) drops a row already
//     produced, so a diamond is walked once per depth and a cycle cannot run forever,
//   * the depth limit stops any chain at MAX_TRACE_DEPTH, far above real recipes
//     (raw → intermediate → finished → splits is a handful of levels),
//   * the details (LPs, links, receipts, shipments) are fetched once per distinct LP after
//     the walk, and built into JSON by PostgreSQL in the same statement.

export const MAX_TRACE_DEPTH = 100;

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The walk: `reached` holds (lp_id, depth) from the roots along lp_links in the direction
 * asked; `ids` is each distinct LP reached (materialized once, used by every detail below).
 */
export function reachedFrom(direction: Direction, rootIds: string[]): SQL {
  const step =
    direction === 'forward'
      ? sql`select l.to_lp_id, r.depth + 1 from reached r join lp_links l on l.from_lp_id = r.lp_id where r.depth < ${MAX_TRACE_DEPTH}`
      : sql`select l.from_lp_id, r.depth + 1 from reached r join lp_links l on l.to_lp_id = r.lp_id where r.depth < ${MAX_TRACE_DEPTH}`;
  return sql`with recursive reached(lp_id, depth) as (
      select value::uuid, 0 from jsonb_array_elements_text(${JSON.stringify(rootIds)}::jsonb)
      union
      ${step}
    ),
    ids as materialized (select distinct lp_id as id from reached),
    plates as materialized (select lp.* from ids join license_plates lp on lp.id = ids.id)`;
}

/** The links followed: both ends reached, found from the side the walk came from. */
function linksFollowed(direction: Direction): SQL {
  const join =
    direction === 'forward'
      ? sql`ids f join lp_links l on l.from_lp_id = f.id join ids t on t.id = l.to_lp_id`
      : sql`ids t join lp_links l on l.to_lp_id = t.id join ids f on f.id = l.from_lp_id`;
  return sql`select coalesce(json_agg(json_build_object('from', l.from_lp_id, 'to', l.to_lp_id, 'type', l.type, 'workOrderId', l.work_order_id, 'qty', l.qty)
      order by l.from_lp_id, l.to_lp_id, l.id), '[]')::text from ${join}`;
}

const depthLimitReached = sql`exists (select 1 from reached where depth >= ${MAX_TRACE_DEPTH})`;

/** The trace of API.md in one statement: every LP reached, the links between them, and where the walk ends. */
export async function selectTrace(tx: Tx, direction: Direction, rootIds: string[]): Promise<Omit<Trace, 'direction' | 'roots'>> {
  const receipts =
    direction === 'backward'
      ? sql`(select coalesce(json_agg(json_build_object('licensePlateId', p.id, 'receiptId', r.id, 'supplierId', r.supplier_id, 'purchaseOrderId', r.purchase_order_id)
            order by p.id), '[]')::text
          from plates p join receipts r on r.org_id = p.org_id and r.id = p.receipt_id)`
      : sql`'[]'`;
  const shipments =
    direction === 'forward'
      ? sql`(select coalesce(json_agg(json_build_object('licensePlateId', sl.license_plate_id, 'shipmentId', s.id, 'customerId', s.customer_id, 'shipDate', s.ship_date)
            order by s.id, sl.line_no), '[]')::text
          from ids join shipment_lines sl on sl.license_plate_id = ids.id join shipments s on s.org_id = sl.org_id and s.id = sl.shipment_id)`
      : sql`'[]'`;
  const result = await tx.execute(sql`${reachedFrom(direction, rootIds)}
    select
      (select coalesce(json_agg(json_build_object('id', p.id, 'number', p.number, 'productId', p.product_id, 'lot', p.lot, 'expiryDate', p.expiry_date,
          'qty', p.qty, 'uom', p.uom, 'status', p.status, 'qaStatus', p.qa_status, 'locationId', p.location_id,
          'createdAt', ${iso(sql`p.created_at`)}, 'updatedAt', ${iso(sql`p.updated_at`)}) order by p.id), '[]')::text from plates p) as plates,
      (${linksFollowed(direction)}) as links,
      ${receipts} as receipts,
      ${shipments} as shipments,
      ${depthLimitReached} as depth_limit_reached`);
  const row = result.rows[0]!;
  return {
    licensePlates: JSON.parse(row.plates as string),
    links: JSON.parse(row.links as string),
    receipts: JSON.parse(row.receipts as string),
    shipments: JSON.parse(row.shipments as string),
    depthLimitReached: row.depth_limit_reached as boolean,
  };
}

/** A recall in one statement: the forward walk, every LP with product and place, every shipment with customer. */
export async function selectRecall(tx: Tx, rootIds: string[]): Promise<Pick<Recall, 'licensePlates' | 'shipments' | 'customers' | 'depthLimitReached'>> {
  const result = await tx.execute(sql`${reachedFrom('forward', rootIds)},
    shipped as materialized (
      select s.id as shipment_id, s.number as shipment_number, s.ship_date, c.id as customer_id, c.code as customer_code, c.name as customer_name,
             p.id as lp_id, p.number as lp_number, sl.product_id, pr.code as product_code, sl.lot, sl.qty, sl.line_no
      from plates p
      join shipment_lines sl on sl.org_id = p.org_id and sl.license_plate_id = p.id
      join shipments s on s.org_id = sl.org_id and s.id = sl.shipment_id
      join customers c on c.org_id = s.org_id and c.id = s.customer_id
      join products pr on pr.org_id = sl.org_id and pr.id = sl.product_id)
    select
      (select coalesce(json_agg(json_build_object('id', p.id, 'number', p.number, 'productId', p.product_id, 'productCode', pr.code, 'productName', pr.name,
          'lot', p.lot, 'expiryDate', p.expiry_date, 'qty', p.qty, 'uom', p.uom, 'status', p.status, 'qaStatus', p.qa_status,
          'locationId', p.location_id, 'locationCode', l.code, 'warehouseCode', w.code) order by p.id), '[]')::text
        from plates p
        join products pr on pr.org_id = p.org_id and pr.id = p.product_id
        join locations l on l.org_id = p.org_id and l.id = p.location_id
        join warehouses w on w.org_id = l.org_id and w.id = l.warehouse_id) as plates,
      (select coalesce(json_agg(json_build_object('shipmentId', shipment_id, 'shipmentNumber', shipment_number, 'shipDate', ship_date,
          'customerId', customer_id, 'customerCode', customer_code, 'customerName', customer_name, 'licensePlateId', lp_id,
          'licensePlateNumber', lp_number, 'productId', product_id, 'productCode', product_code, 'lot', lot, 'qty', qty)
          order by shipment_number, line_no), '[]')::text from shipped) as shipments,
      (select coalesce(json_agg(json_build_object('id', customer_id, 'code', customer_code, 'name', customer_name) order by customer_code), '[]')::text
        from (select distinct customer_id, customer_code, customer_name from shipped) c) as customers,
      ${depthLimitReached} as depth_limit_reached`);
  const row = result.rows[0]!;
  return {
    licensePlates: JSON.parse(row.plates as string),
    shipments: JSON.parse(row.shipments as string),
    customers: JSON.parse(row.customers as string),
    depthLimitReached: row.depth_limit_reached as boolean,
  };
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
