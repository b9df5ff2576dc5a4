import { ilike } from 'drizzle-orm';
import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { containsPattern, matchOrder, type SearchHit } from '../../platform/db/search.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { workOrders } from './tables.js';

/** Work orders whose number contains the text, any case, the exact number first (GET /search). */
export async function searchWorkOrders(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requireAnyPermission(ctx, ['production', 'planning'], 'read');
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: workOrders.id, number: workOrders.number, status: workOrders.status, productId: workOrders.productId })
      .from(workOrders)
      .where(ilike(workOrders.number, containsPattern(search)!))
      .orderBy(...matchOrder(workOrders.number, search))
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'work_order', id: row.id, label: row.number, detail: row.status, productId: row.productId }));
}
