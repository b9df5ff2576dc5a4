import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { workOrderConsumptions, workOrderMaterials, workOrderOutputs } from './tables.js';

// Queries over an order's consumptions and outputs, and the genealogy pairs they imply.

const consumptionColumns = {
  id: workOrderConsumptions.id,
  workOrderId: workOrderConsumptions.workOrderId,
  licensePlateId: workOrderConsumptions.licensePlateId,
  productId: workOrderConsumptions.productId,
  qty: workOrderConsumptions.qty,
  reversed: workOrderConsumptions.reversed,
  reversedAt: workOrderConsumptions.reversedAt,
  overConsumptionReason: workOrderConsumptions.overConsumptionReason,
  createdAt: workOrderConsumptions.createdAt,
};

/** A consumption as stored: its quantity an exact decimal string, for giving it back on reversal. */
export type ConsumptionRecord = Pick<typeof workOrderConsumptions.$inferSelect, keyof typeof consumptionColumns>;

export async function insertConsumption(
  tx: Tx,
  orgId: string,
  consumption: { workOrderId: string; licensePlateId: string; productId: string; qty: string; overConsumptionReason: string | null },
): Promise<ConsumptionRecord> {
  const [inserted] = await tx.insert(workOrderConsumptions).values({ orgId, ...consumption }).returning(consumptionColumns);
  return inserted!;
}

/** How much of a material the order has drawn (not reversed) and may draw, exact decimal text. */
export interface MaterialDraw {
  requiredQty: string;
  consumedQty: string;
  limitQty: string;
  /** consumedQty + qty */
  afterQty: string;
  /** afterQty > limitQty */
  over: boolean;
}

/**
 * Serializes the consumptions of one material of one order (a transaction-scoped advisory lock:
 * the app role may not lock material rows, which it never updates; draws of other materials
 * run beside them) and answers what drawing qty more would make of it, against
 * requiredQty × (1 + tolerancePercent / 100). Null when the product is not a material.
 * Called after the draw was booked, so it must not count the consumption being made.
 */
export async function lockMaterialDraw(tx: Tx, workOrderId: string, productId: string, qty: string, tolerancePercent: string): Promise<MaterialDraw | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`mp:material-draw:${workOrderId}:${productId}`}, 0))`);
  const [material] = await tx
    .select({ requiredQty: workOrderMaterials.requiredQty })
    .from(workOrderMaterials)
    .where(and(eq(workOrderMaterials.workOrderId, workOrderId), eq(workOrderMaterials.productId, productId)));
  if (!material) return null;
  const [draw] = await tx
    .select({
      consumedQty: sql<string>`coalesce(sum(${workOrderConsumptions.qty}), 0)::text`,
      limitQty: sql<string>`round(${material.requiredQty}::numeric * (100 + ${tolerancePercent}::numeric) / 100, 6)::text`,
      afterQty: sql<string>`(coalesce(sum(${workOrderConsumptions.qty}), 0) + ${qty}::numeric)::text`,
      over: sql<boolean>`coalesce(sum(${workOrderConsumptions.qty}), 0) + ${qty}::numeric > ${material.requiredQty}::numeric * (100 + ${tolerancePercent}::numeric) / 100`,
    })
    .from(workOrderConsumptions)
    .where(and(eq(workOrderConsumptions.workOrderId, workOrderId), eq(workOrderConsumptions.productId, productId), eq(workOrderConsumptions.reversed, false)));
  return { requiredQty: material.requiredQty, ...draw! };
}

/** Reads and row-locks one consumption of the order; null when the order has no such consumption. */
export async function lockConsumption(tx: Tx, workOrderId: string, id: string): Promise<ConsumptionRecord | null> {
  const [consumption] = await tx
    .select(consumptionColumns)
    .from(workOrderConsumptions)
    .where(and(eq(workOrderConsumptions.id, id), eq(workOrderConsumptions.workOrderId, workOrderId)))
    .for('update');
  return consumption ?? null;
}

export async function markReversed(tx: Tx, id: string, userId: string): Promise<ConsumptionRecord> {
  const [reversed] = await tx
    .update(workOrderConsumptions)
    .set({ reversed: true, reversedAt: sql`now()`, reversedBy: userId })
    .where(eq(workOrderConsumptions.id, id))
    .returning(consumptionColumns);
  return reversed!;
}

export async function selectConsumptions(tx: Tx, workOrderId: string): Promise<ConsumptionRecord[]> {
  return tx.select(consumptionColumns).from(workOrderConsumptions).where(eq(workOrderConsumptions.workOrderId, workOrderId)).orderBy(workOrderConsumptions.id);
}

export async function insertOutput(tx: Tx, orgId: string, output: { workOrderId: string; licensePlateId: string; qty: string; userId: string }): Promise<void> {
  await tx.insert(workOrderOutputs).values({ orgId, workOrderId: output.workOrderId, licensePlateId: output.licensePlateId, qty: output.qty, createdBy: output.userId });
}

/** The order's outputs in booking order; the plates' numbers and lots come from the warehouse. */
export async function selectOutputs(tx: Tx, workOrderId: string) {
  return tx
    .select({ id: workOrderOutputs.id, licensePlateId: workOrderOutputs.licensePlateId, qty: workOrderOutputs.qty, createdAt: workOrderOutputs.createdAt })
    .from(workOrderOutputs)
    .where(eq(workOrderOutputs.workOrderId, workOrderId))
    .orderBy(workOrderOutputs.id);
}

/** Every LP the order has drawn from and not given back in full, with the quantity it drew (exact). */
export async function selectConsumedPlates(tx: Tx, workOrderId: string): Promise<{ licensePlateId: string; qty: string }[]> {
  return tx
    .select({ licensePlateId: workOrderConsumptions.licensePlateId, qty: sql<string>`sum(${workOrderConsumptions.qty})::text` })
    .from(workOrderConsumptions)
    .where(and(eq(workOrderConsumptions.workOrderId, workOrderId), eq(workOrderConsumptions.reversed, false)))
    .groupBy(workOrderConsumptions.licensePlateId)
    .orderBy(workOrderConsumptions.licensePlateId);
}

