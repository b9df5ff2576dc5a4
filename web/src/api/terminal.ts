import type { Consumption, LicensePlate, OrgSettings, WorkOrder, WorkOrderMaterial } from './types';

/** The terminal's reads, as the generated API types give them (the reason and the tolerance included). */
export type TerminalConsumption = Consumption;
export type TerminalOrder = WorkOrder;
export type TerminalSettings = OrgSettings;

/** GET /work-orders/availability: what an order would need, before it exists or is released. */
export interface Availability {
  bomId: string;
  materials: { productId: string; requiredQty: number; usableQty: number; shortQty: number }[];
}

/** The 409 over_consumption's params (API.md). */
export interface OverConsumption {
  productId: string;
  qty: number;
  requiredQty: number;
  consumedQty: number;
  afterQty: number;
  limitQty: number;
  tolerancePercent: number;
}

export const DEFAULT_TOLERANCE_PERCENT = 10;

/** Rounds to the 6 decimals quantities carry, so that 0.1 + 0.2 leaves no float tail. */
export const roundQty = (value: number) => Math.round(value * 1e6) / 1e6;

/** What a scanned plate should pre-fill: what the material still needs (0 when met), never more than the plate holds. */
export function quantityToPrefill(material: WorkOrderMaterial | undefined, plate: LicensePlate): number {
  if (!material) return 0;
  return roundQty(Math.max(0, Math.min(plate.qty, material.requiredQty - material.consumedQty)));
}

/** The most a material may take without a reason: requiredQty × (1 + tolerance / 100). */
export const toleranceLimit = (material: WorkOrderMaterial, tolerancePercent: number) => roundQty((material.requiredQty * (100 + tolerancePercent)) / 100);

/** Whether drawing qty more would go beyond the tolerance (the server decides exactly; this asks first). */
export function wouldOverConsume(material: WorkOrderMaterial | undefined, qty: number, tolerancePercent: number): boolean {
  return material !== undefined && roundQty(material.consumedQty + qty) > toleranceLimit(material, tolerancePercent);
}

/** The over-consumption drawing qty more would be (as the server's 409 would say it), or null within the tolerance. */
export function overConsumptionAhead(material: WorkOrderMaterial, qty: number, tolerancePercent: number): OverConsumption | null {
  if (!wouldOverConsume(material, qty, tolerancePercent)) return null;
  const { productId, requiredQty, consumedQty } = material;
  return { productId, qty, requiredQty, consumedQty, afterQty: roundQty(consumedQty + qty), limitQty: toleranceLimit(material, tolerancePercent), tolerancePercent };
}

export type Unusable = { kind: 'notMaterial' } | { kind: 'status'; status: string } | { kind: 'qa'; qaStatus: string } | { kind: 'expired'; date: string } | { kind: 'empty' };

/** Why a plate cannot be consumed into the order (src/modules/warehouse/usability.ts, plus the order's materials); empty when it can. */
export function unusableReasons(plate: LicensePlate, order: Pick<WorkOrder, 'materials'>, today: string): Unusable[] {
  const reasons: Unusable[] = [];
  if (!order.materials?.some((material) => material.productId === plate.productId)) reasons.push({ kind: 'notMaterial' });
  if (plate.status !== 'available') reasons.push({ kind: 'status', status: plate.status });
  if (plate.qaStatus !== 'released') reasons.push({ kind: 'qa', qaStatus: plate.qaStatus });
  if (plate.expiryDate && plate.expiryDate < today) reasons.push({ kind: 'expired', date: plate.expiryDate });
  if (plate.status === 'available' && plate.qty <= 0) reasons.push({ kind: 'empty' });
  return reasons;
}
