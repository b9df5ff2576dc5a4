import { sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Row, Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import type { LicensePlate, ListLicensePlatesQuery, LpStatus, QaStatus } from './license-plate.schema.js';

// Queries over license_plates. Quantities go in as decimal strings and are computed in SQL.

const columns = sql`id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, created_at, updated_at`;

export const toLicensePlate = (row: Row): LicensePlate => ({
  id: row.id as string,
  number: row.number as string,
  productId: row.product_id as string,
  lot: row.lot as string,
  expiryDate: (row.expiry_date as string | null) ?? null,
  qty: decimal(row.qty as string),
  uom: row.uom as string,
  status: row.status as LpStatus,
  qaStatus: row.qa_status as QaStatus,
  locationId: row.location_id as string,
  createdAt: toIso(row.created_at as string),
  updatedAt: toIso(row.updated_at as string),
});

/** An LP as read under its row lock, with its quantity kept as the exact decimal string. */
export interface LockedLicensePlate extends LicensePlate {
  exactQty: string;
}

const toLocked = (row: Row): LockedLicensePlate => ({ ...toLicensePlate(row), exactQty: row.qty as string });

/** The LP as the API shows it. */
export function publicPlate(lp: LockedLicensePlate): LicensePlate {
  const { exactQty: _exactQty, ...plate } = lp;
  return plate;
}
const first = <T>(rows: Row[], map: (row: Row) => T): T | null => (rows[0] ? map(rows[0]) : null);
const idList = (ids: string[]) => sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

export async function selectLicensePlate(tx: Tx, id: string): Promise<LicensePlate | null> {
  return first((await tx.execute(sql`select ${columns} from license_plates where id = ${id}`)).rows, toLicensePlate);
}

/** The scanner's lookup: one probe of the (org_id, number) unique index. */
export const licensePlateByNumberSql = (number: string) => sql`select ${columns} from license_plates where number = ${number}`;

export async function selectLicensePlateByNumber(tx: Tx, number: string): Promise<LicensePlate | null> {
  return first((await tx.execute(licensePlateByNumberSql(number))).rows, toLicensePlate);
}

/** Reads and row-locks one LP until the transaction ends. */
export async function lockLicensePlate(tx: Tx, id: string): Promise<LockedLicensePlate | null> {
  return first((await tx.execute(sql`select ${columns} from license_plates where id = ${id} for update`)).rows, toLocked);
}

/** Row-locks several LPs, always in id order so that two lockers cannot deadlock. */
export async function lockLicensePlates(tx: Tx, ids: string[]): Promise<LockedLicensePlate[]> {
  const result = await tx.execute(sql`select ${columns} from license_plates where id in ${idList(ids)} order by id for update`);
  return result.rows.map(toLocked);
}

export type LicensePlateFilter = Omit<ListLicensePlatesQuery, 'cursor'> & { after: string | null; today: string | null };

export async function selectLicensePlates(tx: Tx, filter: LicensePlateFilter) {
  return (await tx.execute(licensePlatesSql(filter))).rows.map(toLicensePlate);
}

/** The list query (exported so a test can EXPLAIN exactly what runs). */
export function licensePlatesSql(filter: LicensePlateFilter) {
  const expiring = filter.expiringWithinDays ?? null;
  const expired = filter.expired === undefined ? null : filter.expired === 'true';
  // Expiry filters look at stock on hand unless a status is asked for.
  const status = filter.status ?? (expiring !== null || expired !== null ? 'available' : null);
  return sql`select ${columns} from license_plates
    where (${filter.after}::uuid is null or id > ${filter.after}::uuid)
      and (${filter.productId ?? null}::uuid is null or product_id = ${filter.productId ?? null}::uuid)
      and (${filter.lot ?? null}::text is null or lot = ${filter.lot ?? null})
      and (${status}::text is null or status = ${status})
      and (${filter.locationId ?? null}::uuid is null or location_id = ${filter.locationId ?? null}::uuid)
      and (${filter.qaStatus ?? null}::text is null or qa_status = ${filter.qaStatus ?? null})
      and (${expiring}::integer is null or (expiry_date >= ${filter.today}::date and expiry_date <= ${filter.today}::date + ${expiring}::integer))
      and (${expired}::boolean is null or coalesce(expiry_date < ${filter.today}::date, false) = ${expired}::boolean)
    order by id limit ${filter.limit + 1}`;
}

export interface NewLicensePlate {
  number: string;
  productId: string;
  lot: string;
  expiryDate: string | null;
  qty: string;
  uom: string;
  qaStatus: QaStatus;
  locationId: string;
  origin: 'receipt' | 'split' | 'output';
  receiptId?: string | null;
  receiptLineId?: string | null;
  workOrderId?: string | null;
}

/** Inserts LPs (in number order); their ledger rows must follow in the same transaction. */
export async function insertLicensePlates(tx: Tx, orgId: string, plates: NewLicensePlate[]): Promise<LockedLicensePlate[]> {
  const rows = plates.map((p) => ({
    number: p.number,
    product_id: p.productId,
    lot: p.lot,
    expiry_date: p.expiryDate,
    qty: p.qty,
    uom: p.uom,
    qa_status: p.qaStatus,
    location_id: p.locationId,
    origin: p.origin,
    receipt_id: p.receiptId ?? null,
    receipt_line_id: p.receiptLineId ?? null,
    work_order_id: p.workOrderId ?? null,
  }));
  const result = await tx.execute(sql`insert into license_plates
      (org_id, number, product_id, lot, expiry_date, qty, uom, qa_status, location_id, origin, receipt_id, receipt_line_id, work_order_id)
    select ${orgId}, r.number, r.product_id, r.lot, r.expiry_date, r.qty, r.uom, r.qa_status, r.location_id, r.origin, r.receipt_id, r.receipt_line_id, r.work_order_id
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(number text, product_id uuid, lot text, expiry_date date, qty numeric, uom text,
      qa_status text, location_id uuid, origin text, receipt_id uuid, receipt_line_id uuid, work_order_id uuid)
    returning ${columns}`);
  return result.rows.map(toLocked).sort((a, b) => a.number.localeCompare(b.number));
}

/** Takes qty off an available LP that holds more than qty (a split must leave something); null when it doesn't. */
export async function subtractForSplit(tx: Tx, id: string, qty: string): Promise<LockedLicensePlate | null> {
  const result = await tx.execute(sql`update license_plates set qty = qty - ${qty}::numeric
    where id = ${id} and status = 'available' and qty > ${qty}::numeric returning ${columns}`);
  return first(result.rows, toLocked);
}

/** Draws qty from an available LP holding at least qty; at 0 it becomes consumed. Null when it can't. */
export async function subtractForConsumption(tx: Tx, id: string, qty: string): Promise<LockedLicensePlate | null> {
  const result = await tx.execute(sql`update license_plates
    set qty = qty - ${qty}::numeric, status = case when qty = ${qty}::numeric then 'consumed' else status end
    where id = ${id} and status = 'available' and qty >= ${qty}::numeric returning ${columns}`);
  return first(result.rows, toLocked);
}

/** Adds qty to an LP and makes it available again (a reversed consumption, a merge target). */
export async function addQty(tx: Tx, id: string, qty: string): Promise<LockedLicensePlate> {
  const result = await tx.execute(sql`update license_plates set qty = qty + ${qty}::numeric, status = 'available'
    where id = ${id} returning ${columns}`);
  return toLocked(result.rows[0]!);
}

/** Sets a counted qty on a locked LP; answers the LP and the difference booked. */
export async function setCountedQty(tx: Tx, id: string, qty: string): Promise<{ plate: LockedLicensePlate; change: string }> {
  const result = await tx.execute(sql`update license_plates lp set qty = ${qty}::numeric
    from (select qty as old_qty from license_plates where id = ${id}) old
    where lp.id = ${id}
    returning lp.id, lp.number, lp.product_id, lp.lot, lp.expiry_date, lp.qty, lp.uom, lp.status, lp.qa_status, lp.location_id,
      lp.created_at, lp.updated_at, (lp.qty - old.old_qty)::text as qty_change`);
  const row = result.rows[0]!;
  return { plate: toLocked(row), change: row.qty_change as string };
}

/** Empties LPs into a final status (shipped, merged). */
export async function emptyLicensePlates(tx: Tx, ids: string[], status: 'shipped' | 'merged'): Promise<LockedLicensePlate[]> {
  const result = await tx.execute(sql`update license_plates set qty = 0, status = ${status}
    where id in ${idList(ids)} returning ${columns}`);
  return result.rows.map(toLocked);
}

export async function updateLocation(tx: Tx, id: string, locationId: string): Promise<LockedLicensePlate> {
  const result = await tx.execute(sql`update license_plates set location_id = ${locationId} where id = ${id} returning ${columns}`);
  return toLocked(result.rows[0]!);
}

export async function updateQaStatus(tx: Tx, id: string, qaStatus: QaStatus): Promise<LockedLicensePlate> {
  const result = await tx.execute(sql`update license_plates set qa_status = ${qaStatus} where id = ${id} returning ${columns}`);
  return toLocked(result.rows[0]!);
}
