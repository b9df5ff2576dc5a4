import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenantReadOnly } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { productExists, selectRecallJson, selectRootIds, selectTraceJson } from './trace.queries.js';
import type { Direction, Recall, RecallQuery, Trace, TraceQuery } from './trace.schema.js';
import { formatCsvRow } from '../../platform/csv.js';

// Quality answers recalls, planning and production need to know what went where: read
// rights on any of the three may trace. The trace reads the warehouse's and shipping's
// tables directly (one statement per trace), never writing them.
const traceReaders = ['quality', 'planning', 'production'] as const;

function requireTraceRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, traceReaders, 'read');
}

/** The roots of a trace; 404 (naming the field) when there is no such LP, product or lot in the organization. */
async function requireRoots(tx: Tx, start: TraceQuery): Promise<string[]> {
  const roots = await selectRootIds(tx, start);
  if (roots.length > 0) return roots;
  if (start.licensePlateId) throw new AppError('NOT_FOUND', 'license plate not found', [{ path: 'licensePlateId', message: 'no such license plate' }]);
  if (!(await productExists(tx, start.productId!))) throw new AppError('NOT_FOUND', 'product not found', [{ path: 'productId', message: 'no such product' }]);
  throw new AppError('NOT_FOUND', `no license plate of this product has lot ${start.lot}`, [{ path: 'lot', message: 'no license plate has this lot' }]);
}

/**
 * Follows genealogy from an LP (or every LP of a lot) through production, splits and
 * merges at every level: backward to the receipts it came from, forward to the shipments
 * that carried what was made of it. Links point from the older LP to the newer either way.
 * Answers the JSON text PostgreSQL built (see trace.queries.ts), ready to send.
 */
export async function traceLicensePlatesJson(ctx: RequestContext, direction: Direction, start: TraceQuery): Promise<string> {
  requireTraceRead(ctx);
  return withTenantReadOnly(ctx, async (tx) => selectTraceJson(tx, direction, await requireRoots(tx, start)));
}

/** The trace as an object, for callers inside the server. */
export async function traceLicensePlates(ctx: RequestContext, direction: Direction, start: TraceQuery): Promise<Trace> {
  return JSON.parse(await traceLicensePlatesJson(ctx, direction, start)) as Trace;
}

/** For a suspect lot: every LP made from it (and its own), where each is now, and every shipment and customer that received any (JSON text). */
export async function recallLotJson(ctx: RequestContext, query: RecallQuery): Promise<string> {
  requireTraceRead(ctx);
  return withTenantReadOnly(ctx, async (tx) => selectRecallJson(tx, query, await requireRoots(tx, query)));
}

/** The recall as an object (for CSV, and callers inside the server). */
export async function recallLot(ctx: RequestContext, query: RecallQuery): Promise<Recall> {
  return JSON.parse(await recallLotJson(ctx, query)) as Recall;
}

const csvHeader = ['record', 'licensePlateNumber', 'productCode', 'productName', 'lot', 'expiryDate', 'qty', 'uom', 'status', 'qaStatus', 'warehouse', 'location', 'shipmentNumber', 'shipDate', 'customerCode', 'customerName'];
/** qty stays a number; every other column is text and defused where a spreadsheet would run it. */
const numericColumns = [csvHeader.indexOf('qty')];

/** The recall as CSV: a `license_plate` row per affected LP, then a `shipment` row per LP shipped. */
export function recallToCsv(recall: Recall): string {
  const plates = new Map(recall.licensePlates.map((lp) => [lp.id, lp]));
  const rows: (string | number | null)[][] = [
    ...recall.licensePlates.map((lp) => [
      'license_plate', lp.number, lp.productCode, lp.productName, lp.lot, lp.expiryDate, lp.qty, lp.uom, lp.status, lp.qaStatus, lp.warehouseCode, lp.locationCode, null, null, null, null,
    ]),
    ...recall.shipments.map((line) => {
      const lp = plates.get(line.licensePlateId);
      return [
        'shipment', line.licensePlateNumber, line.productCode, lp?.productName ?? null, line.lot, lp?.expiryDate ?? null, line.qty, lp?.uom ?? null, 'shipped', lp?.qaStatus ?? null, null, null,
        line.shipmentNumber, line.shipDate, line.customerCode, line.customerName,
      ];
    }),
  ];
  return [csvHeader, ...rows].map((row) => formatCsvRow(row, { numericColumns })).join('\r\n') + '\r\n';
}
