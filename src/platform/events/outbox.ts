import { sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import type { Tx } from '../db/database.js';
import { queryRow } from '../db/rows.js';
import { orgCounters } from '../db/tables.js';
import { toIso } from '../db/columns.js';
import { afterCommit } from '../db/tenancy.js';
import type { PublishedEvent } from './bus.js';
import { subscribedEndpointIds } from './subscriptions.js';
import { events } from './tables.js';
import { eventTypes, type EventType } from './types.js';
import { WEBHOOK_QUEUE, type WebhookJobData } from './webhooks.js';

/** Who emits: the organization and the running platform (a RequestContext is one). */
export interface EventScope {
  orgId: string;
  platform: Pick<Platform, 'events' | 'jobs' | 'cache'>;
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
  // Subscribers first: the counter's row lock below is held to the commit, so nothing that can
  // run before it should run after it.
  const endpointIds = await subscribedEndpointIds(tx, scope, event.type);
  const row = await insertNumberedEvent(tx, scope.orgId, event, body);
  const published: PublishedEvent = {
    orgId: scope.orgId,
    seq: row.seq,
    id: row.id,
    type: event.type,
    subjectId: event.subjectId ?? null,
    payload: event.payload,
    createdAt: toIso(row.createdAt),
  };
  await enqueueWebhookDeliveries(tx, scope, published, endpointIds);
  afterCommit(() => scope.platform.events.publish(published));
  return published;
}

/**
 * The outbox row, numbered from the organization's 'events' counter in the same statement. The
 * counter's row lock, held to the commit, orders the organization's events by commit, without
 * gaps (what SSE replay by Last-Event-ID relies on); taking it in the insert itself keeps every
 * other event of the organization waiting for one round trip less.
 */
async function insertNumberedEvent(tx: Tx, orgId: string, event: NewEvent, body: string) {
  const row = await queryRow<{ id: string; seq: number; createdAt: string | Date }>(
    tx,
    sql`with counter as (
          insert into ${orgCounters} (${sql.identifier(orgCounters.orgId.name)}, ${sql.identifier(orgCounters.name.name)}, ${sql.identifier(orgCounters.value.name)})
          values (${orgId}, 'events', 1)
          on conflict (${sql.identifier(orgCounters.orgId.name)}, ${sql.identifier(orgCounters.name.name)})
            do update set ${sql.identifier(orgCounters.value.name)} = ${orgCounters.value} + 1
          returning ${orgCounters.value} as value)
        insert into ${events} (${sql.identifier(events.orgId.name)}, ${sql.identifier(events.seq.name)}, ${sql.identifier(events.type.name)},
                               ${sql.identifier(events.subjectId.name)}, ${sql.identifier(events.payload.name)})
        select ${orgId}, counter.value, ${event.type}, ${event.subjectId ?? null}, ${body}::jsonb from counter
        returning ${sql.identifier(events.id.name)} as id, ${sql.identifier(events.seq.name)} as seq, ${sql.identifier(events.createdAt.name)} as "createdAt"`,
  );
  return row!;
}


async function enqueueWebhookDeliveries(tx: Tx, scope: EventScope, event: PublishedEvent, endpointIds: string[]): Promise<void> {
  if (endpointIds.length === 0) return;
  const jobs = endpointIds.map((endpointId) => ({
    data: {
      orgId: scope.orgId,
      endpointId,
      event: { id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload },
    } satisfies WebhookJobData,
  }));
  await scope.platform.jobs.enqueueInTransaction(tx, WEBHOOK_QUEUE, jobs);
}
