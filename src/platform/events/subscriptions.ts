import { and, eq } from 'drizzle-orm';
import type { Platform } from '../context.js';
import type { Tx } from '../db/database.js';
import { afterCommit } from '../db/tenancy.js';
import { webhookEndpoints } from './tables.js';

const SUBSCRIPTIONS_TAG = 'webhook-subscriptions';

/**
 * The organization's active endpoints subscribed to an event type. Every event asks, and
 * endpoints change rarely: the list is cached per organization (5 minutes) and dropped, on every
 * instance, whenever an endpoint is created, removed or disabled. A delivery checks its endpoint
 * again before posting, so an endpoint disabled a moment ago is never called.
 */
export async function subscribedEndpointIds(tx: Tx, scope: { orgId: string; platform: Pick<Platform, 'cache'> }, type: string): Promise<string[]> {
  const endpoints = await scope.platform.cache.getOrSet({
    orgId: scope.orgId,
    key: 'webhook-subscriptions',
    ttl: '5m',
    tags: [SUBSCRIPTIONS_TAG],
    factory: () =>
      tx
        .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.orgId, scope.orgId), eq(webhookEndpoints.active, true))),
  });
  return endpoints.filter((endpoint) => endpoint.events.includes(type)).map((endpoint) => endpoint.id);
}

/** Call inside the transaction that creates, removes or disables an endpoint. */
export function invalidateSubscriptionsAfterCommit(platform: Pick<Platform, 'cache'>, orgId: string): void {
  afterCommit(() => platform.cache.invalidateTags(orgId, [SUBSCRIPTIONS_TAG]));
}
