import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { Changeover } from './changeover.schema.js';
import { lineChangeovers, workOrders, workOrderTransitions } from './tables.js';

const wo = workOrders;
const t = workOrderTransitions;
const c = lineChangeovers;

/** The order last started on a line before now (not `exceptId`), with when it last changed status. */
export async function selectPreviousOrderOnLine(tx: Tx, lineId: string, exceptId: string | null) {
  const started = sql<string>`max(${t.createdAt}) filter (where ${t.toStatus} = 'in_progress' and ${t.fromStatus} = 'released')`;
  const [row] = await tx
    .select({ id: wo.id, number: wo.number, productId: wo.productId, startedAt: started, lastChangeAt: sql<string>`max(${t.createdAt})` })
    .from(wo)
    .innerJoin(t, and(eq(t.orgId, wo.orgId), eq(t.workOrderId, wo.id)))
    .where(and(eq(wo.lineId, lineId), exceptId === null ? undefined : ne(wo.id, exceptId)))
    .groupBy(wo.id)
    .having(sql`${started} is not null`)
    .orderBy(desc(started))
    .limit(1);
  return row ?? null;
}

/** Whether a changeover was recorded on the line after the given time. */
export async function hasChangeoverSince(tx: Tx, lineId: string, since: string): Promise<boolean> {
  const rows = await tx.select({ id: c.id }).from(c).where(and(eq(c.lineId, lineId), gt(c.createdAt, since))).limit(1);
  return rows.length > 0;
}

const fields = { id: c.id, lineId: c.lineId, fromWorkOrderId: c.fromWorkOrderId, note: c.note, cleaningVerified: c.cleaningVerified, userId: c.userId, createdAt: c.createdAt };
const present = (row: Changeover): Changeover => ({ ...row, createdAt: toIso(row.createdAt) });

export async function insertChangeover(tx: Tx, orgId: string, input: { lineId: string; fromWorkOrderId: string | null; note: string | null }): Promise<Changeover> {
  const [row] = await tx.insert(c).values({ orgId, ...input }).returning(fields);
  return present(row!);
}

export async function selectChangeovers(tx: Tx, lineId: string): Promise<Changeover[]> {
  return (await tx.select(fields).from(c).where(eq(c.lineId, lineId)).orderBy(desc(c.createdAt)).limit(100)).map(present);
}

export async function selectWorkOrderLine(tx: Tx, id: string): Promise<{ lineId: string | null } | null> {
  const [row] = await tx.select({ lineId: wo.lineId }).from(wo).where(eq(wo.id, id));
  return row ?? null;
}
