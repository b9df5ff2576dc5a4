import { ilike, inArray, or } from 'drizzle-orm';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { containsPattern, matchOrder, type SearchHit } from '../../platform/db/search.js';
import { withTenant } from '../../platform/db/tenancy.js';
import type { Product } from './product.schema.js';
import { products } from './tables.js';

/** Products whose code or name contains the text, any case, best matches first (GET /search). */
export async function searchProducts(ctx: RequestContext, search: string, limit: number): Promise<SearchHit[]> {
  requirePermission(ctx, 'technical', 'read');
  const pattern = containsPattern(search)!;
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: products.id, code: products.code, name: products.name })
      .from(products)
      .where(or(ilike(products.code, pattern), ilike(products.name, pattern)))
      .orderBy(...matchOrder(products.code, search))
      .limit(limit),
  );
  return rows.map((row) => ({ kind: 'product', id: row.id, label: row.code, detail: row.name }));
}

/** Code, name and type of the products among ids (others' or unknown ids are left out). */
export async function describeProducts(ctx: RequestContext, ids: string[]): Promise<Map<string, Pick<Product, 'id' | 'code' | 'name' | 'type'>>> {
  requirePermission(ctx, 'technical', 'read');
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await withTenant(ctx, (tx) => tx.select({ id: products.id, code: products.code, name: products.name, type: products.type }).from(products).where(inArray(products.id, unique)));
  return new Map(rows.map((row) => [row.id, row]));
}
