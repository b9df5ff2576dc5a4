import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { requireStockRead } from './license-plate.service.js';
import { selectFefo, selectStock } from './stock.queries.js';
import type { FefoQuery, FefoResponse, StockQuery } from './stock.schema.js';
import { organizationToday } from './usability.js';

/** On-hand available stock by product, location or lot. */
export async function getStock(ctx: RequestContext, query: StockQuery) {
  requireStockRead(ctx);
  return { items: await withTenant(ctx, (tx) => selectStock(tx, query)), nextCursor: null };
}

/** Which usable LPs to pick for qty of a product, first expired first out. */
export async function suggestFefo(ctx: RequestContext, query: FefoQuery): Promise<FefoResponse> {
  requireStockRead(ctx);
  const today = await organizationToday(ctx);
  return withTenant(ctx, (tx) => selectFefo(tx, query.productId, toDecimalText(query.qty), today));
}
