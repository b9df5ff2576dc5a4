import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { suppliers } from '../planning/index.js';
import { findProductReferences, type ProductReference } from '../technical/index.js';
import { listLicensePlatesByIds, type LicensePlate } from '../warehouse/index.js';

// What quality records point at belongs to other modules: each is read through its owner's
// service, and a missing one is a 404 naming the field that sent it.

const missing = (what: string, path: string) => new AppError('NOT_FOUND', `${what} not found`, [{ path, message: `no such ${what}` }]);

/** A product of the organization; 404 naming `path` otherwise. */
export async function requireProduct(ctx: RequestContext, id: string, path = 'productId'): Promise<ProductReference> {
  const product = (await findProductReferences(ctx, [id])).get(id);
  if (!product) throw missing('product', path);
  return product;
}

/** A supplier of the organization; 404 naming `path` otherwise. */
export async function requireSupplier(ctx: RequestContext, id: string, path = 'supplierId'): Promise<void> {
  await suppliers.get(ctx, id).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? missing('supplier', path) : error;
  });
}

/** The organization's LPs of ids, in the order given; 404 naming `path.N` for the first that is not one. */
export async function requireLicensePlates(ctx: RequestContext, ids: string[], path = 'licensePlateIds'): Promise<LicensePlate[]> {
  const found = new Map((await listLicensePlatesByIds(ctx, ids)).map((lp) => [lp.id, lp]));
  return ids.map((id, index) => {
    const lp = found.get(id);
    if (!lp) throw missing('license plate', `${path}.${index}`);
    return lp;
  });
}
