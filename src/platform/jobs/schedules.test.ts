import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedEvents } from '../../../test/factories/events.js';
import { daysFromToday, receivePlate, setupInventory } from '../../../test/factories/inventory.js';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { findExpiringLicensePlates } from '../../modules/warehouse/index.js';
import { WINDOW_MINUTES } from '../../modules/settings/login-throttle.js';
import { provideExpiringLicensePlatesQuery, retention, runCleanup, runLicensePlateExpiring } from './schedules.js';

let server: TestServer;
let org: Session;

beforeAll(async () => {
  server = await startTestServer({ JOBS_POLLING_SECONDS: '0.5' });
  org = await server.signup();
});
afterAll(() => server.stop());

const db = () => server.database.db;

/** Rows past retention and rows within it, in each table the cleanup looks after. */
async function seedAgedRows(tag: string) {
  const [{ next }] = (await systemRows<{ next: number }>(db(), sql`select coalesce(max(seq), 0)::int + 1 as next from events where org_id = ${org.orgId}`)) as [{ next: number }];
  await systemRows(db(), sql`insert into events (org_id, seq, type, payload, created_at) values
    (${org.orgId}, ${next}, 'work_order.updated', ${JSON.stringify({ id: `${tag}-old` })}::jsonb, now() - interval '4 days'),
    (${org.orgId}, ${next + 1}, 'work_order.updated', ${JSON.stringify({ id: `${tag}-recent` })}::jsonb, now() - interval '25 hours')`);
  await systemRows(db(), sql`insert into idempotency_keys (org_id, user_id, key, method, path, request_hash, created_at) values
    (${org.orgId}, ${org.userId}, ${`${tag}-old`}, 'POST', '/x', 'h', now() - interval '2 days'),
    (${org.orgId}, ${org.userId}, ${`${tag}-recent`}, 'POST', '/x', 'h', now() - interval '1 hour')`);
  await systemRows(db(), sql`insert into refresh_tokens (org_id, user_id, family_id, token_hash, expires_at) values
    (${org.orgId}, ${org.userId}, gen_random_uuid(), ${`${tag}-expired`}, now() - interval '1 minute'),
    (${org.orgId}, ${org.userId}, gen_random_uuid(), ${`${tag}-valid`}, now() + interval '1 day')`);
  // Failed sign-ins: one long past its window, one recent, one old but still locked out.
  await systemRows(db(), sql`insert into login_attempts (email, address, failures, first_failed_at, locked_until) values
    (${`${tag}-old@example.com`}, '192.0.2.1', 3, now() - interval '2 hours', null),
    (${`${tag}-recent@example.com`}, '192.0.2.1', 3, now() - interval '5 minutes', null),
    (${`${tag}-locked@example.com`}, '192.0.2.1', 5, now() - interval '2 hours', now() + interval '5 minutes')`);
}

async function survivors(tag: string) {
  const events = (await storedEvents(db(), org.orgId)).map((event) => event.payload.id).filter((id: string) => id?.startsWith(tag));
  const keys = (await systemRows<{ key: string }>(db(), sql`select key from idempotency_keys where key like ${`${tag}-%`} order by key`)).map((row) => row.key);
  const tokens = (await systemRows<{ token_hash: string }>(db(), sql`select token_hash from refresh_tokens where token_hash like ${`${tag}-%`} order by token_hash`)).map((row) => row.token_hash);
  const failedSignIns = (await systemRows<{ email: string }>(db(), sql`select email from login_attempts where email like ${`${tag}-%`} order by email`)).map((row) => row.email);
  return { events, keys, tokens, failedSignIns };
}

describe('cleanup past retention', () => {
  it('removes events older than the replay window, old idempotency keys, expired refresh tokens and past failed sign-ins, and keeps the rest', async () => {
    await seedAgedRows('direct');
    const removed = await runCleanup(server.platform);
    expect(removed).toMatchObject({ events: 1, idempotencyKeys: 1, refreshTokens: 1, loginAttempts: 1 });
    expect(await survivors('direct')).toEqual({
      events: ['direct-recent'],
      keys: ['direct-recent'],
      tokens: ['direct-valid'],
      failedSignIns: ['direct-locked@example.com', 'direct-recent@example.com'],
    });
  });

  it('keeps failed sign-ins at least as long as the sign-in throttle counts them', () => {
    expect(retention.loginAttemptsHours * 60).toBeGreaterThanOrEqual(WINDOW_MINUTES);
  });

  it('runs as a pg-boss job on this server', async () => {
    await seedAgedRows('queued');
    await server.platform.jobs.send('maintenance-cleanup', {});
    const deadline = Date.now() + 15_000;
    while ((await survivors('queued')).keys.length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await survivors('queued')).toEqual({
      events: ['queued-recent'],
      keys: ['queued-recent'],
      tokens: ['queued-valid'],
      failedSignIns: ['queued-locked@example.com', 'queued-recent@example.com'],
    });
  });
});

describe('schedules', () => {
  it('installs the hourly cleanup and the daily expiry check', async () => {
    const schedules = await server.platform.jobs.boss.getSchedules();
    expect(schedules.map((schedule) => [schedule.name, schedule.cron]).sort()).toEqual([
      ['license-plate-expiring', '0 5 * * *'],
      ['maintenance-cleanup', '17 * * * *'],
    ]);
  });
});

describe('license_plate.expiring', () => {
  afterEach(() => provideExpiringLicensePlatesQuery(findExpiringLicensePlates));

  it("emits one event per available LP expiring within the organization's warning window, in that organization only", async () => {
    const world = await setupInventory(server);
    const other = await setupInventory(server);
    await world.api.patch('/api/v1/settings', { expiryWarningDays: 3 });
    const soon = await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(2) });
    const today = await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(0) });
    await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(4) });
    await receivePlate(world, { productId: world.products.sugar });
    const elsewhere = await receivePlate(other, { productId: other.products.sugar, expiryDate: daysFromToday(1) });

    await runLicensePlateExpiring(server.platform);

    const expiring = async (orgId: string) =>
      (await storedEvents(db(), orgId)).filter((event) => event.type === 'license_plate.expiring').map((event) => event.payload);
    expect(await expiring(world.admin.orgId)).toEqual([
      { id: today.id, number: today.number, productId: world.products.sugar, lot: today.lot, expiryDate: daysFromToday(0), daysLeft: 0 },
      { id: soon.id, number: soon.number, productId: world.products.sugar, lot: soon.lot, expiryDate: daysFromToday(2), daysLeft: 2 },
    ]);
    expect((await expiring(other.admin.orgId)).map((payload) => payload.id)).toEqual([elsewhere.id]);
  });

  it('emits nothing when the check is turned off', async () => {
    const world = await setupInventory(server);
    await receivePlate(world, { productId: world.products.sugar, expiryDate: daysFromToday(1) });
    provideExpiringLicensePlatesQuery(null);
    expect(await runLicensePlateExpiring(server.platform)).toBe(0);
    expect((await storedEvents(db(), world.admin.orgId)).filter((event) => event.type === 'license_plate.expiring')).toEqual([]);
  });
});
