import type { RequestContext } from '../../platform/context.js';

// Stock that arrives (received, or output by production) may have to wait for an inspection
// before anyone uses it. Whether it must, and the inspection itself, are quality's: quality
// depends on the warehouse, so it registers its answer here (quality/index.ts) rather than
// the warehouse importing it. Both calls run inside the receipt's or output's transaction.

/** receipt: goods received; final: a work order's output. */
export type ArrivalStage = 'receipt' | 'final';

export interface ArrivingPlate {
  id: string;
  productId: string;
  lot: string;
}

export interface ArrivalInspector {
  /** The products among productIds that must be inspected at this stage: their new LPs start `pending`. */
  productsToInspect(ctx: RequestContext, stage: ArrivalStage, productIds: string[]): Promise<Set<string>>;
  /** Opens the inspections of the new LPs of those products, in the caller's transaction. */
  openInspections(ctx: RequestContext, stage: ArrivalStage, plates: ArrivingPlate[]): Promise<void>;
}

let inspector: ArrivalInspector | null = null;

/** Quality says how arriving stock is inspected; without it nothing waits. */
export function registerArrivalInspector(next: ArrivalInspector): void {
  inspector = next;
}

export async function productsToInspect(ctx: RequestContext, stage: ArrivalStage, productIds: string[]): Promise<Set<string>> {
  return inspector && productIds.length > 0 ? inspector.productsToInspect(ctx, stage, productIds) : new Set();
}

/** Opens inspections for the plates of the products productsToInspect named (the others are left out). */
export async function openArrivalInspections(ctx: RequestContext, stage: ArrivalStage, plates: ArrivingPlate[], inspected: Set<string>): Promise<void> {
  const waiting = plates.filter((plate) => inspected.has(plate.productId));
  if (inspector && waiting.length > 0) await inspector.openInspections(ctx, stage, waiting.map(({ id, productId, lot }) => ({ id, productId, lot })));
}
