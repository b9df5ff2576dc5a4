import { requireAnyPermission, requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, duplicateCode, notFound } from '../../platform/http/errors.js';
import { decodeCursor, idsOf, toPage } from '../../platform/http/pagination.js';
import { replaceProductAllergens, selectUnknownAllergenCodes } from './allergen.queries.js';
import {
  insertProduct,
  isProductInBoms,
  selectAllergenSets,
  selectProduct,
  selectProductReferences,
  selectProducts,
  updateProductRow,
  type ProductReference,
  type ProductRow,
} from './product.queries.js';
import type { CreateProductInput, ListProductsQuery, Product, UpdateProductInput } from './product.schema.js';
import { cachedTechnicalRead, invalidateTechnicalReads, todayFor } from './technical-cache.js';

/** Products matching a search on code or name, a type and a status. */
export async function listProducts(ctx: RequestContext, query: ListProductsQuery) {
  requirePermission(ctx, 'technical', 'read');
  const after = decodeCursor(query.cursor);
  const today = await todayFor(ctx);
  return withTenant(ctx, async (tx) => {
    const rows = await selectProducts(tx, { after, limit: query.limit, search: query.search, ids: idsOf(query.ids), type: query.type, status: query.status });
    return toPage(await withAllergens(tx, rows, today), query.limit);
  });
}

/** One product with its declared and derived allergens (cached); another organization's id is simply not found. */
export async function getProduct(ctx: RequestContext, id: string): Promise<Product> {
  requirePermission(ctx, 'technical', 'read');
  const product = await findProduct(ctx, id);
  if (!product) throw notFound('product');
  return product;
}

/** Like getProduct, but null when there is no such product. */
export async function findProduct(ctx: RequestContext, id: string): Promise<Product | null> {
  requirePermission(ctx, 'technical', 'read');
  const today = await todayFor(ctx);
  return cachedTechnicalRead(ctx, `product:${id}:${today}`, () =>
    withTenant(ctx, async (tx) => {
      const row = await selectProduct(tx, id);
      return row ? (await withAllergens(tx, [row], today))[0]! : null;
    }),
  );
}

/**
 * The products among ids that exist in the organization, by id, with what a module that
 * refers to them checks (code, unit, shelf life, whether active). Joins the caller's
 * transaction. Whoever may read a module that books or orders products may read this much.
 */
export async function findProductReferences(ctx: RequestContext, ids: string[]): Promise<Map<string, ProductReference>> {
  requireAnyPermission(ctx, ['technical', 'planning', 'production', 'warehouse', 'quality', 'shipping'], 'read');
  return withTenant(ctx, (tx) => selectProductReferences(tx, ids));
}

/** A new product; codes are unique in the organization and never change. */
export async function createProduct(ctx: RequestContext, input: CreateProductInput): Promise<Product> {
  requirePermission(ctx, 'technical', 'write');
  const today = await todayFor(ctx);
  return withTenant(ctx, async (tx) => {
    await requireKnownAllergens(tx, input.allergens);
    const row = await insertProduct(tx, ctx.orgId, input);
    if (!row) throw duplicateCode('product', input.code);
    if (input.allergens?.length) await replaceProductAllergens(tx, ctx.orgId, row.id, input.allergens);
    invalidateTechnicalReads(ctx);
    return (await withAllergens(tx, [row], today))[0]!;
  });
}

/** Changes a product's details and declared allergens; every product above it sees the change at once. */
export async function updateProduct(ctx: RequestContext, id: string, input: UpdateProductInput): Promise<Product> {
  requirePermission(ctx, 'technical', 'write');
  if (input.code !== undefined) throw new AppError('VALIDATION', 'code: cannot be changed after creation', [{ path: 'code', message: 'cannot be changed after creation' }]);
  const today = await todayFor(ctx);
  return withTenant(ctx, async (tx) => {
    const current = await selectProduct(tx, id, { lock: true });
    if (!current) throw notFound('product');
    await requireKnownAllergens(tx, input.allergens);
    if (input.uom && input.uom !== current.uom && (await isProductInBoms(tx, id))) {
      throw new AppError('CONFLICT', `the unit of ${current.code} cannot change while BOMs use it: their quantities are in ${current.uom}`, [
        { path: 'uom', message: 'in use by BOMs' },
      ]);
    }
    const row = (await updateProductRow(tx, id, input))!;
    if (input.allergens) await replaceProductAllergens(tx, ctx.orgId, id, input.allergens);
    invalidateTechnicalReads(ctx);
    return (await withAllergens(tx, [row], today))[0]!;
  });
}

async function requireKnownAllergens(tx: Tx, codes: string[] | undefined): Promise<void> {
  const unknown = await selectUnknownAllergenCodes(tx, codes ?? []);
  if (unknown.length > 0) {
    const message = `unknown allergen code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`;
    throw new AppError('VALIDATION', `allergens: ${message}`, [{ path: 'allergens', message }]);
  }
}

async function withAllergens(tx: Tx, rows: ProductRow[], date: string): Promise<Product[]> {
  const sets = await selectAllergenSets(
    tx,
    rows.map((row) => row.id),
    date,
  );
  return rows.map((row) => ({ ...row, ...sets.get(row.id)! }));
}
