import { and, asc, eq, gt, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { precompiled, precompiledColumns, precompiledInsert } from '../../platform/db/precompiled.js';
import { queryRow, queryRows } from '../../platform/db/rows.js';
import { inIdList } from '../../platform/db/id-list.js';
import { containsPattern } from '../../platform/db/search.js';
import { licensePlateColumns, licensePlateFields, type LicensePlateRecord } from './license-plate.record.js';
import type { ListLicensePlatesQuery, QaStatus } from './license-plate.schema.js';
import { licensePlates } from './tables.js';
import { locationCodeOf } from '../settings/index.js';
import { productCodeOf, productNameOf } from '../technical/index.js';

// Queries over license_plates. Quantities go in as decimal strings and are computed in SQL;
// every read and write answers LicensePlateRecord rows (exact decimal strings).

const lp = licensePlates;

// The reads and writes on the scanner's and the consumption's paths are raw SQL over fragments
// rendered once from the table definitions (precompiled.ts): the query builder costs more to build
// them than the database takes to run them.
const c = precompiledColumns(lp);
const selectPlates = precompiled(sql`select ${licensePlateColumns} from ${lp}`);

export async function selectLicensePlate(tx: Tx, id: string): Promise<LicensePlateRecord | null> {
  return queryRow<LicensePlateRecord>(tx, sql`${selectPlates} where ${c.id} = ${id}`);
}

export async function selectLicensePlatesByIds(tx: Tx, ids: string[]): Promise<LicensePlateRecord[]> {
  return tx.select(licensePlateFields).from(lp).where(inIdList(lp.id, ids));
}

/** The scanner's lookup: one probe of the (org_id, number) unique index (run through readAsTenant; a test EXPLAINs it). */
export const licensePlateByNumberSql = (number: string): SQL => sql`${selectPlates} where ${c.number} = ${number}`;

/** Reads and row-locks one LP until the transaction ends. */
export async function lockLicensePlate(tx: Tx, id: string): Promise<LicensePlateRecord | null> {
  return queryRow<LicensePlateRecord>(tx, sql`${selectPlates} where ${c.id} = ${id} for update`);
}

/** Row-locks several LPs, always in id order so that two lockers cannot deadlock. */
export async function lockLicensePlates(tx: Tx, ids: string[]): Promise<LicensePlateRecord[]> {
  return tx.select(licensePlateFields).from(lp).where(inIdList(lp.id, ids)).orderBy(asc(lp.id)).for('update');
}

export type LicensePlateFilter = Omit<ListLicensePlatesQuery, 'cursor'> & { after: string | null; today: string | null };

/** An LP in a list: its record and the display fields the list shows, read through the owners' contracts. */
export type ListedLicensePlateRecord = LicensePlateRecord & { productCode: string; productName: string; locationCode: string };

const listedFields = {
  ...licensePlateFields,
  productCode: productCodeOf(lp.productId),
  productName: productNameOf(lp.productId),
  locationCode: locationCodeOf(lp.locationId),
};

export async function selectLicensePlates(tx: Tx, filter: LicensePlateFilter): Promise<ListedLicensePlateRecord[]> {
  return licensePlatesQuery(tx, filter);
}

/** The list query (exported so a test can EXPLAIN exactly what runs); only the filters asked for are in it. */
export function licensePlatesQuery(tx: Tx, filter: LicensePlateFilter) {
  const expiring = filter.expiringWithinDays;
  // Expiry filters look at stock on hand unless a status is asked for.
  const status = filter.status ?? (expiring !== undefined || filter.expired !== undefined ? 'available' : undefined);
  const pattern = containsPattern(filter.search);
  return tx
    .select(listedFields)
    .from(lp)
    .where(
      and(
        filter.after === null ? undefined : gt(lp.id, filter.after),
        filter.productId === undefined ? undefined : eq(lp.productId, filter.productId),
        filter.lot === undefined ? undefined : eq(lp.lot, filter.lot),
        pattern === null ? undefined : or(ilike(lp.number, pattern), ilike(lp.lot, pattern)),
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

const insertPlatesSql = precompiledInsert(lp, lp.orgId, {
  number: lp.number,
  productId: lp.productId,
  lot: lp.lot,
  expiryDate: lp.expiryDate,
  qty: lp.qty,
  uom: lp.uom,
  qaStatus: lp.qaStatus,
  locationId: lp.locationId,
  origin: lp.origin,
  receiptId: lp.receiptId,
  receiptLineId: lp.receiptLineId,
  workOrderId: lp.workOrderId,
});

/** Inserts LPs (answered in number order); their ledger rows must follow in the same transaction. */
export async function insertLicensePlates(tx: Tx, orgId: string, plates: NewLicensePlate[]): Promise<LicensePlateRecord[]> {
  if (plates.length === 0) return [];
  const rows = await queryRows<LicensePlateRecord>(tx, sql`${insertPlatesSql(orgId, plates)} returning ${licensePlateColumns}`);
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

const plateTable = precompiled(sql`${lp}`);
const setQty = precompiled(sql`${sql.identifier(lp.qty.name)}`);
const setStatus = precompiled(sql`${sql.identifier(lp.status.name)}`);

/** Draws qty from an available LP holding at least qty; at 0 it becomes consumed. Null when it can't. */
export async function subtractForConsumption(tx: Tx, id: string, qty: string): Promise<LicensePlateRecord | null> {
  return queryRow<LicensePlateRecord>(
    tx,
    sql`update ${plateTable} set ${setQty} = ${c.qty} - ${qty}::numeric, ${setStatus} = case when ${c.qty} = ${qty}::numeric then 'consumed' else ${c.status} end
      where ${c.id} = ${id} and ${c.status} = 'available' and ${c.qty} >= ${qty}::numeric
      returning ${licensePlateColumns}`,
  );
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
