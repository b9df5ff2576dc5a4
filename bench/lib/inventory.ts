import { sql } from 'drizzle-orm';
import { formatNumber, nextNumber } from '../../src/platform/db/counters.js';
import { withTenant } from '../../src/platform/db/tenancy.js';
import type { Session } from './api.js';
import type { BenchEnv } from './types.js';

export const INVENTORY_MISSING = 'inventory module not present';

/** The org_counters series of license plate numbers (as the inventory module names it). */
const LP_SERIES = 'LP';

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
  return { productId: product.id, locationId: location.id };
}

export interface SeededPlates {
  /** The human numbers of the seeded plates, in order. */
  numbers: string[];
}

/**
 * Bulk stock straight in SQL (through withTenant, so RLS and the app role apply): `count`
 * available, released license plates of `qty` each, numbered from the organization's LP
 * counter, each with its receipt row in the ledger, in batches of `batch` per transaction.
 */
export async function seedLicensePlates(
  env: BenchEnv,
  session: Session,
  place: StockPlace,
  options: { count: number; qty: string; lot: string; batch?: number },
): Promise<SeededPlates> {
  const scope = { orgId: session.orgId, userId: session.userId, databases: env.server.platform.databases };
  const batch = options.batch ?? 10_000;
  const first = await withTenant(scope, (tx) => nextNumber(tx, session.orgId, LP_SERIES, options.count));
  for (let from = first; from < first + options.count; from += batch) {
    const to = Math.min(from + batch, first + options.count) - 1;
    await withTenant(scope, async (tx) => {
      await tx.execute(sql`
        with plates as (
          insert into license_plates (org_id, number, product_id, location_id, lot, expiry_date, qty, status, qa_status)
          select ${session.orgId}::uuid, 'LP' || lpad(g::text, 8, '0'), ${place.productId}::uuid, ${place.locationId}::uuid,
                 ${options.lot} || '-' || (g / 1000), current_date + 30 + (g % 365), ${options.qty}::numeric, 'available', 'released'
          from generate_series(${from}::int, ${to}::int) g
          returning id, location_id, qty
        )
        insert into stock_moves (org_id, license_plate_id, type, qty_change, qty_after, to_location_id, reason)
        select ${session.orgId}::uuid, id, 'receipt', qty, qty, location_id, 'bench seed' from plates`);
    });
    env.log(`  seeded license plates up to ${to - first + 1} of ${options.count}`);
  }
  return { numbers: Array.from({ length: options.count }, (_, i) => formatNumber('LP', first + i, 8)) };
}
