import { inArray } from 'drizzle-orm';
import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { selectUnknownAllergenCodes } from './allergen.queries.js';
import { selectAllergenSets } from './product.queries.js';
import { products } from './tables.js';
import { todayFor } from './technical-cache.js';

// What dispatch (shipping) needs of products: names and GTINs for documents and labels, and the
// allergens a customer may refuse, derived through every level of the BOMs in force today.

/** A product as sales orders, pick lists and labels show it. */
export interface DispatchProduct {
  id: string;
  code: string;
  name: string;
  uom: string;
  gtin: string | null;
  /** Declared plus everything its active BOMs bring in, at any depth. */
  derivedAllergens: string[];
}

/** The products among ids, by id, with their derived allergens; joins the caller's transaction. */
export async function findDispatchProducts(ctx: RequestContext, ids: string[]): Promise<Map<string, DispatchProduct>> {
  requireAnyPermission(ctx, ['technical', 'shipping'], 'read');
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const today = await todayFor(ctx);
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({ id: products.id, code: products.code, name: products.name, uom: products.uom, gtin: products.gtin })
      .from(products)
      .where(inArray(products.id, unique));
    const allergens = await selectAllergenSets(tx, rows.map((row) => row.id), today);
    return new Map(rows.map((row) => [row.id, { ...row, derivedAllergens: allergens.get(row.id)!.derivedAllergens }]));
  });
}

/** The codes among `codes` that are no allergen of the organization. */
export async function findUnknownAllergenCodes(ctx: RequestContext, codes: string[]): Promise<string[]> {
  requireAnyPermission(ctx, ['technical', 'shipping'], 'read');
  if (codes.length === 0) return [];
  return withTenant(ctx, (tx) => selectUnknownAllergenCodes(tx, codes));
}
