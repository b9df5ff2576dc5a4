import { randomBytes } from 'node:crypto';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { deleteEndpoint, endpointExists, insertEndpoint, selectDeliveries, selectEndpoints, WEBHOOK_SECRET_PURPOSE } from '../../platform/events/webhook.queries.js';
import { invalidateSubscriptionsAfterCommit } from '../../platform/events/subscriptions.js';
import { assertWebhookUrlAllowed } from '../../platform/events/webhook-url.js';
import { notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import type { CreateWebhookInput } from './webhooks.schema.js';

/** Lists the organization's webhook endpoints (never their secrets). */
export async function listWebhooks(ctx: RequestContext, query: { limit: number; cursor?: string }) {
  requirePermission(ctx, 'settings', 'write');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectEndpoints(tx, { after, limit: query.limit }), query.limit));
}

/**
 * Checks a new endpoint's URL, resolving its host name, for a caller who may create one. The
 * route runs it as a preHandler, before the handler and so before any transaction opens (an
 * Idempotency-Key runs the handler inside one): a slow DNS answer never holds a connection.
 */
export async function checkWebhookUrl(ctx: RequestContext, url: string): Promise<void> {
  requirePermission(ctx, 'settings', 'write');
  await assertWebhookUrlAllowed(url, ctx.platform.config.WEBHOOK_ALLOW_PRIVATE_URLS);
}

/**
 * Subscribes a URL to events; the secret (generated when not given) is answered this once.
 * The URL passed checkWebhookUrl before; each delivery checks the addresses it connects to again.
 */
export async function createWebhook(ctx: RequestContext, input: CreateWebhookInput) {
  requirePermission(ctx, 'settings', 'write');
  const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
  const events = [...new Set(input.events)];
  const endpoint = await withTenant(ctx, (tx) => {
    invalidateSubscriptionsAfterCommit(ctx.platform, ctx.orgId);
    return insertEndpoint(tx, ctx.orgId, { url: input.url, events, secret: ctx.platform.secrets.seal(secret, WEBHOOK_SECRET_PURPOSE) });
  });
  return { ...endpoint, secret };
}

/** Removes an endpoint; its pending deliveries are dropped when they come up. */
export async function deleteWebhook(ctx: RequestContext, id: string): Promise<void> {
  requirePermission(ctx, 'settings', 'write');
  await withTenant(ctx, async (tx) => {
    if (!(await deleteEndpoint(tx, id))) throw notFound('webhook');
    invalidateSubscriptionsAfterCommit(ctx.platform, ctx.orgId);
  });
}

/** Every delivery attempt to an endpoint, newest first: time, status code, duration, error. */
export async function listWebhookDeliveries(ctx: RequestContext, id: string, query: { limit: number; cursor?: string }) {
  requirePermission(ctx, 'settings', 'write');
  const before = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => {
    if (!(await endpointExists(tx, id))) throw notFound('webhook');
    return toPage(await selectDeliveries(tx, id, { before, limit: query.limit }), query.limit);
  });
}
