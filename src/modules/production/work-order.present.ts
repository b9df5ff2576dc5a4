import { toIso } from '../../platform/db/columns.js';
import { decimal } from '../../platform/http/schemas.js';
import type { PlateLabel } from '../warehouse/index.js';
import type { ConsumptionRecord } from './consumption.queries.js';
import type { Consumption, Material, Output, WorkOrderSummary } from './work-order.schema.js';
import type { WorkOrderRecord } from './work-order.queries.js';

// The edge: records keep quantities as exact decimal strings; the API shows them as JSON
// numbers and timestamps as ISO 8601, made here and nowhere else.

export function presentWorkOrder(order: WorkOrderRecord): WorkOrderSummary {
  return {
    id: order.id,
    number: order.number,
    productId: order.productId,
    bomId: order.bomId,
    plannedQty: decimal(order.plannedQty),
    scheduledDate: order.scheduledDate,
    status: order.status,
    producedQty: decimal(order.producedQty),
    lineId: order.lineId,
    yieldPercent: decimal(order.yieldPercent),
    createdAt: toIso(order.createdAt),
    updatedAt: toIso(order.updatedAt),
  };
}

export function presentConsumption(consumption: ConsumptionRecord): Consumption {
  return { ...consumption, qty: decimal(consumption.qty), reversedAt: toIso(consumption.reversedAt), createdAt: toIso(consumption.createdAt) };
}

/** A material line with the usable stock of its product (exact; absent is none). */
export function presentMaterial(
  material: { productId: string; requiredQty: string; consumedQty: string; variancePercent: string | null },
  usableQty: string | undefined,
): Material {
  return {
    productId: material.productId,
    requiredQty: decimal(material.requiredQty),
    consumedQty: decimal(material.consumedQty),
    usableQty: decimal(usableQty ?? '0'),
    variancePercent: material.variancePercent === null ? null : decimal(material.variancePercent),
  };
}

/** An output with the label of the plate it made. */
export function presentOutput(output: { id: string; licensePlateId: string; qty: string; createdAt: string }, plate: PlateLabel): Output {
  return { id: output.id, licensePlateId: output.licensePlateId, number: plate.number, lot: plate.lot, expiryDate: plate.expiryDate, qty: decimal(output.qty), createdAt: toIso(output.createdAt) };
}
