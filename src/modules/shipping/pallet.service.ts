import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { toIso } from '../../platform/db/columns.js';
import { nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { makeSscc } from '../../platform/gs1/index.js';
import { AppError, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { getOrgSettings } from '../settings/index.js';
import { listLicensePlatesByIds } from '../warehouse/index.js';
import { selectPicks } from './pick-list.queries.js';
import { insertPallet, insertPalletItem, selectPallet, selectPalletItems, selectPalletsOfOrder, type PalletRow } from './pallet.queries.js';
import type { Pallet } from './pallet.schema.js';
import { selectSalesOrderLines } from './sales-order.queries.js';
import { lockSalesOrder, requireStatus } from './sales-order.view.js';

// SSCCs are made with extension digit 0: the digit is the company's to use, and one series is enough here.
const EXTENSION_DIGIT = 0;

/** A pallet with the LPs on it, in the caller's transaction. */
export async function palletView(ctx: RequestContext, tx: Tx, pallet: PalletRow): Promise<Pallet> {
  const items = await selectPalletItems(tx, [pallet.id]);
  // What was picked onto the pallet (a plate that has shipped holds 0 now).
  const lineIds = (await selectSalesOrderLines(tx, [pallet.salesOrderId])).map((line) => line.id);
  const pickedQty = new Map((await selectPicks(tx, lineIds)).map((pick) => [pick.licensePlateId, decimal(pick.qty)]));
  const plates = new Map((await listLicensePlatesByIds(ctx, items.map((item) => item.licensePlateId))).map((lp) => [lp.id, lp]));
  return {
    ...pallet,
    createdAt: toIso(pallet.createdAt),
    items: items.map((item) => {
      const lp = plates.get(item.licensePlateId)!;
      return { licensePlateId: lp.id, licensePlateNumber: lp.number, productId: lp.productId, lot: lp.lot, expiryDate: lp.expiryDate, qty: pickedQty.get(lp.id) ?? lp.qty, uom: lp.uom };
    }),
  };
}

export async function requirePallet(tx: Tx, id: string): Promise<PalletRow> {
  const pallet = await selectPallet(tx, id);
  if (!pallet) throw notFound('pallet');
  return pallet;
}

/** One pallet with its LPs. */
export async function getPallet(ctx: RequestContext, id: string): Promise<Pallet> {
  requirePermission(ctx, 'shipping', 'read');
  return withTenant(ctx, async (tx) => palletView(ctx, tx, await requirePallet(tx, id)));
}

/** The pallets of a sales order, oldest first. */
export async function listPallets(ctx: RequestContext, salesOrderId: string): Promise<{ items: Pallet[]; nextCursor: null }> {
  requirePermission(ctx, 'shipping', 'read');
  return withTenant(ctx, async (tx) => {
    const items: Pallet[] = [];
    for (const pallet of await selectPalletsOfOrder(tx, salesOrderId)) items.push(await palletView(ctx, tx, pallet));
    return { items, nextCursor: null };
  });
}

/**
 * A pallet for a sales order with a new SSCC: extension digit, the organization's GS1 company
 * prefix (409 naming gs1CompanyPrefix while it has none), the next serial of its own counter,
 * and the check digit.
 */
export async function createPallet(ctx: RequestContext, input: { salesOrderId: string }): Promise<Pallet> {
  requirePermission(ctx, 'shipping', 'write');
  const companyPrefix = (await getOrgSettings(ctx)).gs1CompanyPrefix;
  if (!companyPrefix) {
    throw new AppError('INVALID_STATE', 'the organization has no gs1CompanyPrefix: set it in the settings before making pallets', [
      { path: 'gs1CompanyPrefix', message: 'is not set' },
    ]);
  }
  return withTenant(ctx, async (tx) => {
    const order = await lockSalesOrder(tx, input.salesOrderId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFoundAt('salesOrderId', 'sales order');
      throw error;
    });
    requireStatus(order, ['confirmed', 'allocated', 'partially_allocated', 'picking', 'shipped'], 'a pallet');
    const serial = await nextNumber(tx, ctx.orgId, 'SSCC');
    let sscc: string;
    try {
      sscc = makeSscc({ extensionDigit: EXTENSION_DIGIT, companyPrefix, serial });
    } catch (error) {
      throw new AppError('CONFLICT', `no SSCC serial is left under company prefix ${companyPrefix}: ${(error as Error).message}`);
    }
    const id = await insertPallet(tx, ctx.orgId, { salesOrderId: order.id, sscc, createdBy: ctx.userId ?? null });
    return palletView(ctx, tx, (await selectPallet(tx, id))!);
  });
}

/** Puts a picked LP of the pallet's order on it; any other LP, or one on a pallet already, is 409. */
export async function addPalletItem(ctx: RequestContext, palletId: string, input: { licensePlateId: string }): Promise<Pallet> {
  requirePermission(ctx, 'shipping', 'write');
  return withTenant(ctx, async (tx) => {
    const pallet = await requirePallet(tx, palletId);
    await lockSalesOrder(tx, pallet.salesOrderId);
    const lineIds = (await selectSalesOrderLines(tx, [pallet.salesOrderId])).map((line) => line.id);
    const picked = (await selectPicks(tx, lineIds)).some((pick) => pick.licensePlateId === input.licensePlateId);
    if (!picked) throw new AppError('CONFLICT', 'only plates picked for the pallet\'s sales order go on it', [{ path: 'licensePlateId', message: 'is not picked for this order' }]);
    if (!(await insertPalletItem(tx, ctx.orgId, palletId, input.licensePlateId))) {
      throw new AppError('CONFLICT', 'the license plate is on a pallet already', [{ path: 'licensePlateId', message: 'is on a pallet already' }]);
    }
    return palletView(ctx, tx, pallet);
  });
}
