import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTestEvent, eventScope, storedEvents, webhookJobs } from '../../../test/factories/events.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { withTenant } from '../db/tenancy.js';
import type { PublishedEvent } from './bus.js';
import { emitEvent } from './index.js';

let server: TestServer;
let org: Session;

beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
  org = await server.signup();
  // An endpoint subscribed to work orders, so emitted events also enqueue deliveries.
  const created = await server.as(org.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/never-called', events: ['work_order.updated'] });
  expect(created.status).toBe(201);
  // Nothing listens on port 9: keep the job system from trying while these tests look at the queue.
  await server.platform.jobs.boss.offWork('webhook-delivery');
});
afterAll(() => server.stop());

function listen(orgId: string): PublishedEvent[] {
  const heard: PublishedEvent[] = [];
  server.platform.events.subscribe(orgId, (event) => heard.push(event));
  return heard;
}

describe('emitEvent', () => {
  it('writes the event in the transaction with the next per-organization seq, and publishes it after commit', async () => {
    const heard = listen(org.orgId);
    const before = await storedEvents(server.database.db, org.orgId);
    const first = await emitTestEvent(server, org.orgId, { payload: { id: 'a', status: 'released' } });
    const second = await emitTestEvent(server, org.orgId, { payload: { id: 'b', status: 'in_progress' } });
    expect(second.seq).toBe(first.seq + 1);
    const after = await storedEvents(server.database.db, org.orgId);
    expect(after.slice(before.length).map((event) => [event.seq, event.type, event.payload])).toEqual([
      [first.seq, 'work_order.updated', { id: 'a', status: 'released' }],
      [second.seq, 'work_order.updated', { id: 'b', status: 'in_progress' }],
    ]);
    expect(heard.map((event) => event.seq)).toEqual([first.seq, second.seq]);
  });

  it('gives each organization its own sequence', async () => {
    const other = await server.signup();
    const mine = await emitTestEvent(server, org.orgId);
    const theirs = await emitTestEvent(server, other.orgId);
    expect(theirs.seq).toBe(1);
    expect(mine.seq).toBeGreaterThan(1);
  });

  it('a transaction that rolls back emits nothing: no row, no webhook job, no realtime message', async () => {
    const heard = listen(org.orgId);
    const eventsBefore = (await storedEvents(server.database.db, org.orgId)).length;
    const jobsBefore = (await webhookJobs(server.database.db, org.orgId)).length;
    const scope = eventScope(server, org.orgId);
    await expect(
      withTenant(scope, async (tx) => {
        await emitEvent(tx, scope, { type: 'work_order.updated', subjectId: null, payload: { id: 'rolled-back', status: 'completed' } });
        throw new Error('the business change failed after emitting');
      }),
    ).rejects.toThrow('the business change failed');
    // A committed event afterwards proves the bus was listening all along.
    const committed = await emitTestEvent(server, org.orgId, { payload: { id: 'committed', status: 'completed' } });
    const events = await storedEvents(server.database.db, org.orgId);
    expect(events.length).toBe(eventsBefore + 1);
    expect(events.map((event) => event.payload.id)).not.toContain('rolled-back');
    expect(heard.map((event) => event.payload.id)).toEqual(['committed']);
    // The rolled-back transaction's counter increment went too: no gap in seq.
    expect(committed.seq).toBe(events[events.length - 2]!.seq + 1);
    const jobs = await webhookJobs(server.database.db, org.orgId);
    expect(jobs.length).toBe(jobsBefore + 1);
    expect(jobs.map((job) => job.data.event.data.id)).not.toContain('rolled-back');
  });

  it('enqueues one delivery job per subscribed endpoint, carrying the organization and the event body', async () => {
    const event = await emitTestEvent(server, org.orgId, { payload: { id: 'job-check', status: 'released' } });
    const jobs = (await webhookJobs(server.database.db, org.orgId)).filter((job) => job.data.event.id === event.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toMatchObject({ orgId: org.orgId, event: { id: event.id, type: 'work_order.updated', createdAt: event.createdAt, data: { id: 'job-check', status: 'released' } } });
  });

  it('enqueues nothing for an event type no endpoint subscribed to', async () => {
    const event = await emitTestEvent(server, org.orgId, { type: 'shipment.created', payload: { id: 'ship', status: 'open' } });
    const jobs = (await webhookJobs(server.database.db, org.orgId)).filter((job) => job.data.event.id === event.id);
    expect(jobs).toHaveLength(0);
  });

  it('refuses an unknown event type and a payload that is not thin', async () => {
    await expect(emitTestEvent(server, org.orgId, { type: 'work_order.exploded' as never })).rejects.toThrow('unknown event type');
    await expect(emitTestEvent(server, org.orgId, { payload: { blob: 'x'.repeat(5000) } })).rejects.toThrow('keep events thin');
  });

  it("cannot write an event into another organization's outbox", async () => {
    const other = await server.signup();
    const scope = eventScope(server, org.orgId);
    await expect(withTenant(scope, (tx) => emitEvent(tx, { ...scope, orgId: other.orgId }, { type: 'work_order.updated', payload: { id: 'x' } }))).rejects.toThrow();
    expect(await storedEvents(server.database.db, other.orgId)).toEqual([]);
  });
});
