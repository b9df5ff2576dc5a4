import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';

// Reads of master data other modules own (products, locations): SELECT only, never written here.

export interface StockProduct {
  id: string;
  code: string;
  uom: string;
  shelfLifeDays: number | null;
  active: boolean;
}

/** The products among ids that exist in the organization, by id. */
export async function selectStockProducts(tx: Tx, ids: string[]): Promise<Map<string, StockProduct>> {
  const result = await tx.execute(sql`select id, code, uom, shelf_life_days, status from products
    where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))`);
  return new Map(
    result.rows.map((row) => [
      row.id as string,
      {
        id: row.id as string,
        code: row.code as string,
        uom: row.uom as string,
        shelfLifeDays: row.shelf_life_days === null ? null : Number(row.shelf_life_days),
        active: row.status === 'active',
      },
    ]),
  );
}

/** A product stock can be booked on: it exists (404) and is active (409); `path` names the field. */
export function requireStockProduct(products: Map<string, StockProduct>, id: string, path: string): StockProduct {
  const product = products.get(id);
  if (!product) throw new AppError('NOT_FOUND', 'product not found', [{ path, message: 'no such product' }]);
  if (!product.active) throw new AppError('INVALID_STATE', `product ${product.code} is inactive`, [{ path, message: 'product is inactive' }]);
  return product;
}

/** A location stock can be put on: it exists (404) and is active (409); `path` names the field. */
export async function requireActiveLocation(tx: Tx, id: string, path: string): Promise<void> {
  const result = await tx.execute(sql`select code, active from locations where id = ${id}`);
  const row = result.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'location not found', [{ path, message: 'no such location' }]);
  if (!row.active) throw new AppError('INVALID_STATE', `location ${String(row.code)} is inactive`, [{ path, message: 'location is inactive' }]);
}

/** The expiry date a new LP gets when none is given: today + the product's shelf life, or none. */
export function defaultExpiry(today: string, product: StockProduct): string | null {
  if (product.shelfLifeDays === null) return null;
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + product.shelfLifeDays);
  return date.toISOString().slice(0, 10);
}
