import { ilike } from 'drizzle-orm';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { containsPattern, matchOrder, type SearchHit } from '../../platform/db/search.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { pallets, salesOrders } from './tables.js';

// GET /search over shipping's records: sales orders by number, pallets by SSCC.

/** Sales orders whose number contains the text, any case, the exact number first. */
export async function searchSalesOrders(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requirePermission(ctx, 'shipping', 'read');
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: salesOrders.id, number: salesOrders.number, status: salesOrders.status })
      .from(salesOrders)
      .where(ilike(salesOrders.number, containsPattern(search)!))
      .orderBy(...matchOrder(salesOrders.number, search))
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'sales_order', id: row.id, label: row.number, detail: row.status }));
}

/** Pallets whose SSCC contains the digits typed (an "(00)" prefix is ignored), the exact SSCC first. */
export async function searchPallets(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requirePermission(ctx, 'shipping', 'read');
  const digits = search.replace(/^\(00\)/, '').replace(/\s+/g, '');
  if (!/^\d+$/.test(digits)) return [];
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: pallets.id, sscc: pallets.sscc })
      .from(pallets)
      .where(ilike(pallets.sscc, containsPattern(digits)!))
      .orderBy(...matchOrder(pallets.sscc, digits))
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'sscc', id: row.id, label: row.sscc }));
}
