import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import { palletItems, pallets } from './tables.js';

const palletFields = { id: pallets.id, sscc: pallets.sscc, salesOrderId: pallets.salesOrderId, createdAt: pallets.createdAt };
export type PalletRow = Pick<typeof pallets.$inferSelect, keyof typeof palletFields>;

export async function insertPallet(tx: Tx, orgId: string, pallet: { salesOrderId: string; sscc: string; createdBy: string | null }): Promise<string> {
  const [row] = await tx.insert(pallets).values({ ...pallet, orgId }).returning({ id: pallets.id });
  return row!.id;
}

export async function selectPallet(tx: Tx, id: string): Promise<PalletRow | null> {
  const [row] = await tx.select(palletFields).from(pallets).where(eq(pallets.id, id));
  return row ?? null;
}

export async function selectPalletsOfOrder(tx: Tx, salesOrderId: string): Promise<PalletRow[]> {
  return tx.select(palletFields).from(pallets).where(eq(pallets.salesOrderId, salesOrderId)).orderBy(asc(pallets.id));
}

/** Puts an LP on a pallet; false when it is on a pallet already (a plate is on one pallet). */
export async function insertPalletItem(tx: Tx, orgId: string, palletId: string, licensePlateId: string): Promise<boolean> {
  const rows = await tx.insert(palletItems).values({ orgId, palletId, licensePlateId }).onConflictDoNothing().returning({ id: palletItems.id });
  return rows.length > 0;
}

/** The LPs on pallets, in the order they were put on. */
export async function selectPalletItems(tx: Tx, palletIds: string[]): Promise<{ palletId: string; licensePlateId: string }[]> {
  if (palletIds.length === 0) return [];
  return tx
    .select({ palletId: palletItems.palletId, licensePlateId: palletItems.licensePlateId })
    .from(palletItems)
    .where(inIdList(palletItems.palletId, palletIds))
    .orderBy(asc(palletItems.id));
}
