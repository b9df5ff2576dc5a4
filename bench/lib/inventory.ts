import { sql } from 'drizzle-orm';
import { formatNumber, nextNumber } from '../../src/platform/db/counters.js';
import { withTenant } from '../../src/platform/db/tenancy.js';
import type { Session } from './api.js';
import type { BenchEnv } from './types.js';

export const INVENTORY_MISSING = 'inventory module not present';

/** The org_counters series of license plate numbers (as the inventory module names it). */
const LP_SERIES = 'LP';
/** License plate numbers: LP00000001 (API.md). */
const LP_PREFIX = 'LP';

/**
 * Whether the inventory module has landed: its table in the database and the route the
 * scenario drives (probed over HTTP, so it does not depend on the route's param names).
 */
export async function inventoryPresent(env: BenchEnv, session: Session, probe: { method: string; path: string; body?: unknown }): Promise<boolean> {
  const [row] = await env.bareQuery<{ table: string | null }>(`select to_regclass('license_plates')::text as "table"`);
  if (!row?.table) return false;
  return env.api.routeExists(probe.method, probe.path, session.accessToken, probe.body);
}

export interface StockPlace {
  productId: string;
  locationId: string;
  uom: string;
}

/** A warehouse, a storage location and a raw product, through the API. */
export async function seedStockPlace(env: BenchEnv, session: Session, label: string): Promise<StockPlace> {
  const token = session.accessToken;
  const warehouse = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/warehouses', { token, body: { code: `WH-${label}`, name: `Bench ${label}` } });
  const location = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/locations', {
    token,
    body: { warehouseId: warehouse.id, code: `LOC-${label}`, name: `Bench ${label}`, type: 'storage' },
  });
  const product = await env.api.expect<{ id: string }>(201, 'POST', '/api/v1/products', { token, body: { code: `RM-${label}`, name: `Bench flour ${label}`, type: 'raw', uom: 'kg' } });
  return { productId: product.id, locationId: location.id, uom: 'kg' };
}

export interface ReceivedPlate {
  receiptId: string;
  receiptNumber: string;
  id: string;
  number: string;
}

/** One license plate received through the real API (POST /api/v1/receipts). */
export async function receiveOne(env: BenchEnv, session: Session, place: StockPlace, qty: number, lot: string): Promise<ReceivedPlate> {
  const receipt = await env.api.expect<{ id: string; number: string; licensePlates: { id: string; number: string }[] }>(201, 'POST', '/api/v1/receipts', {
    token: session.accessToken,
    body: { locationId: place.locationId, lines: [{ productId: place.productId, qty, lot }] },
  });
  const plate = receipt.licensePlates[0];
  if (!plate) throw new Error('the receipt made no license plate');
  return { receiptId: receipt.id, receiptNumber: receipt.number, id: plate.id, number: plate.number };
}

/**
 * Bulk stock: the first plate through the receipts API, the rest straight in SQL (through
 * withTenant, so RLS and the app role apply) as further lines of that receipt, in batches of
 * `batch` plates per transaction: available, released, numbered from the organization's LP
 * counter, each with its receipt row in the ledger, exactly as a receipt leaves them.
 */
export async function seedLicensePlates(
  env: BenchEnv,
  session: Session,
  place: StockPlace,
  options: { count: number; qty: number; lot: string; batch?: number },
): Promise<string[]> {
  const first = await receiveOne(env, session, place, options.qty, `${options.lot}-0`);
  const numbers = [first.number];
  const remaining = options.count - 1;
  if (remaining <= 0) return numbers;
  const scope = { orgId: session.orgId, userId: session.userId, databases: env.server.platform.databases };
  const orgId = session.orgId;
  const qty = String(options.qty);
  const batch = options.batch ?? 10_000;
  const start = await withTenant(scope, (tx) => nextNumber(tx, orgId, LP_SERIES, remaining));
  const end = start + remaining - 1;
  let lineNo = 1; // the API's receipt line
  for (let from = start; from <= end; from += batch) {
    const to = Math.min(from + batch - 1, end);
    lineNo += 1;
    const lot = `${options.lot}-${lineNo}`;
    await withTenant(scope, async (tx) => {
      await tx.execute(sql`
        with line as (
          insert into receipt_lines (org_id, receipt_id, line_no, product_id, qty, plate_count, lot, expiry_date)
          values (${orgId}::uuid, ${first.receiptId}::uuid, ${lineNo}::int, ${place.productId}::uuid, ${qty}::numeric, ${to - from + 1}::int, ${lot}::text,
                  current_date + 30 + ${lineNo}::int)
          returning id, expiry_date
        ), plates as (
          insert into license_plates (org_id, number, product_id, lot, expiry_date, qty, uom, status, qa_status, location_id, origin, receipt_id, receipt_line_id)
          select ${orgId}::uuid, ${LP_PREFIX}::text || lpad(g::text, 8, '0'), ${place.productId}::uuid, ${lot}::text, line.expiry_date, ${qty}::numeric,
                 ${place.uom}::text, 'available', 'released', ${place.locationId}::uuid, 'receipt', ${first.receiptId}::uuid, line.id
          from generate_series(${from}::int, ${to}::int) g, line
          returning id, location_id, qty
        )
        insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after, to_location_id, reason)
        select ${orgId}::uuid, id, 'receipt', qty, qty, location_id, ${first.receiptNumber}::text from plates`);
    });
    for (let n = from; n <= to; n++) numbers.push(formatNumber(LP_PREFIX, n, 8));
    env.log(`  ${numbers.length} of ${options.count} license plates`);
  }
  return numbers;
}
