import { and, asc, eq, exists, gt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { inIdList } from '../../platform/db/id-list.js';
import type { ShippedPlate } from '../warehouse/index.js';
import type { ListShipmentsQuery } from './shipment.schema.js';
import { customers, shipmentLines, shipments } from './tables.js';

const headerFields = {
  id: shipments.id,
  number: shipments.number,
  customerId: shipments.customerId,
  shipDate: shipments.shipDate,
  salesOrderId: shipments.salesOrderId,
  createdAt: shipments.createdAt,
};

/** A shipment's header as stored (timestamps as the driver hands them). */
export type ShipmentHeader = Pick<typeof shipments.$inferSelect, keyof typeof headerFields>;

/** One line of a shipment as stored: which LP left, and how much of it (an exact decimal string). */
export type ShipmentLine = Pick<typeof shipmentLines.$inferSelect, 'shipmentId' | 'licensePlateId' | 'productId' | 'lot' | 'qty'>;

export async function selectShipments(tx: Tx, filter: Omit<ListShipmentsQuery, 'cursor'> & { after: string | null }): Promise<ShipmentHeader[]> {
  const carried = (licensePlateId: string) =>
    exists(
      tx
        .select({ id: shipmentLines.id })
        .from(shipmentLines)
        .where(and(eq(shipmentLines.shipmentId, shipments.id), eq(shipmentLines.licensePlateId, licensePlateId))),
    );
  return tx
    .select(headerFields)
    .from(shipments)
    .where(
      and(
        filter.after === null ? undefined : gt(shipments.id, filter.after),
        filter.customerId === undefined ? undefined : eq(shipments.customerId, filter.customerId),
        filter.licensePlateId === undefined ? undefined : carried(filter.licensePlateId),
        filter.salesOrderId === undefined ? undefined : eq(shipments.salesOrderId, filter.salesOrderId),
      ),
    )
    .orderBy(asc(shipments.id))
    .limit(filter.limit + 1);
}

export async function selectShipment(tx: Tx, id: string): Promise<ShipmentHeader | null> {
  const [row] = await tx.select(headerFields).from(shipments).where(eq(shipments.id, id));
  return row ?? null;
}

/** The lines of shipments, in line order. */
export async function selectShipmentLines(tx: Tx, shipmentIds: string[]): Promise<ShipmentLine[]> {
  if (shipmentIds.length === 0) return [];
  return tx
    .select({ shipmentId: shipmentLines.shipmentId, licensePlateId: shipmentLines.licensePlateId, productId: shipmentLines.productId, lot: shipmentLines.lot, qty: shipmentLines.qty })
    .from(shipmentLines)
    .where(inIdList(shipmentLines.shipmentId, shipmentIds))
    .orderBy(asc(shipmentLines.shipmentId), asc(shipmentLines.lineNo));
}

export async function selectCustomerState(tx: Tx, id: string): Promise<{ code: string; active: boolean } | null> {
  const [row] = await tx.select({ code: customers.code, active: customers.active }).from(customers).where(eq(customers.id, id));
  return row ?? null;
}

export async function insertShipment(tx: Tx, orgId: string, shipment: { number: string; customerId: string; shipDate: string; salesOrderId: string | null }): Promise<string> {
  const [row] = await tx.insert(shipments).values({ ...shipment, orgId }).returning({ id: shipments.id });
  return row!.id;
}

/** One line per shipped LP, with the exact quantity that left. */
export async function insertShipmentLines(tx: Tx, orgId: string, shipmentId: string, plates: ShippedPlate[]): Promise<void> {
  if (plates.length === 0) return;
  await tx
    .insert(shipmentLines)
    .values(plates.map((lp, index) => ({ orgId, shipmentId, lineNo: index + 1, licensePlateId: lp.id, productId: lp.productId, lot: lp.lot, qty: lp.qty })));
}

/** Where shipped LPs went: shipment, customer and date, for trace. */
export async function selectShipmentDestinations(tx: Tx, licensePlateIds: string[]) {
  if (licensePlateIds.length === 0) return [];
  return tx
    .select({ licensePlateId: shipmentLines.licensePlateId, shipmentId: shipments.id, customerId: shipments.customerId, shipDate: shipments.shipDate })
    .from(shipmentLines)
    .innerJoin(shipments, and(eq(shipments.orgId, shipmentLines.orgId), eq(shipments.id, shipmentLines.shipmentId)))
    .where(inIdList(shipmentLines.licensePlateId, licensePlateIds));
}
