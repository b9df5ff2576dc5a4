import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { insertProduct, selectProduct, selectProducts, updateProductRow } from './product.queries.js';
import type { CreateProductInput, ListProductsQuery, UpdateProductInput } from './product.schema.js';

/** Products matching a search on code or name and a type. */
export async function listProducts(ctx: RequestContext, query: ListProductsQuery) {
  requirePermission(ctx, 'technical', 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectProducts(tx, { after, limit: query.limit, search: query.search, type: query.type }), query.limit));
}

/** One product; another organization's id is simply not found. */
export async function getProduct(ctx: RequestContext, id: string) {
  requirePermission(ctx, 'technical', 'read');
  const product = await withTenant(ctx, (tx) => selectProduct(tx, id));
  if (!product) throw notFound('product');
  return product;
}

/** A new product; codes are unique in the organization. */
export async function createProduct(ctx: RequestContext, input: CreateProductInput) {
  requirePermission(ctx, 'technical', 'write');
  const product = await withTenant(ctx, (tx) => insertProduct(tx, ctx.orgId, input));
  if (!product) throw new AppError('CONFLICT', `a product with code ${input.code} already exists`, [{ path: 'code', message: 'already exists' }]);
  return product;
}

/** Changes a product's name, type or unit; the code never changes. */
export async function updateProduct(ctx: RequestContext, id: string, input: UpdateProductInput) {
  requirePermission(ctx, 'technical', 'write');
  const product = await withTenant(ctx, (tx) => updateProductRow(tx, id, input));
  if (!product) throw notFound('product');
  return product;
}
