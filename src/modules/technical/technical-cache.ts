import type { RequestContext } from '../../platform/context.js';
import { afterCommit } from '../../platform/db/tenancy.js';
import { todayIn } from '../../platform/time.js';
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

/** Drops the organization's technical reads once the current transaction commits. */
export function invalidateTechnicalReads(ctx: RequestContext): void {
  afterCommit(() => ctx.platform.cache.invalidateTags(ctx.orgId, [TECHNICAL_TAG]));
}

/** Today's calendar date where the organization works (its settings' time zone). */
export async function todayFor(ctx: RequestContext): Promise<string> {
  return todayIn((await getOrgSettings(ctx)).timezone);
}
