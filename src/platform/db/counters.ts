import { sql } from 'drizzle-orm';
import type { Tx } from './database.js';

/**
 * The organization's next human number for a series (LP, WO, PO, ...). The row lock
 * taken by the upsert serializes concurrent callers, so numbers are never repeated.
 */
export async function nextNumber(tx: Tx, orgId: string, series: string, count = 1): Promise<number> {
  const result = await tx.execute(sql`
    insert into org_counters (org_id, name, value) values (${orgId}, ${series}, ${count})
    on conflict (org_id, name) do update set value = org_counters.value + ${count}
    returning value`);
  return Number((result.rows[0] as { value: number | string }).value) - count + 1;
}

export const formatNumber = (prefix: string, value: number, width: number) => `${prefix}${String(value).padStart(width, '0')}`;
