import type { RequestContext } from '../../platform/context.js';
import type { SearchHit } from '../../platform/db/search.js';
import { AppError } from '../../platform/http/errors.js';
import { searchPurchaseOrders } from '../planning/index.js';
import { searchWorkOrders } from '../production/index.js';
import { searchPallets, searchSalesOrders } from '../shipping/index.js';
import { describeProducts, searchProducts } from '../technical/index.js';
import { searchLicensePlates, searchLots } from '../warehouse/index.js';
import type { SearchAnswer, SearchQuery } from './search.schema.js';

type KindSearch = (ctx: RequestContext, search: string, limit: number) => Promise<SearchHit[]>;

/** Each kind is searched by the module that owns it, in the order its hits are shown. */
const kinds: KindSearch[] = [searchLicensePlates, searchLots, searchWorkOrders, searchPurchaseOrders, searchSalesOrders, searchPallets, searchProducts];

/** A part the caller may not read answers the fallback rather than refusing the whole search. */
async function unlessForbidden<T>(search: Promise<T>, fallback: T): Promise<T> {
  try {
    return await search;
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') return fallback;
    throw error;
  }
}

/** Names each lot's product (code, name, type) where the caller may read products. */
async function describeLots(ctx: RequestContext, hits: SearchHit[]): Promise<SearchAnswer['items']> {
  const lotProductIds = hits.filter((hit) => hit.kind === 'lot').map((hit) => hit.id);
  const products = await unlessForbidden(describeProducts(ctx, lotProductIds), new Map());
  return hits.map((hit) => {
    const product = hit.kind === 'lot' ? products.get(hit.id) : undefined;
    return product ? { ...hit, detail: `${product.code} · ${product.name}`, productType: product.type } : hit;
  });
}

/**
 * Anything a person may type or scan (LP, lot, product, work, purchase or sales order, SSCC),
 * any case and by any part, each kind searched by its own module under its own permission,
 * at most `limit` hits per kind; the kinds the caller may not read are left out.
 */
export async function searchEverything(ctx: RequestContext, query: SearchQuery): Promise<SearchAnswer> {
  const found = await Promise.all(kinds.map((search) => unlessForbidden(search(ctx, query.q, query.limit), [])));
  return { items: await describeLots(ctx, found.flat()) };
}
