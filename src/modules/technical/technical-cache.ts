import type { RequestContext } from '../../platform/context.js';
import { afterCommit } from '../../platform/db/tenancy.js';
import { getOrgSettings } from '../settings/index.js';

/**
 * Every cached technical read (product reads with their derived allergens, BOM lookups,
 * the allergen list) carries one per-organization tag, and every technical write drops
 * it. Coarse, but always right: a derived allergen or a BOM in force can depend on any
 * product, allergen or BOM below it.
 */
const TECHNICAL_TAG = 'technical';

export function cachedTechnicalRead<T>(ctx: RequestContext, key: string, factory: () => Promise<T>): Promise<T> {
  return ctx.platform.cache.getOrSet({ orgId: ctx.orgId, key: `technical:${key}`, ttl: '5m', tags: [TECHNICAL_TAG], factory });
}

/**
 * Drops the organization's technical reads once the current transaction commits, and once
 * more a moment later: a read whose query began before the commit may store its (old)
 * answer after the first drop, and the second one removes it.
 */
export function invalidateTechnicalReads(ctx: RequestContext): void {
  const { cache } = ctx.platform;
  afterCommit(async () => {
    await cache.invalidateTags(ctx.orgId, [TECHNICAL_TAG]);
    setTimeout(() => void cache.invalidateTags(ctx.orgId, [TECHNICAL_TAG]).catch(() => undefined), 1000).unref();
  });
}

/** Today's calendar date where the organization works (its settings' time zone). */
export async function todayFor(ctx: RequestContext): Promise<string> {
  const { timezone } = await getOrgSettings(ctx);
  return dateIn(timezone, new Date());
}

export function dateIn(timeZone: string, instant: Date): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  } catch {
    return instant.toISOString().slice(0, 10);
  }
  const part = (type: string) => parts.find((item) => item.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
