import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { emitEvent } from '../../platform/events/index.js';
import { inactiveAt, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import { decimal } from '../../platform/http/schemas.js';
import { listLicensePlatesByIds, organizationToday, shipLicensePlates } from '../warehouse/index.js';
import {
  insertShipment,
  insertShipmentLines,
  selectCustomerState,
  selectShipment,
  selectShipmentDestinations,
  selectShipmentLines,
  selectShipments,
  type ShipmentHeader,
} from './shipment.queries.js';
import type { CreateShipmentInput, ListShipmentsQuery, Shipment } from './shipment.schema.js';

// Quality reads shipments to answer recalls.
function requireShipmentRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, ['shipping', 'quality'], 'read');
}

/** Shipments, filtered by customer or by an LP they carried. */
export async function listShipments(ctx: RequestContext, query: ListShipmentsQuery) {
  requireShipmentRead(ctx);
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await withPlates(ctx, tx, await selectShipments(tx, { ...query, after })), query.limit));
}

/** One shipment with the LPs it carried. */
export async function getShipment(ctx: RequestContext, id: string): Promise<Shipment> {
  requireShipmentRead(ctx);
  const shipment = await withTenant(ctx, async (tx) => {
    const header = await selectShipment(tx, id);
    return header ? (await withPlates(ctx, tx, [header]))[0]! : null;
  });
  if (!shipment) throw notFound('shipment');
  return shipment;
}

/**
 * Ships LPs to a customer, numbered SH-000001. Every LP must be usable (available,
 * released, not expired); they become `shipped` with a `ship` ledger row. All or nothing.
 */
export async function createShipment(ctx: RequestContext, input: CreateShipmentInput): Promise<Shipment> {
  requirePermission(ctx, 'shipping', 'write');
  const shipDate = input.shipDate ?? (await organizationToday(ctx));
  return withTenant(ctx, (tx) => recordShipment(ctx, tx, { customerId: input.customerId, licensePlateIds: input.licensePlateIds, shipDate }));
}

/**
 * The shipment itself, in the caller's transaction: a plain one, or one made from a sales order
 * (`salesOrderId`, shipping the plates held for its lines, `holderIds`).
 */
export async function recordShipment(
  ctx: RequestContext,
  tx: Tx,
  input: { customerId: string; licensePlateIds: string[]; shipDate: string; salesOrderId?: string; holderIds?: string[] },
): Promise<Shipment> {
  const customer = await selectCustomerState(tx, input.customerId);
  if (!customer) throw notFoundAt('customerId', 'customer');
  if (!customer.active) throw inactiveAt('customerId', 'customer', customer.code);
  const number = formatNumber('SH-', await nextNumber(tx, ctx.orgId, 'SH'), 6);
  const shipmentId = await insertShipment(tx, ctx.orgId, { number, customerId: input.customerId, shipDate: input.shipDate, salesOrderId: input.salesOrderId ?? null });
  const shipped = await shipLicensePlates(ctx, { licensePlateIds: input.licensePlateIds, reference: number, holderIds: input.holderIds });
  await insertShipmentLines(tx, ctx.orgId, shipmentId, shipped);
  await emitEvent(tx, ctx, { type: 'shipment.created', subjectId: shipmentId, payload: { id: shipmentId, number, customerId: input.customerId, status: 'shipped' } });
  return (await withPlates(ctx, tx, [(await selectShipment(tx, shipmentId))!]))[0]!;
}

/**
 * Shipments as the API shows them: each with the LPs it carried, in line order. The quantity is
 * the line's (what left); number, expiry and unit are the LP's, read through the warehouse.
 */
async function withPlates(ctx: RequestContext, tx: Tx, headers: ShipmentHeader[]): Promise<Shipment[]> {
  const lines = await selectShipmentLines(tx, headers.map((header) => header.id));
  const plates = new Map((await listLicensePlatesByIds(ctx, [...new Set(lines.map((line) => line.licensePlateId))])).map((lp) => [lp.id, lp]));
  return headers.map((header) => ({
    ...header,
    createdAt: toIso(header.createdAt),
    licensePlates: lines
      .filter((line) => line.shipmentId === header.id)
      .map((line) => {
        const lp = plates.get(line.licensePlateId)!;
        return { id: lp.id, number: lp.number, productId: line.productId, lot: line.lot, expiryDate: lp.expiryDate, qty: decimal(line.qty), uom: lp.uom };
      }),
  }));
}

/** Where LPs were shipped (shipment, customer, date); LPs never shipped are left out. */
export async function listShipmentDestinations(ctx: RequestContext, licensePlateIds: string[]) {
  requireShipmentRead(ctx);
  return withTenant(ctx, (tx) => selectShipmentDestinations(tx, licensePlateIds));
}
