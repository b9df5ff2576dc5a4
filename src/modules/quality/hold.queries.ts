import { and, eq, gt, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import type { HeldPlate } from '../warehouse/index.js';
import type { HoldSummary, ListHoldsQuery } from './hold.schema.js';
import { holdLicensePlates, holds } from './tables.js';

const h = holds;
const m = holdLicensePlates;
const column = (c: { name: string }) => sql.identifier(c.name);

const summaryFields = {
  id: h.id,
  number: h.number,
  productId: h.productId,
  lot: h.lot,
  reason: h.reason,
  includeDerived: h.includeDerived,
  status: h.status,
  licensePlateCount: sql<number>`(select count(*)::int from ${m} where ${m.orgId} = ${h.orgId} and ${m.holdId} = ${h.id})`,
  createdAt: h.createdAt,
  createdBy: h.createdBy,
  releasedAt: h.releasedAt,
  releasedBy: h.releasedBy,
  releaseReason: h.releaseReason,
};

type SummaryRow = Omit<HoldSummary, 'createdAt' | 'releasedAt'> & { createdAt: string; releasedAt: string | null };
const present = (row: SummaryRow): HoldSummary => ({ ...row, createdAt: toIso(row.createdAt), releasedAt: toIso(row.releasedAt) });

export async function insertHold(tx: Tx, orgId: string, hold: { number: string; productId: string; lot: string; reason: string; includeDerived: boolean }): Promise<string> {
  const [row] = await tx.insert(h).values({ orgId, ...hold }).returning({ id: h.id });
  return row!.id;
}

/**
 * Records the LPs a hold covers. An LP already on hold under another open hold inherits the
 * QA status that hold will give back (the earliest open one's), so whichever is released last
 * restores what the LP had before any of them; one held by hand keeps `hold`.
 */
export async function insertHoldPlates(tx: Tx, orgId: string, holdId: string, plates: HeldPlate[]): Promise<void> {
  if (plates.length === 0) return;
  const rows = JSON.stringify(plates.map((plate) => ({ id: plate.id, prior: plate.priorQaStatus })));
  await tx.execute(sql`insert into ${m} (${column(m.orgId)}, ${column(m.holdId)}, ${column(m.licensePlateId)}, ${column(m.priorQaStatus)})
    select ${orgId}::uuid, ${holdId}::uuid, p.id, case when p.prior <> 'hold' then p.prior else coalesce((
      select o.${column(m.priorQaStatus)} from ${m} o join ${h} on ${h.orgId} = o.${column(m.orgId)} and ${h.id} = o.${column(m.holdId)}
      where o.${column(m.licensePlateId)} = p.id and ${h.status} = 'open' order by ${h.id} limit 1), 'hold') end
    from jsonb_to_recordset(${rows}::jsonb) as p(id uuid, prior text)`);
}

export async function selectHold(tx: Tx, id: string): Promise<HoldSummary | null> {
  const [row] = await tx.select(summaryFields).from(h).where(eq(h.id, id));
  return row ? present(row) : null;
}

export async function selectHolds(tx: Tx, filter: Omit<ListHoldsQuery, 'cursor'> & { after: string | null }): Promise<HoldSummary[]> {
  const rows = await tx
    .select(summaryFields)
    .from(h)
    .where(
      and(
        filter.after === null ? undefined : gt(h.id, filter.after),
        filter.status === undefined ? undefined : eq(h.status, filter.status),
        filter.productId === undefined ? undefined : eq(h.productId, filter.productId),
        filter.lot === undefined ? undefined : eq(h.lot, filter.lot),
      ),
    )
    .orderBy(h.id)
    .limit(filter.limit + 1);
  return rows.map(present);
}

/** The LPs a hold covers, with what its release gives back, in id order. */
export async function selectHoldPlates(tx: Tx, holdId: string): Promise<{ licensePlateId: string; priorQaStatus: 'pending' | 'released' | 'hold' }[]> {
  return tx.select({ licensePlateId: m.licensePlateId, priorQaStatus: m.priorQaStatus }).from(m).where(eq(m.holdId, holdId)).orderBy(m.licensePlateId);
}

/**
 * Row-locks the hold and every hold sharing an LP with it, in id order: two releases over the
 * same LP take their locks in the same order, so the second waits for the first to commit and
 * then sees it released (it can never happen that each thinks the other still holds the LP).
 */
export async function lockOverlappingHolds(tx: Tx, holdId: string): Promise<void> {
  await tx.execute(sql`select ${h.id} from ${h} where ${h.id} = ${holdId} or ${h.id} in (
      select o.${column(m.holdId)} from ${m} mine join ${m} o on o.${column(m.orgId)} = mine.${column(m.orgId)} and o.${column(m.licensePlateId)} = mine.${column(m.licensePlateId)}
      where mine.${column(m.holdId)} = ${holdId})
    order by ${h.id} for update`);
}

/** Which of the LPs another open hold (not this one) still covers. */
export async function selectPlatesHeldElsewhere(tx: Tx, holdId: string, licensePlateIds: string[]): Promise<Set<string>> {
  if (licensePlateIds.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select distinct ${m.licensePlateId} as id from ${m} join ${h} on ${h.orgId} = ${m.orgId} and ${h.id} = ${m.holdId}
      where ${m.licensePlateId} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(licensePlateIds)}::jsonb))
        and ${h.status} = 'open' and ${h.id} <> ${holdId}`,
  );
  return new Set(rows.map((row) => row.id));
}

export async function markHoldReleased(tx: Tx, id: string, release: { reason: string; userId: string | null }): Promise<void> {
  await tx.update(h).set({ status: 'released', releasedAt: sql`now()`, releasedBy: release.userId, releaseReason: release.reason }).where(eq(h.id, id));
}
