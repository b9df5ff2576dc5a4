import { ilike, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/context.js';
import { containsPattern, matchOrder, type SearchHit } from '../../platform/db/search.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { requireStockRead } from './license-plate.service.js';
import { licensePlates } from './tables.js';

// GET /search over the warehouse's records: plates by number, lots by their text.

/** Plates whose number contains the text, any case, the exact number first. */
export async function searchLicensePlates(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requireStockRead(ctx);
  const pattern = containsPattern(search)!;
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: licensePlates.id, number: licensePlates.number, lot: licensePlates.lot, productId: licensePlates.productId })
      .from(licensePlates)
      .where(ilike(licensePlates.number, pattern))
      .orderBy(...matchOrder(licensePlates.number, search))
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'license_plate', id: row.id, label: row.number, lot: row.lot, productId: row.productId }));
}

/**
 * Lots (product and lot) whose text contains the search, any case, the exact lot first: a
 * lot is found without knowing its product. The id of a lot is its product's.
 */
export async function searchLots(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requireStockRead(ctx);
  const pattern = containsPattern(search)!;
  const lot = licensePlates.lot;
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ productId: licensePlates.productId, lot })
      .from(licensePlates)
      .where(ilike(lot, pattern))
      .groupBy(licensePlates.productId, lot)
      .orderBy(...matchOrder(lot, search).slice(0, 2), sql`max(${licensePlates.createdAt}) desc`)
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'lot', id: row.productId, label: row.lot, lot: row.lot, productId: row.productId }));
}
