import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { readAsTenant, withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { insertMoves, selectMoves } from './ledger.queries.js';
import type { AdjustInput, LicensePlate, ListLicensePlatesQuery, MoveInput } from './license-plate.schema.js';
import { lockLicensePlate, selectLicensePlate, licensePlateByNumberSql, selectLicensePlates, selectLicensePlatesByIds, setCountedQty, updateLocation } from './license-plate.queries.js';
import { publicPlate, type LicensePlateRecord } from './license-plate.record.js';
import { requireActiveLocation } from './reference.service.js';
import { requireReservationsCovered } from './reservation-guard.js';
import { organizationToday } from './usability.js';

// Whoever handles stock may see it: warehouse, production, quality and shipping.
const stockReaders = ['warehouse', 'production', 'quality', 'shipping'] as const;

/** Reading LPs, the ledger and stock needs read rights on any module that handles stock. */
export function requireStockRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, stockReaders, 'read');
}

/** An LP that must be available (not consumed, shipped or merged) for the operation. */
export function requireAvailable(lp: Pick<LicensePlate, 'number' | 'status'>, action: string): void {
  if (lp.status !== 'available') {
    throw AppError.coded('INVALID_STATE', 'license_plate_not_available', { number: lp.number, status: lp.status }, `license plate ${lp.number} is ${lp.status} and cannot be ${action}`);
  }
}

/** Locks an LP of the organization for the rest of the transaction; 404 when there is none. */
export async function requireLockedLicensePlate(tx: Tx, id: string): Promise<LicensePlateRecord> {
  const lp = await lockLicensePlate(tx, id);
  if (!lp) throw notFound('license plate');
  return lp;
}

/** LPs filtered by product, lot, status, location, QA status or expiry, in id order. */
export async function listLicensePlates(ctx: RequestContext, query: ListLicensePlatesQuery) {
  requireStockRead(ctx);
  const after = decodeCursor(query.cursor);
  const today = query.expiringWithinDays !== undefined || query.expired !== undefined ? await organizationToday(ctx) : null;
  const plates = await withTenant(ctx, (tx) => selectLicensePlates(tx, { ...query, after, today }));
  return toPage(
    plates.map((plate) => ({ ...publicPlate(plate), productCode: plate.productCode, productName: plate.productName, locationCode: plate.locationCode })),
    query.limit,
  );
}

/** One LP; another organization's id is simply not found. */
export async function getLicensePlate(ctx: RequestContext, id: string): Promise<LicensePlate> {
  requireStockRead(ctx);
  const lp = await withTenant(ctx, (tx) => selectLicensePlate(tx, id));
  if (!lp) throw notFound('license plate');
  return publicPlate(lp);
}

/** The LPs among ids, in no particular order; ids of no LP (or another organization's) are left out. */
export async function listLicensePlatesByIds(ctx: RequestContext, ids: string[]): Promise<LicensePlate[]> {
  requireStockRead(ctx);
  if (ids.length === 0) return [];
  return (await withTenant(ctx, (tx) => selectLicensePlatesByIds(tx, ids))).map(publicPlate);
}

/** Every LP of a lot still in the plant (available), in id order. */
export async function listAvailableLotPlates(ctx: RequestContext, productId: string, lot: string): Promise<LicensePlate[]> {
  requireStockRead(ctx);
  const plates = await withTenant(ctx, (tx) => selectLicensePlates(tx, { productId, lot, status: 'available', after: null, today: null, limit: MAX_LOT_PLATES }));
  return plates.slice(0, MAX_LOT_PLATES).map(publicPlate);
}

/** More plates than any one lot holds in the plant; the list stops there. */
const MAX_LOT_PLATES = 100_000;

/** The scanner's lookup by human number (LP00000001): one statement, one round trip on a server (readAsTenant). */
export async function getLicensePlateByNumber(ctx: RequestContext, number: string): Promise<LicensePlate> {
  requireStockRead(ctx);
  const [lp] = await readAsTenant<LicensePlateRecord>(ctx, licensePlateByNumberSql(number));
  if (!lp) throw notFound('license plate');
  return publicPlate(lp);
}

/** An LP's ledger, newest first. */
export async function listLicensePlateMoves(ctx: RequestContext, id: string, query: { limit: number; cursor?: string }) {
  requireStockRead(ctx);
  const before = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => {
    if (!(await selectLicensePlate(tx, id))) throw notFound('license plate');
    return toPage(await selectMoves(tx, id, { before, limit: query.limit }), query.limit);
  });
}

/** Puts an available LP at another location; the ledger gets a `move` row. */
export async function moveLicensePlate(ctx: RequestContext, id: string, input: MoveInput): Promise<LicensePlate> {
  requirePermission(ctx, 'warehouse', 'write');
  return withTenant(ctx, async (tx) => {
    const lp = await requireLockedLicensePlate(tx, id);
    requireAvailable(lp, 'moved');
    await requireActiveLocation(ctx, input.toLocationId, 'toLocationId');
    if (lp.locationId === input.toLocationId) {
      throw AppError.coded('INVALID_STATE', 'already_at_location', { number: lp.number }, `license plate ${lp.number} is already at that location`, [{ path: 'toLocationId', message: 'is the current location' }]);
    }
    const moved = await updateLocation(tx, id, input.toLocationId);
    await insertMoves(tx, ctx.orgId, [
      { licensePlateId: id, type: 'move', qtyChange: '0', qtyAfter: moved.qty, fromLocationId: lp.locationId, toLocationId: input.toLocationId, reason: input.reason },
    ]);
    return publicPlate(moved);
  });
}

/** Sets the counted quantity of an available LP; the difference is booked as an `adjust` row. */
export async function adjustLicensePlate(ctx: RequestContext, id: string, input: AdjustInput): Promise<LicensePlate> {
  requirePermission(ctx, 'warehouse', 'write');
  return withTenant(ctx, async (tx) => {
    const lp = await requireLockedLicensePlate(tx, id);
    requireAvailable(lp, 'adjusted');
    const { plate, change } = await setCountedQty(tx, id, { qty: toDecimalText(input.qty), lockedQty: lp.qty });
    await requireReservationsCovered(tx, plate, 'a count lower than before');
    await insertMoves(tx, ctx.orgId, [
      { licensePlateId: id, type: 'adjust', qtyChange: change, qtyAfter: plate.qty, fromLocationId: lp.locationId, toLocationId: lp.locationId, reason: input.reason },
    ]);
    return publicPlate(plate);
  });
}
