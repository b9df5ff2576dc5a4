import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedEvents } from '../../../test/factories/events.js';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { platformCleanups, runCleanup, scheduledJobs } from './schedules.js';

let server: TestServer;
let org: Session;
let endpointId: string;

beforeAll(async () => {
  server = await startTestServer({ JOBS_POLLING_SECONDS: '0.5' });
  org = await server.signup();
  const [endpoint] = await systemRows<{ id: string }>(db(), sql`insert into webhook_endpoints (org_id, url, events, secret)
    values (${org.orgId}, 'https://example.com/hook', array['work_order.updated'], 'secret') returning id`);
  endpointId = endpoint!.id;
});
afterAll(() => server.stop());

const db = () => server.database.db;

/** Rows past retention and rows within it, in each of the platform's own tables the cleanup looks after. */
async function seedAgedRows(tag: string) {
  const [{ next }] = (await systemRows<{ next: number }>(db(), sql`select coalesce(max(seq), 0)::int + 1 as next from events where org_id = ${org.orgId}`)) as [{ next: number }];
  await systemRows(db(), sql`insert into events (org_id, seq, type, payload, created_at) values
    (${org.orgId}, ${next}, 'work_order.updated', ${JSON.stringify({ id: `${tag}-old` })}::jsonb, now() - interval '4 days'),
    (${org.orgId}, ${next + 1}, 'work_order.updated', ${JSON.stringify({ id: `${tag}-recent` })}::jsonb, now() - interval '25 hours')`);
  await systemRows(db(), sql`insert into idempotency_keys (org_id, user_id, key, method, path, request_hash, created_at) values
    (${org.orgId}, ${org.userId}, ${`${tag}-old`}, 'POST', '/x', 'h', now() - interval '2 days'),
    (${org.orgId}, ${org.userId}, ${`${tag}-recent`}, 'POST', '/x', 'h', now() - interval '1 hour')`);
  await systemRows(db(), sql`insert into webhook_deliveries (org_id, endpoint_id, event_id, event_type, attempt, duration_ms, error, created_at) values
    (${org.orgId}, ${endpointId}, gen_random_uuid(), 'work_order.updated', 1, 5, ${`${tag}-old`}, now() - interval '31 days'),
    (${org.orgId}, ${endpointId}, gen_random_uuid(), 'work_order.updated', 1, 5, ${`${tag}-recent`}, now() - interval '29 days')`);
}

async function survivors(tag: string) {
  const events = (await storedEvents(db(), org.orgId)).map((event) => event.payload.id).filter((id: string) => id?.startsWith(tag));
  const keys = (await systemRows<{ key: string }>(db(), sql`select key from idempotency_keys where key like ${`${tag}-%`} order by key`)).map((row) => row.key);
  const deliveries = (await systemRows<{ error: string }>(db(), sql`select error from webhook_deliveries where error like ${`${tag}-%`} order by error`)).map((row) => row.error);
  return { events, keys, deliveries };
}

describe('cleanup past retention', () => {
  it('removes events older than the replay window, old idempotency keys and old webhook delivery attempts, and keeps the rest', async () => {
    await seedAgedRows('direct');
    const removed = await runCleanup(server.platform, platformCleanups);
    expect(removed).toEqual({ events: 1, idempotencyKeys: 1, webhookDeliveries: 1 });
    expect(await survivors('direct')).toEqual({ events: ['direct-recent'], keys: ['direct-recent'], deliveries: ['direct-recent'] });
  });

  it("counts each module's clean-up under its own name", async () => {
    const removed = await runCleanup(server.platform, [...platformCleanups, { name: 'somethingElse', run: async () => 2 }]);
    expect(removed).toEqual({ events: 0, idempotencyKeys: 0, webhookDeliveries: 0, somethingElse: 2 });
  });

  it('refuses two clean-ups of one name, whose counts would hide each other', () => {
    expect(() => scheduledJobs(server.platform, [{ name: 'events', run: async () => 0 }])).toThrow(/clean-ups named twice: events/);
  });

  it('runs as a pg-boss job on this server', async () => {
    await seedAgedRows('queued');
    await server.platform.jobs.send('maintenance-cleanup', {});
    const deadline = Date.now() + 15_000;
    while ((await survivors('queued')).keys.length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await survivors('queued')).toEqual({ events: ['queued-recent'], keys: ['queued-recent'], deliveries: ['queued-recent'] });
  });
});

describe('schedules', () => {
  it("installs the platform's hourly cleanup and backup look, and the modules' schedules (the warehouse's daily expiry check)", async () => {
    const schedules = await server.platform.jobs.boss.getSchedules();
    expect(schedules.map((schedule) => [schedule.name, schedule.cron]).sort()).toEqual([
      ['license-plate-expiring', '0 5 * * *'],
      ['maintenance-cleanup', '17 * * * *'],
      ['organization-backups', '41 * * * *'],
    ]);
  });
});
