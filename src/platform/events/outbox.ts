import { and, eq, sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import type { Tx } from '../db/database.js';
import { nextNumber } from '../db/counters.js';
import { toIso } from '../db/columns.js';
import { afterCommit } from '../db/tenancy.js';
import type { PublishedEvent } from './bus.js';
import { events, webhookEndpoints } from './tables.js';
import { eventTypes, type EventType } from './types.js';
import { WEBHOOK_QUEUE, type WebhookJobData } from './webhooks.js';

/** Who emits: the organization and the running platform (a RequestContext is one). */
export interface EventScope {
  orgId: string;
  platform: Pick<Platform, 'events' | 'jobs'>;
}

export interface NewEvent {
  type: EventType;
  /** The record the event is about (work order, license plate, ...). */
  subjectId?: string | null;
  /** Thin: ids, numbers and status, never whole records. */
  payload: Record<string, unknown>;
}

/** Events carry references and figures; anything bigger belongs in a GET. */
const MAX_PAYLOAD_BYTES = 4096;

/**
 * Writes an event in the caller's open tenant transaction (call it inside withTenant, with
 * that transaction's tx): the outbox row, one webhook delivery job per subscribed endpoint,
 * and a publish to realtime subscribers that runs only once the transaction has committed.
 * A rollback leaves no row, no job and no message.
 */
export async function emitEvent(tx: Tx, scope: EventScope, event: NewEvent): Promise<PublishedEvent> {
  if (!(eventTypes as readonly string[]).includes(event.type)) throw new Error(`unknown event type ${event.type}`);
  const body = JSON.stringify(event.payload);
  if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) throw new Error(`event ${event.type} payload exceeds ${MAX_PAYLOAD_BYTES} bytes; keep events thin`);
  // The per-organization counter's row lock orders the organization's events by commit, without gaps.
  const seq = await nextNumber(tx, scope.orgId, 'events');
  const [row] = await tx
    .insert(events)
    .values({ orgId: scope.orgId, seq, type: event.type, subjectId: event.subjectId ?? null, payload: sql`${body}::jsonb` })
    .returning({ id: events.id, createdAt: events.createdAt });
  const published: PublishedEvent = {
    orgId: scope.orgId,
    seq,
    id: row!.id,
    type: event.type,
    subjectId: event.subjectId ?? null,
    payload: event.payload,
    createdAt: toIso(row!.createdAt),
  };
  await enqueueWebhookDeliveries(tx, scope, published);
  afterCommit(() => scope.platform.events.publish(published));
  return published;
}

async function enqueueWebhookDeliveries(tx: Tx, scope: EventScope, event: PublishedEvent): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, scope.orgId), eq(webhookEndpoints.active, true), sql`${event.type} = any(${webhookEndpoints.events})`));
  if (endpoints.length === 0) return;
  const jobs = endpoints.map((endpoint) => ({
    data: {
      orgId: scope.orgId,
      endpointId: endpoint.id,
      event: { id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload },
    } satisfies WebhookJobData,
  }));
  await scope.platform.jobs.enqueueInTransaction(tx, WEBHOOK_QUEUE, jobs);
}
