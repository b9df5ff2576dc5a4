import { and, asc, eq, gt, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import { licensePlateFields, type LicensePlateRecord } from './license-plate.record.js';
import type { ListLicensePlatesQuery, QaStatus } from './license-plate.schema.js';
import { licensePlates } from './tables.js';

// Queries over license_plates. Quantities go in as decimal strings and are computed in SQL;
// every read and write answers LicensePlateRecord rows (exact decimal strings).

const lp = licensePlates;

export async function selectLicensePlate(tx: Tx, id: string): Promise<LicensePlateRecord | null> {
  const [row] = await tx.select(licensePlateFields).from(lp).where(eq(lp.id, id));
  return row ?? null;
}

export async function selectLicensePlatesByIds(tx: Tx, ids: string[]): Promise<LicensePlateRecord[]> {
  return tx.select(licensePlateFields).from(lp).where(inIdList(lp.id, ids));
}

/** The scanner's lookup: one probe of the (org_id, number) unique index (exported so a test can EXPLAIN it). */
export const licensePlateByNumberQuery = (tx: Tx, number: string) => tx.select(licensePlateFields).from(lp).where(eq(lp.number, number));

export async function selectLicensePlateByNumber(tx: Tx, number: string): Promise<LicensePlateRecord | null> {
  const [row] = await licensePlateByNumberQuery(tx, number);
  return row ?? null;
}

/** Reads and row-locks one LP until the transaction ends. */
export async function lockLicensePlate(tx: Tx, id: string): Promise<LicensePlateRecord | null> {
  const [row] = await tx.select(licensePlateFields).from(lp).where(eq(lp.id, id)).for('update');
  return row ?? null;
}

/** Row-locks several LPs, always in id order so that two lockers cannot deadlock. */
export async function lockLicensePlates(tx: Tx, ids: string[]): Promise<LicensePlateRecord[]> {
  return tx.select(licensePlateFields).from(lp).where(inIdList(lp.id, ids)).orderBy(asc(lp.id)).for('update');
}

export type LicensePlateFilter = Omit<ListLicensePlatesQuery, 'cursor'> & { after: string | null; today: string | null };

export async function selectLicensePlates(tx: Tx, filter: LicensePlateFilter): Promise<LicensePlateRecord[]> {
  return licensePlatesQuery(tx, filter);
}

/** The list query (exported so a test can EXPLAIN exactly what runs); only the filters asked for are in it. */
export function licensePlatesQuery(tx: Tx, filter: LicensePlateFilter) {
  const expiring = filter.expiringWithinDays;
  // Expiry filters look at stock on hand unless a status is asked for.
  const status = filter.status ?? (expiring !== undefined || filter.expired !== undefined ? 'available' : undefined);
  return tx
    .select(licensePlateFields)
    .from(lp)
    .where(
      and(
        filter.after === null ? undefined : gt(lp.id, filter.after),
        filter.productId === undefined ? undefined : eq(lp.productId, filter.productId),
        filter.lot === undefined ? undefined : eq(lp.lot, filter.lot),
        status === undefined ? undefined : eq(lp.status, status),
        filter.locationId === undefined ? undefined : eq(lp.locationId, filter.locationId),
        filter.qaStatus === undefined ? undefined : eq(lp.qaStatus, filter.qaStatus),
        expiring === undefined ? undefined : expiringWithin(filter.today, expiring),
        filter.expired === undefined ? undefined : expiredOn(filter.today, filter.expired === 'true'),
      ),
    )
    .orderBy(asc(lp.id))
    .limit(filter.limit + 1);
}

const expiringWithin = (today: string | null, days: number): SQL | undefined =>
  and(gte(lp.expiryDate, sql`${today}::date`), lte(lp.expiryDate, sql`${today}::date + ${days}::integer`));

/** Expired: past its expiry date; not expired: no expiry date, or not past it. */
const expiredOn = (today: string | null, isExpired: boolean): SQL | undefined =>
  isExpired ? lt(lp.expiryDate, sql`${today}::date`) : or(isNull(lp.expiryDate), gte(lp.expiryDate, sql`${today}::date`));

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

/** Inserts LPs (answered in number order); their ledger rows must follow in the same transaction. */
export async function insertLicensePlates(tx: Tx, orgId: string, plates: NewLicensePlate[]): Promise<LicensePlateRecord[]> {
  if (plates.length === 0) return [];
  const rows = await tx
    .insert(lp)
    .values(plates.map((plate) => ({ ...plate, orgId })))
    .returning(licensePlateFields);
  return rows.sort((a, b) => a.number.localeCompare(b.number));
}

/** Takes qty off an available LP that holds more than qty (a split must leave something); null when it doesn't. */
export async function subtractForSplit(tx: Tx, id: string, qty: string): Promise<LicensePlateRecord | null> {
  const [row] = await tx
    .update(lp)
    .set({ qty: sql`${lp.qty} - ${qty}::numeric` })
    .where(and(eq(lp.id, id), eq(lp.status, 'available'), gt(lp.qty, qty)))
    .returning(licensePlateFields);
  return row ?? null;
}

/** Draws qty from an available LP holding at least qty; at 0 it becomes consumed. Null when it can't. */
export async function subtractForConsumption(tx: Tx, id: string, qty: string): Promise<LicensePlateRecord | null> {
  const [row] = await tx
    .update(lp)
    .set({ qty: sql`${lp.qty} - ${qty}::numeric`, status: sql`case when ${lp.qty} = ${qty}::numeric then 'consumed' else ${lp.status} end` })
    .where(and(eq(lp.id, id), eq(lp.status, 'available'), gte(lp.qty, qty)))
    .returning(licensePlateFields);
  return row ?? null;
}

/** Adds qty to an LP and makes it available again (a reversed consumption, a merge target). */
export async function addQty(tx: Tx, id: string, qty: string): Promise<LicensePlateRecord> {
  const [row] = await tx
    .update(lp)
    .set({ qty: sql`${lp.qty} + ${qty}::numeric`, status: 'available' })
    .where(eq(lp.id, id))
    .returning(licensePlateFields);
  return row!;
}

/**
 * Sets a counted qty on an LP the caller has locked and read (`lockedQty`); answers the LP and
 * the difference booked, computed in SQL.
 */
export async function setCountedQty(tx: Tx, id: string, counted: { qty: string; lockedQty: string }): Promise<{ plate: LicensePlateRecord; change: string }> {
  const [row] = await tx
    .update(lp)
    .set({ qty: counted.qty })
    .where(eq(lp.id, id))
    .returning({ ...licensePlateFields, change: sql<string>`(${lp.qty} - ${counted.lockedQty}::numeric)::text` });
  const { change, ...plate } = row!;
  return { plate, change };
}

/** Empties LPs into a final status (shipped, merged). */
export async function emptyLicensePlates(tx: Tx, ids: string[], status: 'shipped' | 'merged'): Promise<LicensePlateRecord[]> {
  return tx.update(lp).set({ qty: '0', status }).where(inIdList(lp.id, ids)).returning(licensePlateFields);
}

export async function updateLocation(tx: Tx, id: string, locationId: string): Promise<LicensePlateRecord> {
  const [row] = await tx.update(lp).set({ locationId }).where(eq(lp.id, id)).returning(licensePlateFields);
  return row!;
}

export async function updateQaStatus(tx: Tx, id: string, qaStatus: QaStatus): Promise<LicensePlateRecord> {
  const [row] = await tx.update(lp).set({ qaStatus }).where(eq(lp.id, id)).returning(licensePlateFields);
  return row!;
}
