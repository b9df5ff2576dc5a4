import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { fromMillionths, minUnits, toMillionths } from '../../platform/exact-quantity.js';
import { AppError } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { findDispatchProducts } from '../technical/index.js';
import { getLicensePlate, getLicensePlateByNumber, organizationToday, pickForHolder, type LicensePlate } from '../warehouse/index.js';
import { shipDateOf } from './allocation.service.js';
import { changePickListLine, insertPick, insertPickListLines, selectPickListLines, selectPicks, setPickListStatus, type PickListLineRow } from './pick-list.queries.js';
import type { PickInput } from './pick-list.schema.js';
import { pickListView, requirePickList } from './pick-list.view.js';
import { addToLine, selectSalesOrderLines } from './sales-order.queries.js';
import { excludedAllergensIn, requireActiveCustomer } from './sales-order.service.js';
import { lockSalesOrder, minimumExpiry, requireStatus } from './sales-order.view.js';

const refused = (detail: string, message: string, path = 'licensePlateId') => new AppError('CONFLICT', detail, [{ path, message }]);
const remaining = (line: PickListLineRow) => toMillionths(line.qty) - toMillionths(line.pickedQty);

/** How a pick changes the list: whose stock it is, which reservations it uses up, which lines change. */
interface PickPlan {
  salesOrderLineId: string;
  substituted: boolean;
  release: { licensePlateId: string; qty: string }[];
  lineChanges: { id: string; qty?: string; picked?: string }[];
}

/** The scanned LP: by id, or by its number as a barcode. */
async function scannedPlate(ctx: RequestContext, input: PickInput): Promise<LicensePlate> {
  if (input.licensePlateId !== undefined) return getLicensePlate(ctx, input.licensePlateId);
  return getLicensePlateByNumber(ctx, input.barcode!).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'no license plate has that barcode', [{ path: 'barcode', message: 'no such license plate' }]);
    throw error;
  });
}

/**
 * The allocated LP itself, up to what is left of its line; or another LP of a product on the list
 * (a substitution: the reservation moves from the lines still open, in list order); anything
 * else is 409 with the reason.
 */
function planPick(lines: PickListLineRow[], lp: LicensePlate, qty: bigint, alreadyPicked: Set<string>): PickPlan {
  if (alreadyPicked.has(lp.id)) throw refused(`license plate ${lp.number} is picked already`, 'already picked');
  const own = lines.find((line) => line.licensePlateId === lp.id && remaining(line) > 0n);
  if (own) {
    if (qty > remaining(own)) throw refused(`only ${fromMillionths(remaining(own))} ${lp.uom} of ${lp.number} is left to pick: over-pick`, 'over-pick', 'qty');
    return { salesOrderLineId: own.salesOrderLineId, substituted: false, release: [{ licensePlateId: lp.id, qty: fromMillionths(qty) }], lineChanges: [{ id: own.id, picked: fromMillionths(qty) }] };
  }
  const sameProduct = lines.filter((line) => line.productId === lp.productId);
  if (sameProduct.length === 0) throw refused(`license plate ${lp.number} holds a product this pick list does not ask for`, 'wrong product');
  const open = sameProduct.filter((line) => remaining(line) > 0n);
  const left = open.reduce((sum, line) => sum + remaining(line), 0n);
  if (qty > left) throw refused(`only ${fromMillionths(left)} ${lp.uom} of this product is left to pick: over-pick`, 'over-pick', 'qty');
  let toTake = qty;
  const plan: PickPlan = { salesOrderLineId: sameProduct[0]!.salesOrderLineId, substituted: true, release: [], lineChanges: [] };
  for (const line of open) {
    const take = minUnits(remaining(line), toTake);
    if (take === 0n) break;
    plan.release.push({ licensePlateId: line.licensePlateId, qty: fromMillionths(take) });
    plan.lineChanges.push({ id: line.id, qty: fromMillionths(-take) });
    toTake -= take;
  }
  return plan;
}

/**
 * Confirms a pick on an open list (by LP id or scanned number): a partial pick splits the LP and
 * the picked part goes on; a substitute must be usable, of the same product, keep the customer's
 * shelf life and carry no excluded allergen. Answers the list and what was picked.
 */
export async function pickFromList(ctx: RequestContext, pickListId: string, input: PickInput) {
  requirePermission(ctx, 'shipping', 'write');
  const today = await organizationToday(ctx);
  const qty = toDecimalText(input.qty);
  return withTenant(ctx, async (tx) => {
    const list = await requirePickList(tx, pickListId, { lock: true });
    if (list.status !== 'open') throw new AppError('INVALID_STATE', `pick list ${list.number} is ${list.status}`);
    const order = await lockSalesOrder(tx, list.salesOrderId);
    requireStatus(order, ['picking'], 'picking');
    const customer = await requireActiveCustomer(tx, order.customerId);
    const lp = await scannedPlate(ctx, input);
    const orderLineIds = (await selectSalesOrderLines(tx, [order.id])).map((line) => line.id);
    const alreadyPicked = new Set((await selectPicks(tx, orderLineIds)).map((pick) => pick.licensePlateId));
    const plan = planPick(await selectPickListLines(tx, list.id), lp, toMillionths(qty), alreadyPicked);
    const excluded = excludedAllergensIn((await findDispatchProducts(ctx, [lp.productId])).get(lp.productId)!, customer);
    if (excluded.length > 0) throw refused(`license plate ${lp.number} contains ${excluded.join(', ')}, which customer ${customer.code} excludes`, 'excluded allergen');
    const minExpiry = minimumExpiry(shipDateOf(order, today), customer.minRemainingShelfLifeDays);
    const picked = await pickForHolder(ctx, { holderId: plan.salesOrderLineId, productId: lp.productId, licensePlateId: lp.id, qty, minExpiry, release: plan.release });
    await recordPick(ctx, tx, { pickListId: list.id, lp, picked, qty, plan });
    const view = await pickListView(ctx, tx, await requirePickList(tx, list.id));
    return { ...view, picked: { licensePlateId: picked.id, licensePlateNumber: picked.number, qty: decimal(qty), substituted: plan.substituted } };
  });
}

/** The pick on the list and the order: the pick row, the lines' quantities, and the list done once nothing is left. */
async function recordPick(ctx: RequestContext, tx: Tx, pick: { pickListId: string; lp: LicensePlate; picked: LicensePlate; qty: string; plan: PickPlan }): Promise<void> {
  const { plan, lp } = pick;
  await insertPick(tx, ctx.orgId, { pickListId: pick.pickListId, salesOrderLineId: plan.salesOrderLineId, licensePlateId: pick.picked.id, qty: pick.qty, createdBy: ctx.userId ?? null });
  for (const change of plan.lineChanges) await changePickListLine(tx, change.id, change);
  if (plan.substituted) {
    await insertPickListLines(tx, ctx.orgId, pick.pickListId, [
      { salesOrderLineId: plan.salesOrderLineId, licensePlateId: lp.id, productId: lp.productId, lot: lp.lot, locationId: lp.locationId, qty: pick.qty, pickedQty: pick.qty },
    ]);
  }
  await addToLine(tx, plan.salesOrderLineId, { picked: pick.qty });
  if ((await selectPickListLines(tx, pick.pickListId)).every((line) => remaining(line) <= 0n)) await setPickListStatus(tx, pick.pickListId, 'done');
}
