import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { toIso } from '../db/columns.js';

// The queries for webhook_endpoints and webhook_deliveries; callers open the tenant transaction.

interface EndpointRecord {
  id: string;
  url: string;
  events: string[];
  secret: string;
  active: boolean;
  disabled_reason: string | null;
  created_at: string;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  createdAt: string;
}

const toEndpoint = (row: EndpointRecord): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events,
  active: row.active,
  disabledReason: row.disabled_reason,
  createdAt: toIso(row.created_at),
});

export async function insertEndpoint(tx: Tx, orgId: string, input: { url: string; events: string[]; secret: string }): Promise<WebhookEndpoint> {
  const result = await tx.execute(sql`
    insert into webhook_endpoints (org_id, url, events, secret)
    values (${orgId}, ${input.url}, array(select jsonb_array_elements_text(${JSON.stringify(input.events)}::jsonb)), ${input.secret})
    returning id, url, events, secret, active, disabled_reason, created_at`);
  return toEndpoint(result.rows[0] as unknown as EndpointRecord);
}

export async function selectEndpoints(tx: Tx, options: { after: string | null; limit: number }): Promise<WebhookEndpoint[]> {
  const result = await tx.execute(sql`
    select id, url, events, secret, active, disabled_reason, created_at from webhook_endpoints
    where (${options.after}::uuid is null or id > ${options.after}::uuid)
    order by id limit ${options.limit + 1}`);
  return (result.rows as unknown as EndpointRecord[]).map(toEndpoint);
}

/** The endpoint with its secret, for signing a delivery; null when gone. */
export async function selectEndpointForDelivery(tx: Tx, id: string): Promise<(WebhookEndpoint & { secret: string }) | null> {
  const result = await tx.execute(sql`
    select id, url, events, secret, active, disabled_reason, created_at from webhook_endpoints where id = ${id}`);
  const row = result.rows[0] as unknown as EndpointRecord | undefined;
  return row ? { ...toEndpoint(row), secret: row.secret } : null;
}

export async function endpointExists(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.execute(sql`select 1 from webhook_endpoints where id = ${id}`);
  return result.rows.length > 0;
}

export async function deleteEndpoint(tx: Tx, id: string): Promise<boolean> {
  const result = await tx.execute(sql`delete from webhook_endpoints where id = ${id} returning id`);
  return result.rows.length > 0;
}

export async function disableEndpoint(tx: Tx, id: string, reason: string): Promise<void> {
  await tx.execute(sql`update webhook_endpoints set active = false, disabled_reason = ${reason} where id = ${id} and active`);
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
  await tx.execute(sql`
    insert into webhook_deliveries (org_id, endpoint_id, event_id, event_type, attempt, status_code, duration_ms, error, created_at)
    values (${orgId}, ${endpointId}, ${attempt.eventId}, ${attempt.eventType}, ${attempt.attempt}, ${attempt.statusCode},
            ${attempt.durationMs}, ${attempt.error}, ${attempt.attemptedAt}::timestamptz)`);
}

interface DeliveryRecord {
  id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  created_at: string;
}

/** An endpoint's delivery attempts, newest first. */
export async function selectDeliveries(tx: Tx, endpointId: string, options: { before: string | null; limit: number }) {
  const result = await tx.execute(sql`
    select id, event_id, event_type, attempt, status_code, duration_ms, error, created_at from webhook_deliveries
    where endpoint_id = ${endpointId} and (${options.before}::uuid is null or id < ${options.before}::uuid)
    order by id desc limit ${options.limit + 1}`);
  return (result.rows as unknown as DeliveryRecord[]).map((row) => ({
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: Number(row.attempt),
    attemptedAt: toIso(row.created_at),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    durationMs: Number(row.duration_ms),
    error: row.error,
    success: row.status_code !== null && Number(row.status_code) >= 200 && Number(row.status_code) < 300,
  }));
}
