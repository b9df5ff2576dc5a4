import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { Gs1Error, parseGs1, type Gs1Elements } from '../../platform/gs1/index.js';
import { AppError } from '../../platform/http/errors.js';
import { selectProductsByGtin } from './gs1.queries.js';
import type { Gs1ParseResult } from './gs1.schema.js';
import { todayFor } from './technical-cache.js';

/**
 * What a scanned or typed GS1 element string says, with the organization's product for its
 * GTIN; a string that cannot be read is a 400 on `barcode` naming the element at fault.
 */
export async function parseBarcode(ctx: RequestContext, barcode: string): Promise<Gs1ParseResult> {
  requirePermission(ctx, 'technical', 'read');
  // A two-digit year's century is judged from the organization's today, not the server's.
  const today = new Date(`${await todayFor(ctx)}T00:00:00Z`);
  const read = readBarcode(barcode, today);
  const gtin = read.gtin ?? read.contentGtin;
  const productId = gtin ? await findProductIdByGtin(ctx, gtin) : null;
  return productId ? { ...read, productId } : read;
}

function readBarcode(barcode: string, today: Date): Gs1Elements {
  try {
    return parseGs1(barcode, { today });
  } catch (error) {
    if (!(error instanceof Gs1Error)) throw error;
    const where = error.element ? `element (${error.element})` : 'element string';
    throw new AppError('VALIDATION', `barcode: ${where}: ${error.message}`, [{ path: 'barcode', message: error.message }]);
  }
}

/**
 * The product with this GTIN: the only one that has it, or else the only active one. GTINs
 * are not unique among products, so two candidates give no answer rather than a guess.
 */
async function findProductIdByGtin(ctx: RequestContext, gtin: string): Promise<string | null> {
  const candidates = await withTenant(ctx, (tx) => selectProductsByGtin(tx, gtin.padStart(14, '0'), 10));
  if (candidates.length === 1) return candidates[0]!.id;
  const active = candidates.filter((candidate) => candidate.status === 'active');
  return active.length === 1 ? active[0]!.id : null;
}
