import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { selectExplosion } from './bom-graph.queries.js';
import { selectActiveBomOn, selectBom, type BomRecord } from './bom.queries.js';
import type { Bom, Explosion } from './bom.schema.js';
import { presentBom } from './bom.service.js';
import { selectProduct } from './product.queries.js';
import { cachedTechnicalRead, todayFor } from './technical-cache.js';

/** The active BOM a product is made by on a date, quantities as exact decimal strings. */
export type ActiveBom = BomRecord;

interface ActiveBomLookup {
  productFound: boolean;
  bom: ActiveBom | null;
}

function lookupActiveBom(ctx: RequestContext, productId: string, date: string): Promise<ActiveBomLookup> {
  return cachedTechnicalRead(ctx, `active-bom:${productId}:${date}`, () =>
    withTenant(ctx, async (tx) => {
      if (!(await selectProduct(tx, productId))) return { productFound: false, bom: null };
      return { productFound: true, bom: await selectActiveBomOn(tx, productId, date) };
    }),
  );
}

/**
 * The active BOM in force for a product on a date (cached), or null when there is none.
 * Quantities (outputQty, items' qty, scrapPercent, grossQty) are exact decimal strings,
 * for a work order to snapshot at release.
 */
export async function findActiveBom(ctx: RequestContext, productId: string, date: string): Promise<ActiveBom | null> {
  requirePermission(ctx, 'technical', 'read');
  return (await lookupActiveBom(ctx, productId, date)).bom;
}

/** One BOM version by id (draft or active), quantities as exact decimal strings; null when there is none. */
export async function findBom(ctx: RequestContext, id: string): Promise<BomRecord | null> {
  requirePermission(ctx, 'technical', 'read');
  return withTenant(ctx, (tx) => selectBom(tx, id));
}

/** Like findActiveBom, but a missing product or BOM is a 404. */
export async function getActiveBom(ctx: RequestContext, productId: string, date: string): Promise<ActiveBom> {
  requirePermission(ctx, 'technical', 'read');
  const lookup = await lookupActiveBom(ctx, productId, date);
  if (!lookup.productFound) throw notFound('product');
  if (!lookup.bom) throw new AppError('NOT_FOUND', `no active BOM is in force for this product on ${date}`);
  return lookup.bom;
}

/** GET /products/:id/bom: the version in force on the date, default today. */
export async function getBomInForce(ctx: RequestContext, productId: string, date?: string): Promise<Bom> {
  requirePermission(ctx, 'technical', 'read');
  return presentBom(await getActiveBom(ctx, productId, date ?? (await todayFor(ctx))));
}

/** What making `qty` of a product takes in raw materials through every level, scrap included. */
export async function explodeBom(ctx: RequestContext, productId: string, options: { qty?: string; date?: string }): Promise<Explosion> {
  requirePermission(ctx, 'technical', 'read');
  const date = options.date ?? (await todayFor(ctx));
  const qty = options.qty ?? '1';
  const bom = await getActiveBom(ctx, productId, date);
  const lines = await withTenant(ctx, async (tx) => {
    const product = await selectProduct(tx, productId);
    if (!product) throw notFound('product');
    return selectExplosion(tx, productId, qty, date);
  });
  const totals = new Map<string, Explosion['totals'][number]>();
  for (const line of lines) {
    if (!totals.has(line.productId)) totals.set(line.productId, { productId: line.productId, code: line.code, name: line.name, qty: Number(line.total), uom: line.uom });
  }
  return {
    productId,
    qty: Number(qty),
    uom: bom.uom,
    date,
    bomId: bom.id,
    items: lines.map(({ total: _total, ...line }) => ({ ...line, qty: Number(line.qty) })),
    totals: [...totals.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}
