import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { Consumption, Output } from './work-order.schema.js';

// Queries over an order's consumptions and outputs, and the genealogy pairs they imply.

const consumptionColumns = sql`id, work_order_id, license_plate_id, product_id, qty, reversed, reversed_at, created_at`;

/** A consumption with its quantity kept exact, for giving it back on reversal. */
export interface ConsumptionRecord extends Consumption {
  exactQty: string;
}

const toConsumption = (row: Row): ConsumptionRecord => ({
  id: row.id as string,
  workOrderId: row.work_order_id as string,
  licensePlateId: row.license_plate_id as string,
  productId: row.product_id as string,
  qty: decimal(row.qty as string),
  reversed: row.reversed as boolean,
  reversedAt: toIso((row.reversed_at as string | null) ?? null),
  createdAt: toIso(row.created_at as string),
  exactQty: row.qty as string,
});

export function publicConsumption(record: ConsumptionRecord): Consumption {
  const { exactQty: _exactQty, ...consumption } = record;
  return consumption;
}

export async function insertConsumption(
  tx: Tx,
  orgId: string,
  consumption: { workOrderId: string; licensePlateId: string; productId: string; qty: string },
): Promise<ConsumptionRecord> {
  const result = await tx.execute(sql`insert into work_order_consumptions (org_id, work_order_id, license_plate_id, product_id, qty)
    values (${orgId}, ${consumption.workOrderId}, ${consumption.licensePlateId}, ${consumption.productId}, ${consumption.qty}::numeric)
    returning ${consumptionColumns}`);
  return toConsumption(result.rows[0]!);
}

/** Reads and row-locks one consumption of the order; null when the order has no such consumption. */
export async function lockConsumption(tx: Tx, workOrderId: string, id: string): Promise<ConsumptionRecord | null> {
  const result = await tx.execute(sql`select ${consumptionColumns} from work_order_consumptions
    where id = ${id} and work_order_id = ${workOrderId} for update`);
  return result.rows[0] ? toConsumption(result.rows[0]) : null;
}

export async function markReversed(tx: Tx, id: string, userId: string): Promise<ConsumptionRecord> {
  const result = await tx.execute(sql`update work_order_consumptions set reversed = true, reversed_at = now(), reversed_by = ${userId}
    where id = ${id} returning ${consumptionColumns}`);
  return toConsumption(result.rows[0]!);
}

export async function selectConsumptions(tx: Tx, workOrderId: string): Promise<Consumption[]> {
  const result = await tx.execute(sql`select ${consumptionColumns} from work_order_consumptions where work_order_id = ${workOrderId} order by id`);
  return result.rows.map((row) => publicConsumption(toConsumption(row)));
}

export async function insertOutput(tx: Tx, orgId: string, output: { workOrderId: string; licensePlateId: string; qty: string; userId: string }): Promise<void> {
  await tx.execute(sql`insert into work_order_outputs (org_id, work_order_id, license_plate_id, qty, created_by)
    values (${orgId}, ${output.workOrderId}, ${output.licensePlateId}, ${output.qty}::numeric, ${output.userId})`);
}

export async function selectOutputs(tx: Tx, workOrderId: string): Promise<Output[]> {
  const result = await tx.execute(sql`select o.id, o.license_plate_id, lp.number, lp.lot, lp.expiry_date::text as expiry_date, o.qty, o.created_at
    from work_order_outputs o join license_plates lp on lp.org_id = o.org_id and lp.id = o.license_plate_id
    where o.work_order_id = ${workOrderId} order by o.id`);
  return result.rows.map((row) => ({
    id: row.id as string,
    licensePlateId: row.license_plate_id as string,
    number: row.number as string,
    lot: row.lot as string,
    expiryDate: (row.expiry_date as string | null) ?? null,
    qty: decimal(row.qty as string),
    createdAt: toIso(row.created_at as string),
  }));
}

/** Every LP the order has drawn from and not given back in full, with the quantity it drew (exact). */
export async function selectConsumedPlates(tx: Tx, workOrderId: string): Promise<{ licensePlateId: string; qty: string }[]> {
  const result = await tx.execute(sql`select license_plate_id, sum(qty)::text as qty from work_order_consumptions
    where work_order_id = ${workOrderId} and not reversed group by license_plate_id order by license_plate_id`);
  return result.rows.map((row) => ({ licensePlateId: row.license_plate_id as string, qty: row.qty as string }));
}

/** What the warehouse needs to check and link a draw: the order's material products and output LPs, in one round trip. */
export async function selectDrawScope(tx: Tx, workOrderId: string): Promise<{ materialProductIds: string[]; outputLicensePlateIds: string[] }> {
  const result = await tx.execute(sql`select
      coalesce((select json_agg(m.product_id) from work_order_materials m where m.work_order_id = ${workOrderId}), '[]') as materials,
      coalesce((select json_agg(o.license_plate_id order by o.id) from work_order_outputs o where o.work_order_id = ${workOrderId}), '[]') as outputs`);
  const row = result.rows[0]!;
  return { materialProductIds: row.materials as string[], outputLicensePlateIds: row.outputs as string[] };
}
