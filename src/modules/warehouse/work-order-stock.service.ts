import { and, inArray, sql } from 'drizzle-orm';
import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { licensePlates } from './tables.js';
import { usableLicensePlateSql } from './usability.js';

// What a work order shows of the warehouse's stock, read in the caller's transaction: the
// usable stock of its materials and the plates it has output. Whoever may read work orders
// (production or planning) may read these.

function requireWorkOrderRead(ctx: RequestContext): void {
  requireAnyPermission(ctx, ['production', 'planning'], 'read');
}

/** Usable stock (available, QA-released, not expired before `today`) per product, exact; a product with none is absent. */
export async function sumUsableStock(ctx: RequestContext, productIds: string[], today: string): Promise<Map<string, string>> {
  requireWorkOrderRead(ctx);
  if (productIds.length === 0) return new Map();
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ productId: licensePlates.productId, qty: sql<string>`sum(${licensePlates.qty})::text` })
      .from(licensePlates)
      .where(and(inArray(licensePlates.productId, productIds), usableLicensePlateSql('license_plates', today)))
      .groupBy(licensePlates.productId),
  );
  return new Map(rows.map((row) => [row.productId, row.qty]));
}

/** A plate as a work order names it (its outputs and the plates it drew from): number, lot, expiry. */
export type PlateLabel = Pick<typeof licensePlates.$inferSelect, 'id' | 'number' | 'lot' | 'expiryDate'>;

/** The plates with these ids, by id. */
export async function findPlateLabels(ctx: RequestContext, ids: string[]): Promise<Map<string, PlateLabel>> {
  requireWorkOrderRead(ctx);
  if (ids.length === 0) return new Map();
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ id: licensePlates.id, number: licensePlates.number, lot: licensePlates.lot, expiryDate: licensePlates.expiryDate })
      .from(licensePlates)
      .where(inArray(licensePlates.id, ids)),
  );
  return new Map(rows.map((row) => [row.id, row]));
}
