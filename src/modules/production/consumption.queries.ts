import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { workOrderConsumptions, workOrderOutputs } from './tables.js';

// Queries over an order's consumptions and outputs, and the genealogy pairs they imply.

const consumptionColumns = {
  id: workOrderConsumptions.id,
  workOrderId: workOrderConsumptions.workOrderId,
  licensePlateId: workOrderConsumptions.licensePlateId,
  productId: workOrderConsumptions.productId,
  qty: workOrderConsumptions.qty,
  reversed: workOrderConsumptions.reversed,
  reversedAt: workOrderConsumptions.reversedAt,
  createdAt: workOrderConsumptions.createdAt,
};

/** A consumption as stored: its quantity an exact decimal string, for giving it back on reversal. */
export type ConsumptionRecord = Pick<typeof workOrderConsumptions.$inferSelect, keyof typeof consumptionColumns>;

export async function insertConsumption(
  tx: Tx,
  orgId: string,
  consumption: { workOrderId: string; licensePlateId: string; productId: string; qty: string },
): Promise<ConsumptionRecord> {
  const [inserted] = await tx.insert(workOrderConsumptions).values({ orgId, ...consumption }).returning(consumptionColumns);
  return inserted!;
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

