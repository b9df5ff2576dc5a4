import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { formatNumber, nextNumber } from '../../platform/db/counters.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { AppError, notFound, notFoundAt } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { announcePurchaseOrderReceived, receiveAgainstPurchaseOrder, suppliers, type ReceivingLine } from '../planning/index.js';
import { getOrgSettings } from '../settings/index.js';
import { openArrivalInspections, productsToInspect } from './arrival-inspections.js';
import { emitLicensePlatesCreated, emitReceiptCreated } from './events.js';
import { insertMoves } from './ledger.queries.js';
import { insertLicensePlates, type NewLicensePlate } from './license-plate.queries.js';
import { nextLicensePlateNumbers } from './lineage.service.js';
import { insertReceipt, insertReceiptLines, selectReceipt, selectReceiptOrigins, selectReceipts } from './receipt.queries.js';
import type { CreateReceiptInput, ListReceiptsQuery, Receipt } from './receipt.schema.js';
import { defaultExpiry, findStockProducts, requireActiveLocation, requireStockProduct } from './reference.service.js';
import { todayIn } from './usability.js';

function requireReceiptRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, ['warehouse', 'planning', 'quality'], 'read');
}

/** Receipts, filtered by purchase order or supplier, with their lines and LPs. */
export async function listReceipts(ctx: RequestContext, query: ListReceiptsQuery) {
  requireReceiptRead(ctx);
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectReceipts(tx, { ...query, after }), query.limit));
}

/** One receipt (GRN) with its lines and LPs. */
export async function getReceipt(ctx: RequestContext, id: string): Promise<Receipt> {
  requireReceiptRead(ctx);
  const receipt = await withTenant(ctx, (tx) => selectReceipt(tx, id));
  if (!receipt) throw notFound('receipt');
  return receipt;
}

/**
 * Receives goods onto new LPs, numbered GRN-000001: one LP per line, or `count` LPs of
 * `qty` each. Expiry defaults to today (organization time zone) + shelf life; LPs start
 * `pending` when receipts need QA or quality inspects the product on receipt (an inspection
 * is opened for them), else `released`. Against a purchase order the lines are counted into
 * its receivedQty. All or nothing.
 */
export async function createReceipt(ctx: RequestContext, input: CreateReceiptInput): Promise<Receipt> {
  requirePermission(ctx, 'warehouse', 'write');
  const settings = await getOrgSettings(ctx);
  const today = todayIn(settings.timezone);
  return withTenant(ctx, async (tx) => {
    await requireActiveLocation(ctx, input.locationId, 'locationId');
    const products = await findStockProducts(ctx, input.lines.map((line) => line.productId));
    const lines = input.lines.map((line, index) => {
      const product = requireStockProduct(products, line.productId, `lines.${index}.productId`);
      return { ...line, uom: product.uom, qty: toDecimalText(line.qty), count: line.count ?? 1, expiryDate: line.expiryDate ?? defaultExpiry(today, product) };
    });
    const origin = await resolveOrigin(ctx, tx, input, lines);
    const number = formatNumber('GRN-', await nextNumber(tx, ctx.orgId, 'GRN'), 6);
    const receiptId = await insertReceipt(tx, ctx.orgId, { number, purchaseOrderId: input.purchaseOrderId ?? null, supplierId: origin.supplierId, locationId: input.locationId });
    const lineIds = await insertReceiptLines(tx, ctx.orgId, receiptId, lines.map((line, index) => ({ ...line, poLineId: origin.poLineIds[index] ?? null })));
    const numbers = await nextLicensePlateNumbers(tx, ctx.orgId, lines.reduce((sum, line) => sum + line.count, 0));
    const inspected = await productsToInspect(ctx, 'receipt', lines.map((line) => line.productId));
    const plates: NewLicensePlate[] = lines.flatMap((line, index) =>
      Array.from({ length: line.count }, () => ({
        ...line,
        number: numbers.shift()!,
        qaStatus: settings.receiptQaRequired || inspected.has(line.productId) ? ('pending' as const) : ('released' as const),
        locationId: input.locationId,
        origin: 'receipt' as const,
        receiptId,
        receiptLineId: lineIds[index]!,
      })),
    );
    const created = await insertLicensePlates(tx, ctx.orgId, plates);
    await insertMoves(tx, ctx.orgId, created.map((lp) => ({ licensePlateId: lp.id, type: 'receipt' as const, qtyChange: lp.qty, qtyAfter: lp.qty, toLocationId: lp.locationId, reason: number })));
    // Before any event: inspection numbers are counted before the events counter is locked.
    await openArrivalInspections(ctx, 'receipt', created, inspected);
    const receipt = (await selectReceipt(tx, receiptId))!;
    await emitReceiptCreated(tx, ctx, receipt);
    await emitLicensePlatesCreated(tx, ctx, receipt.licensePlates);
    if (input.purchaseOrderId) await announcePurchaseOrderReceived(ctx, input.purchaseOrderId);
    return receipt;
  });
}

/**
 * Who delivered and which order lines the receipt lines count against: against a purchase
 * order, planning counts them into receivedQty (409 beyond the tolerance) and the supplier
 * is the order's; without one, the optional supplierId must exist.
 */
async function resolveOrigin(ctx: RequestContext, tx: Tx, input: CreateReceiptInput, lines: ReceivingLine[]): Promise<{ supplierId: string | null; poLineIds: (string | null)[] }> {
  const supplierId = input.supplierId ?? null;
  if (!input.purchaseOrderId) {
    if (supplierId) await requireSupplier(ctx, supplierId);
    return { supplierId, poLineIds: lines.map(() => null) };
  }
  const received = await receiveAgainstPurchaseOrder(ctx, { purchaseOrderId: input.purchaseOrderId, lines });
  if (supplierId && supplierId !== received.supplierId) {
    throw AppError.coded('CONFLICT', 'supplier_mismatch', {}, "the supplier is not the purchase order's supplier", [{ path: 'supplierId', message: "differs from the order's supplier" }]);
  }
  return received;
}

/** A supplier of the organization, read through planning's store; 404 names supplierId. */
async function requireSupplier(ctx: RequestContext, id: string): Promise<void> {
  await suppliers.get(ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFoundAt('supplierId', 'supplier');
    throw error;
  });
}

/** Where received LPs came from (receipt, supplier, purchase order); LPs not received are left out. */
export async function listReceiptOrigins(ctx: RequestContext, licensePlateIds: string[]) {
  requireReceiptRead(ctx);
  return withTenant(ctx, (tx) => selectReceiptOrigins(tx, licensePlateIds));
}

