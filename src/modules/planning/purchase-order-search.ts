import { ilike } from 'drizzle-orm';
import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { containsPattern, matchOrder, type SearchHit } from '../../platform/db/search.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { purchaseOrders } from './tables.js';

/** Purchase orders whose number contains the text, any case, the exact number first (GET /search). */
export async function searchPurchaseOrders(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requireAnyPermission(ctx, ['planning', 'warehouse'], 'read');
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: purchaseOrders.id, number: purchaseOrders.number, status: purchaseOrders.status })
      .from(purchaseOrders)
      .where(ilike(purchaseOrders.number, containsPattern(search)!))
      .orderBy(...matchOrder(purchaseOrders.number, search))
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'purchase_order', id: row.id, label: row.number, detail: row.status }));
}
