import { sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import type { Tx } from '../db/database.js';
import { queryRow, queryRows } from '../db/rows.js';
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
 * emitEvent for many events of one type at once (a lot-wide hold changes thousands of LPs):
 * one statement numbers and writes every outbox row, one call enqueues every webhook job;
 * each is published after commit exactly as emitEvent's would be.
 */
export async function emitEvents(tx: Tx, scope: EventScope, type: EventType, items: Omit<NewEvent, 'type'>[]): Promise<void> {
  if (items.length === 0) return;
  if (!(eventTypes as readonly string[]).includes(type)) throw new Error(`unknown event type ${type}`);
  const bodies = items.map((item) => JSON.stringify(item.payload));
  if (bodies.some((body) => Buffer.byteLength(body) > MAX_PAYLOAD_BYTES)) throw new Error(`event ${type} payload exceeds ${MAX_PAYLOAD_BYTES} bytes; keep events thin`);
  const endpointIds = await subscribedEndpointIds(tx, scope, type);
  const rows = await insertNumberedEvents(tx, scope.orgId, type, items.map((item, index) => ({ subjectId: item.subjectId ?? null, payload: bodies[index]! })));
  const published = rows.map((row): PublishedEvent => ({
    orgId: scope.orgId, seq: row.seq, id: row.id, type, subjectId: items[row.n - 1]!.subjectId ?? null, payload: items[row.n - 1]!.payload, createdAt: toIso(row.createdAt),
  }));
  published.sort((a, b) => a.seq - b.seq);
  const jobs = published.flatMap((event) => endpointIds.map((endpointId) => ({
    data: { orgId: scope.orgId, endpointId, event: { id: event.id, type, createdAt: event.createdAt, data: event.payload } } satisfies WebhookJobData,
  })));
  if (jobs.length > 0) await scope.platform.jobs.enqueueInTransaction(tx, WEBHOOK_QUEUE, jobs);
  afterCommit(async () => {
    for (const event of published) await scope.platform.events.publish(event);
  });
}

/** insertNumberedEvent for n rows: the counter moves by n once, row k gets the k-th number. */
async function insertNumberedEvents(tx: Tx, orgId: string, type: EventType, items: { subjectId: string | null; payload: string }[]) {
  const n = items.length;
  const column = (c: { name: string }) => sql.identifier(c.name);
  return queryRows<{ id: string; seq: number; n: number; createdAt: string | Date }>(
    tx,
    sql`with counter as (
          insert into ${orgCounters} (${column(orgCounters.orgId)}, ${column(orgCounters.name)}, ${column(orgCounters.value)})
          values (${orgId}, 'events', ${n})
          on conflict (${column(orgCounters.orgId)}, ${column(orgCounters.name)}) do update set ${column(orgCounters.value)} = ${orgCounters.value} + ${n}
          returning ${orgCounters.value} as value),
        numbered as (
          insert into ${events} (${column(events.orgId)}, ${column(events.seq)}, ${column(events.type)}, ${column(events.subjectId)}, ${column(events.payload)})
          select ${orgId}, counter.value - ${n} + item.n, ${type}, (item.value ->> 'subjectId')::uuid, (item.value ->> 'payload')::jsonb
          from counter, jsonb_array_elements(${JSON.stringify(items)}::jsonb) with ordinality as item(value, n)
          returning ${column(events.id)} as id, ${column(events.seq)} as seq, ${column(events.createdAt)} as created_at)
        select numbered.id, numbered.seq::int as seq, (numbered.seq - (select value from counter) + ${n})::int as n, numbered.created_at as "createdAt" from numbered`,
  );
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
