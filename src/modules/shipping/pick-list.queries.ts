import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import { pickListLines, pickLists, picks } from './tables.js';

const headerFields = { id: pickLists.id, number: pickLists.number, salesOrderId: pickLists.salesOrderId, status: pickLists.status, createdAt: pickLists.createdAt };
const lineFields = {
  id: pickListLines.id,
  salesOrderLineId: pickListLines.salesOrderLineId,
  licensePlateId: pickListLines.licensePlateId,
  productId: pickListLines.productId,
  lot: pickListLines.lot,
  locationId: pickListLines.locationId,
  qty: pickListLines.qty,
  pickedQty: pickListLines.pickedQty,
};

export type PickListHeader = Pick<typeof pickLists.$inferSelect, keyof typeof headerFields>;
export type PickListLineRow = Pick<typeof pickListLines.$inferSelect, keyof typeof lineFields>;
export type NewPickListLine = Omit<PickListLineRow, 'id' | 'pickedQty'> & { pickedQty?: string };

export async function insertPickList(tx: Tx, orgId: string, list: { number: string; salesOrderId: string }): Promise<string> {
  const [row] = await tx.insert(pickLists).values({ ...list, orgId }).returning({ id: pickLists.id });
  return row!.id;
}

export async function insertPickListLines(tx: Tx, orgId: string, pickListId: string, lines: NewPickListLine[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.insert(pickListLines).values(lines.map((line) => ({ ...line, orgId, pickListId })));
}

/** One pick list; with `lock`, row-locked so picks on it queue. */
export async function selectPickList(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<PickListHeader | null> {
  const query = tx.select(headerFields).from(pickLists).where(eq(pickLists.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function selectPickListsOfOrder(tx: Tx, salesOrderId: string): Promise<PickListHeader[]> {
  return tx.select(headerFields).from(pickLists).where(eq(pickLists.salesOrderId, salesOrderId)).orderBy(asc(pickLists.id));
}

export async function selectPickListLines(tx: Tx, pickListId: string): Promise<PickListLineRow[]> {
  return tx.select(lineFields).from(pickListLines).where(eq(pickListLines.pickListId, pickListId)).orderBy(asc(pickListLines.id));
}

export async function setPickListStatus(tx: Tx, id: string, status: 'open' | 'done' | 'closed'): Promise<void> {
  await tx.update(pickLists).set({ status }).where(eq(pickLists.id, id));
}

/** An order's open pick lists close (a new list replaces them, the order shipped); `andDone` closes finished ones too (a cancelled order). */
export async function closeOpenPickLists(tx: Tx, salesOrderId: string, options: { andDone?: boolean } = {}): Promise<void> {
  const statuses: ('open' | 'done')[] = options.andDone ? ['open', 'done'] : ['open'];
  await tx.update(pickLists).set({ status: 'closed' }).where(and(eq(pickLists.salesOrderId, salesOrderId), inArray(pickLists.status, statuses)));
}

/** Changes a line's qty to pick and qty picked by exact decimal deltas. */
export async function changePickListLine(tx: Tx, id: string, change: { qty?: string; picked?: string }): Promise<void> {
  await tx
    .update(pickListLines)
    .set({
      qty: change.qty === undefined ? undefined : sql`${pickListLines.qty} + ${change.qty}::numeric`,
      pickedQty: change.picked === undefined ? undefined : sql`${pickListLines.pickedQty} + ${change.picked}::numeric`,
    })
    .where(eq(pickListLines.id, id));
}

export interface PickRow {
  id: string;
  salesOrderLineId: string;
  licensePlateId: string;
  qty: string;
  shipmentId: string | null;
}

export async function insertPick(tx: Tx, orgId: string, pick: { pickListId: string; salesOrderLineId: string; licensePlateId: string; qty: string; createdBy: string | null }): Promise<void> {
  await tx.insert(picks).values({ ...pick, orgId });
}

/** The picks of order lines; `unshippedOnly` leaves out what has left. */
export async function selectPicks(tx: Tx, salesOrderLineIds: string[], options: { unshippedOnly?: boolean } = {}): Promise<PickRow[]> {
  if (salesOrderLineIds.length === 0) return [];
  return tx
    .select({ id: picks.id, salesOrderLineId: picks.salesOrderLineId, licensePlateId: picks.licensePlateId, qty: picks.qty, shipmentId: picks.shipmentId })
    .from(picks)
    .where(and(inIdList(picks.salesOrderLineId, salesOrderLineIds), options.unshippedOnly ? isNull(picks.shipmentId) : undefined))
    .orderBy(asc(picks.id));
}

export async function markPicksShipped(tx: Tx, pickIds: string[], shipmentId: string): Promise<void> {
  if (pickIds.length === 0) return;
  await tx.update(picks).set({ shipmentId }).where(inArray(picks.id, pickIds));
}
