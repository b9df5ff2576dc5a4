import { eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { products } from './tables.js';

/**
 * A product's code and whether it is active, read in the caller's transaction (uncached):
 * what planning a work order for it needs to know, without its allergens.
 */
export async function findProductState(ctx: RequestContext, id: string): Promise<{ code: string; active: boolean } | null> {
  requirePermission(ctx, 'technical', 'read');
  const [product] = await withTenant(ctx, (tx) => tx.select({ code: products.code, status: products.status }).from(products).where(eq(products.id, id)));
  return product ? { code: product.code, active: product.status === 'active' } : null;
}
