import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import { queryRows } from '../../platform/db/rows.js';
import { licensePlates, stockReservations } from './tables.js';

// Reservations: quantities of license plates held for a holder (a sales order line). All sums in
// SQL, exact. Whoever reserves takes the product's lock first (lockProducts), so reservations of
// one product are only ever written one transaction at a time.

const lp = licensePlates;
const r = stockReservations;

/** One held quantity: qty (exact decimal text) of an LP, for a holder. */
export interface ReservationRow {
  holderId: string;
  licensePlateId: string;
  productId: string;
  qty: string;
}

/** What an allocation asks for one holder: `need` of a product, from LPs expiring on `minExpiry` or later. */
export interface ReservationNeed {
  holderId: string;
  productId: string;
  need: string;
  minExpiry: string;
}

/** Transaction-scoped locks on products' reservations, taken in a stable order so two holders never deadlock. */
export async function lockProducts(tx: Tx, orgId: string, productIds: string[]): Promise<void> {
  for (const productId of [...new Set(productIds)].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reserve:${orgId}:${productId}`}, 0))`);
  }
}

const reservedOn = (lpId: SQL) => sql`coalesce((select sum(s.qty) from ${r} s where s.license_plate_id = ${lpId}), 0)`;

/** How many candidate LPs one round looks at per need: enough for most lines, few enough to stay an index walk. */
const ROUND_SIZE = 50;

/**
 * One round of FEFO picks for several needs at once: per need, the first usable LPs of its product
 * (available, released, not expiring before minExpiry, something unreserved), earliest expiry first
 * (no expiry last), then oldest, each giving what is free of it until the need is covered.
 */
export async function selectReservationCandidates(tx: Tx, needs: ReservationNeed[], today: string): Promise<{ holderId: string; licensePlateId: string; qty: string }[]> {
  if (needs.length === 0) return [];
  return queryRows(
    tx,
    sql`select n.holder_id as "holderId", c.id as "licensePlateId", c.pick::text as qty
      from jsonb_to_recordset(${JSON.stringify(needs.map((need) => ({ holder_id: need.holderId, product_id: need.productId, need: need.need, min_expiry: need.minExpiry })))}::jsonb)
        as n(holder_id uuid, product_id uuid, need numeric, min_expiry date)
      cross join lateral (
        select w.id, least(w.free, n.need - (w.running - w.free)) as pick from (
          select f.id, f.free, sum(f.free) over (order by f.expiry_date asc nulls last, f.created_at, f.id) as running from (
            select p.id, p.expiry_date, p.created_at, p.qty - ${reservedOn(sql`p.id`)} as free
            from ${lp} p
            where p.status = 'available' and p.product_id = n.product_id and p.qa_status = 'released' and p.qty > 0
              and (p.expiry_date is null or p.expiry_date >= greatest(n.min_expiry, ${today}::date))
              and p.qty > ${reservedOn(sql`p.id`)}
            order by p.expiry_date asc nulls last, p.created_at, p.id
            limit ${ROUND_SIZE}
          ) f
        ) w
        where w.running - w.free < n.need
      ) c`,
  );
}

/**
 * Row-locks the picked LPs (in id order, as every LP locker does) and answers what each pick may
 * really take now: the LP re-read under its lock must still be usable and late enough, and gives
 * at most what is not reserved.
 */
export async function confirmReservationPicks(
  tx: Tx,
  picks: { holderId: string; licensePlateId: string; qty: string; minExpiry: string }[],
  today: string,
): Promise<{ holderId: string; licensePlateId: string; productId: string; qty: string }[]> {
  if (picks.length === 0) return [];
  return queryRows(
    tx,
    sql`with locked as (
        select p.id, p.product_id, p.qty, p.status, p.qa_status, p.expiry_date from ${lp} p
        where p.id in (select (jsonb_array_elements(${JSON.stringify(picks)}::jsonb) ->> 'licensePlateId')::uuid)
        order by p.id for update
      )
      select k.holder_id as "holderId", l.id as "licensePlateId", l.product_id as "productId",
        least(k.qty, l.qty - ${reservedOn(sql`l.id`)})::text as qty
      from jsonb_to_recordset(${JSON.stringify(picks.map((pick) => ({ holder_id: pick.holderId, id: pick.licensePlateId, qty: pick.qty, min_expiry: pick.minExpiry })))}::jsonb)
        as k(holder_id uuid, id uuid, qty numeric, min_expiry date)
      join locked l on l.id = k.id
      where l.status = 'available' and l.qa_status = 'released'
        and (l.expiry_date is null or l.expiry_date >= greatest(k.min_expiry, ${today}::date))
        and least(k.qty, l.qty - ${reservedOn(sql`l.id`)}) > 0`,
  );
}

/** Adds held quantity (an LP already held for the same holder holds more). */
export async function addReservations(tx: Tx, orgId: string, rows: ReservationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(r)
    .values(rows.map((row) => ({ orgId, ...row })))
    .onConflictDoUpdate({ target: [r.orgId, r.licensePlateId, r.holderId], set: { qty: sql`${r.qty} + excluded.qty`, updatedAt: sql`now()` } });
}

/** Takes qty off a holder's reservation of an LP; a reservation brought to 0 goes. */
export async function reduceReservation(tx: Tx, holderId: string, licensePlateId: string, qty: string): Promise<void> {
  const held = and(eq(r.holderId, holderId), eq(r.licensePlateId, licensePlateId));
  await tx.delete(r).where(and(held, sql`${r.qty} <= ${qty}::numeric`));
  await tx.update(r).set({ qty: sql`${r.qty} - ${qty}::numeric`, updatedAt: sql`now()` }).where(held);
}

/** The reservations of holders, in holder then LP order. */
export async function selectHolderReservations(tx: Tx, holderIds: string[]): Promise<ReservationRow[]> {
  if (holderIds.length === 0) return [];
  return tx
    .select({ holderId: r.holderId, licensePlateId: r.licensePlateId, productId: r.productId, qty: r.qty })
    .from(r)
    .where(inIdList(r.holderId, holderIds))
    .orderBy(asc(r.holderId), asc(r.licensePlateId));
}

/** The reservations on LPs, of any holder. */
export async function selectPlateReservations(tx: Tx, licensePlateIds: string[]): Promise<ReservationRow[]> {
  if (licensePlateIds.length === 0) return [];
  return tx
    .select({ holderId: r.holderId, licensePlateId: r.licensePlateId, productId: r.productId, qty: r.qty })
    .from(r)
    .where(inIdList(r.licensePlateId, licensePlateIds));
}

/** Drops every reservation of holders; answers what was dropped. */
export async function deleteHolderReservations(tx: Tx, holderIds: string[]): Promise<ReservationRow[]> {
  if (holderIds.length === 0) return [];
  return tx
    .delete(r)
    .where(inIdList(r.holderId, holderIds))
    .returning({ holderId: r.holderId, licensePlateId: r.licensePlateId, productId: r.productId, qty: r.qty });
}

/** Drops the reservations on LPs that left (shipped for their holders). */
export async function deletePlateReservations(tx: Tx, licensePlateIds: string[]): Promise<void> {
  if (licensePlateIds.length === 0) return;
  await tx.delete(r).where(inIdList(r.licensePlateId, licensePlateIds));
}

/** What is held of an LP for anyone but `holderId` (exact decimal text). */
export async function reservedForOthers(tx: Tx, licensePlateId: string, holderId: string): Promise<string> {
  const [row] = await tx
    .select({ qty: sql<string>`coalesce(sum(${r.qty}), 0)::text` })
    .from(r)
    .where(and(eq(r.licensePlateId, licensePlateId), ne(r.holderId, holderId)));
  return row!.qty;
}
