import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { toIso } from '../db/columns.js';
import { webhookDeliveries, webhookEndpoints } from './tables.js';

// The queries for webhook_endpoints and webhook_deliveries; callers open the tenant transaction.

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  createdAt: string;
}

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  secret: webhookEndpoints.secret,
  active: webhookEndpoints.active,
  disabledReason: webhookEndpoints.disabledReason,
  createdAt: webhookEndpoints.createdAt,
};

type EndpointRecord = Pick<typeof webhookEndpoints.$inferSelect, keyof typeof endpointColumns>;

const toEndpoint = ({ secret: _secret, ...row }: EndpointRecord): WebhookEndpoint => ({ ...row, createdAt: toIso(row.createdAt) });

export async function insertEndpoint(tx: Tx, orgId: string, input: { url: string; events: string[]; secret: string }): Promise<WebhookEndpoint> {
  const [inserted] = await tx.insert(webhookEndpoints).values({ orgId, ...input }).returning(endpointColumns);
  return toEndpoint(inserted!);
}

export async function selectEndpoints(tx: Tx, options: { after: string | null; limit: number }): Promise<WebhookEndpoint[]> {
  const rows = await tx
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(options.after === null ? undefined : gt(webhookEndpoints.id, options.after))
    .orderBy(webhookEndpoints.id)
    .limit(options.limit + 1);
  return rows.map(toEndpoint);
}

/** What a webhook secret is sealed as (platform.secrets): a sealed value opens only in its own column. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook_endpoints.secret';

/** The endpoint with its secret (sealed), for signing a delivery; null when gone. */
export async function selectEndpointForDelivery(tx: Tx, id: string): Promise<(WebhookEndpoint & { secret: string }) | null> {
  const [row] = await tx.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ? { ...toEndpoint(row), secret: row.secret } : null;
}

export async function endpointExists(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return rows.length > 0;
}

export async function deleteEndpoint(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export async function disableEndpoint(tx: Tx, id: string, reason: string): Promise<void> {
  await tx
    .update(webhookEndpoints)
    .set({ active: false, disabledReason: reason })
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.active, true)));
}

export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  attempt: number;
  /** When the request was sent (ISO). */
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export async function insertDelivery(tx: Tx, orgId: string, endpointId: string, attempt: DeliveryAttempt): Promise<void> {
  await tx.insert(webhookDeliveries).values({
    orgId,
    endpointId,
    eventId: attempt.eventId,
    eventType: attempt.eventType,
    attempt: attempt.attempt,
    statusCode: attempt.statusCode,
    durationMs: attempt.durationMs,
    error: attempt.error,
    createdAt: attempt.attemptedAt,
  });
}

/** An endpoint's delivery attempts, newest first. */
export async function selectDeliveries(tx: Tx, endpointId: string, options: { before: string | null; limit: number }) {
  const rows = await tx
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      attempt: webhookDeliveries.attempt,
      attemptedAt: webhookDeliveries.createdAt,
      statusCode: webhookDeliveries.statusCode,
      durationMs: webhookDeliveries.durationMs,
      error: webhookDeliveries.error,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), options.before === null ? undefined : lt(webhookDeliveries.id, options.before)))
    .orderBy(desc(webhookDeliveries.id))
    .limit(options.limit + 1);
  return rows.map((row) => ({
    ...row,
    attemptedAt: toIso(row.attemptedAt),
    success: row.statusCode !== null && row.statusCode >= 200 && row.statusCode < 300,
  }));
}
