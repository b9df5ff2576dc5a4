import type { RequestContext } from '../../platform/context.js';
import { AppError, inactiveAt, notFoundAt } from '../../platform/http/errors.js';
import { getLocation } from '../settings/index.js';
import { findProductReferences } from '../technical/index.js';

// Master data other modules own (products, locations), read only through what they export.

export interface StockProduct {
  id: string;
  code: string;
  uom: string;
  shelfLifeDays: number | null;
  active: boolean;
}

/** The products among ids that exist in the organization, by id (technical's references, in the caller's transaction). */
export async function findStockProducts(ctx: RequestContext, ids: string[]): Promise<Map<string, StockProduct>> {
  return findProductReferences(ctx, ids);
}

/** A product stock can be booked on: it exists (404) and is active (409); `path` names the field. */
export function requireStockProduct(products: Map<string, StockProduct>, id: string, path: string): StockProduct {
  const product = products.get(id);
  if (!product) throw notFoundAt(path, 'product');
  if (!product.active) throw inactiveAt(path, 'product', product.code);
  return product;
}

/** A location stock can be put on: it exists (404) and is active (409); `path` names the field. */
export async function requireActiveLocation(ctx: RequestContext, id: string, path: string): Promise<void> {
  const location = await getLocation(ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFoundAt(path, 'location');
    throw error;
  });
  if (!location.active) throw inactiveAt(path, 'location', location.code);
}

/** The expiry date a new LP gets when none is given: today + the product's shelf life, or none. */
export function defaultExpiry(today: string, product: StockProduct): string | null {
  if (product.shelfLifeDays === null) return null;
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + product.shelfLifeDays);
  return date.toISOString().slice(0, 10);
}
