import type { RequestContext } from '../../platform/context.js';
import { withTenantReadOnly } from '../../platform/db/tenancy.js';
import { toJsonNumber } from '../../platform/decimal.js';
import { selectMassBalance } from './mass-balance.queries.js';
import type { MassBalance } from './mass-balance.schema.js';
import type { RecallQuery } from './trace.schema.js';
import { requireRoots, requireTraceRead } from './trace.service.js';

/**
 * A lot's mass balance from the stock ledger: what came in (received, produced), what went
 * out (consumed, shipped), adjustments, what is on hand, and what nothing explains. The sums
 * are NUMERIC in the database and leave as the API's exact quantities.
 */
export async function massBalance(ctx: RequestContext, query: RecallQuery): Promise<MassBalance> {
  requireTraceRead(ctx);
  const row = await withTenantReadOnly(ctx, async (tx) => {
    await requireRoots(tx, query);
    return selectMassBalance(tx, query);
  });
  const { uom, received, produced, consumed, shipped, adjusted, onHand, unaccounted } = row;
  const figures = { received, produced, consumed, shipped, adjusted, onHand, unaccounted };
  return {
    productId: query.productId,
    lot: query.lot,
    uom,
    ...(Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, toJsonNumber(value)])) as Record<keyof typeof figures, number>),
  };
}
