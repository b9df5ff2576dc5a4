import { sql } from 'drizzle-orm';
import type { Tx } from './database.js';
import { orgCounters } from './tables.js';

/**
 * The organization's next human number for a series (LP, WO, PO, ...). The row lock
 * taken by the upsert serializes concurrent callers, so numbers are never repeated.
 */
export async function nextNumber(tx: Tx, orgId: string, series: string, count = 1): Promise<number> {
  const [row] = await tx
    .insert(orgCounters)
    .values({ orgId, name: series, value: count })
    .onConflictDoUpdate({ target: [orgCounters.orgId, orgCounters.name], set: { value: sql`${orgCounters.value} + ${count}` } })
    .returning({ value: orgCounters.value });
  return row!.value - count + 1;
}

export const formatNumber = (prefix: string, value: number, width: number) => `${prefix}${String(value).padStart(width, '0')}`;
