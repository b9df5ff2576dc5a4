import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { ShippedPlate } from '../warehouse/index.js';
import type { ListShipmentsQuery, Shipment, ShippedPlateLine } from './shipment.schema.js';

const columns = sql`id, number, customer_id, ship_date, created_at`;
type Header = Omit<Shipment, 'licensePlates'>;

const toHeader = (row: Row): Header => ({
  id: row.id as string,
  number: row.number as string,
  customerId: row.customer_id as string,
  shipDate: row.ship_date as string,
  createdAt: toIso(row.created_at as string),
});

/** Attaches the shipped LPs to shipment headers in one query. */
async function withPlates(tx: Tx, headers: Header[]): Promise<Shipment[]> {
  if (headers.length === 0) return [];
  const result = await tx.execute(sql`select sl.shipment_id, lp.id, lp.number, sl.product_id, sl.lot, lp.expiry_date, sl.qty, lp.uom
    from shipment_lines sl join license_plates lp on lp.org_id = sl.org_id and lp.id = sl.license_plate_id
    where sl.shipment_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(headers.map((h) => h.id))}::jsonb))
    order by sl.shipment_id, sl.line_no`);
  const toPlate = (row: Row): ShippedPlateLine => ({
    id: row.id as string,
    number: row.number as string,
    productId: row.product_id as string,
    lot: row.lot as string,
    expiryDate: (row.expiry_date as string | null) ?? null,
    qty: decimal(row.qty as string),
    uom: row.uom as string,
  });
  return headers.map((header) => ({ ...header, licensePlates: result.rows.filter((row) => row.shipment_id === header.id).map(toPlate) }));
}

export async function selectShipments(tx: Tx, filter: Omit<ListShipmentsQuery, 'cursor'> & { after: string | null }): Promise<Shipment[]> {
  const result = await tx.execute(sql`select ${columns} from shipments s
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${filter.customerId ?? null}::uuid is null or customer_id = ${filter.customerId ?? null}::uuid)
      and (${filter.licensePlateId ?? null}::uuid is null or exists (
        select 1 from shipment_lines sl where sl.shipment_id = s.id and sl.license_plate_id = ${filter.licensePlateId ?? null}::uuid))
    order by id limit ${filter.limit + 1}`);
  return withPlates(tx, result.rows.map(toHeader));
}

export async function selectShipment(tx: Tx, id: string): Promise<Shipment | null> {
  const result = await tx.execute(sql`select ${columns} from shipments where id = ${id}`);
  return result.rows[0] ? (await withPlates(tx, [toHeader(result.rows[0])]))[0]! : null;
}

export async function selectCustomerState(tx: Tx, id: string): Promise<{ code: string; active: boolean } | null> {
  const result = await tx.execute(sql`select code, active from customers where id = ${id}`);
  return result.rows[0] ? { code: result.rows[0].code as string, active: result.rows[0].active as boolean } : null;
}

export async function insertShipment(tx: Tx, orgId: string, shipment: { number: string; customerId: string; shipDate: string }): Promise<string> {
  const result = await tx.execute(sql`insert into shipments (org_id, number, customer_id, ship_date)
    values (${orgId}, ${shipment.number}, ${shipment.customerId}, ${shipment.shipDate}) returning id`);
  return result.rows[0]!.id as string;
}

export async function insertShipmentLines(tx: Tx, orgId: string, shipmentId: string, plates: ShippedPlate[]): Promise<void> {
  const rows = plates.map((lp, index) => ({ line_no: index + 1, license_plate_id: lp.id, product_id: lp.productId, lot: lp.lot, qty: lp.shippedQty }));
  await tx.execute(sql`insert into shipment_lines (org_id, shipment_id, line_no, license_plate_id, product_id, lot, qty)
    select ${orgId}, ${shipmentId}, r.line_no, r.license_plate_id, r.product_id, r.lot, r.qty
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(line_no integer, license_plate_id uuid, product_id uuid, lot text, qty numeric)`);
}

/** Where shipped LPs went: shipment, customer and date, for trace. */
export async function selectShipmentDestinations(tx: Tx, licensePlateIds: string[]) {
  const result = await tx.execute(sql`select sl.license_plate_id, s.id as shipment_id, s.customer_id, s.ship_date
    from shipment_lines sl join shipments s on s.org_id = sl.org_id and s.id = sl.shipment_id
    where sl.license_plate_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(licensePlateIds)}::jsonb))`);
  return result.rows.map((row) => ({
    licensePlateId: row.license_plate_id as string,
    shipmentId: row.shipment_id as string,
    customerId: row.customer_id as string,
    shipDate: row.ship_date as string,
  }));
}
