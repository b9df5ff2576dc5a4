import { and, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { products } from './tables.js';

/** The products whose GTIN, padded to 14 digits, is `gtin14` (index products_gtin14_idx); at most `limit`. */
export async function selectProductsByGtin(tx: Tx, gtin14: string, limit: number): Promise<{ id: string; status: string }[]> {
  return tx
    .select({ id: products.id, status: products.status })
    .from(products)
    .where(and(isNotNull(products.gtin), sql`lpad(${products.gtin}, 14, '0') = ${gtin14}`))
    .orderBy(products.id)
    .limit(limit);
}
