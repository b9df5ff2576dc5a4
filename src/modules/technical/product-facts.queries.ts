import { inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { products } from './tables.js';

/** What the warehouse needs to book stock on a product: its unit, shelf life and status. */
export type ProductFacts = Pick<typeof products.$inferSelect, 'id' | 'code' | 'uom' | 'shelfLifeDays' | 'status'>;

/**
 * The products among ids that exist in the organization, in one statement for any number of
 * ids, inside the caller's transaction (receiving and output read them under their own writes).
 */
export async function selectProductFacts(tx: Tx, ids: string[]): Promise<ProductFacts[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: products.id, code: products.code, uom: products.uom, shelfLifeDays: products.shelfLifeDays, status: products.status })
    .from(products)
    .where(inArray(products.id, [...new Set(ids)]));
}
