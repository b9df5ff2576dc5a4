import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/rows.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { toDecimalText } from '../../platform/decimal.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { decimal } from '../../platform/http/schemas.js';
import { findBom, findProductState } from '../technical/index.js';
import { organizationToday, sumUsableStock } from '../warehouse/index.js';
import type { Availability, AvailabilityQuery } from './work-order.schema.js';
import { computeRequirements } from './work-order.queries.js';
import { requireWorkOrderRead, resolveBom } from './work-order.service.js';

/** requiredQty − usableQty where more is needed, else 0, per material: exact, in one statement. */
async function shortfalls(tx: Tx, rows: { productId: string; requiredQty: string; usableQty: string }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const shorts = await queryRows<{ shortQty: string }>(
    tx,
    sql`select greatest(r.required - r.usable, 0)::text as "shortQty"
      from jsonb_to_recordset(${JSON.stringify(rows.map((row, index) => ({ i: index, required: row.requiredQty, usable: row.usableQty })))}::jsonb) as r(i int, required numeric, usable numeric)
      order by r.i`,
  );
  return shorts.map((row) => row.shortQty);
}

/**
 * What an order of plannedQty would need of each material and how much usable stock there is,
 * before the order exists or is released (the planner's form and board): the same BOM choice
 * and requirement rule as creation and release.
 */
export async function checkAvailability(ctx: RequestContext, query: AvailabilityQuery): Promise<Availability> {
  requireWorkOrderRead(ctx);
  const today = await organizationToday(ctx);
  if (!(await findProductState(ctx, query.productId))) throw new AppError('NOT_FOUND', 'product not found', [{ path: 'productId', message: 'no such product' }]);
  const bomId = await resolveBom(ctx, query, query.scheduledDate ?? today);
  const bom = await findBom(ctx, bomId);
  if (!bom) throw notFound('BOM');
  return withTenant(ctx, async (tx) => {
    const required = await computeRequirements(tx, toDecimalText(query.plannedQty), bom);
    const usable = await sumUsableStock(ctx, required.map((material) => material.productId), today);
    const rows = required.map((material) => ({ ...material, usableQty: usable.get(material.productId) ?? '0' }));
    const shorts = await shortfalls(tx, rows);
    return {
      bomId,
      materials: rows.map((row, index) => ({ productId: row.productId, requiredQty: decimal(row.requiredQty), usableQty: decimal(row.usableQty), shortQty: decimal(shorts[index]!) })),
    };
  });
}
