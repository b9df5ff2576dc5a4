import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlate, setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { canStartPostgres, startPostgres, startReplicaOf, type PostgresServer } from '../../../test/postgres-server.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { openPostgres } from './database.js';
import { migrate } from './migrate.js';

// A real streaming replica (pg_basebackup of a primary started here) behind DATABASE_READ_URL.
// Replay is paused on it to make it visibly stale: a report that shows the stale answer was
// read there; one that shows the fresh answer was read on the primary.
const describeWithServers = canStartPostgres() ? describe : describe.skip;

let primary: PostgresServer;
let replica: PostgresServer;
let server: TestServer;
let world: InventoryWorld;
let reader: Session;
const LOT = 'REPLICA-LOT';

async function onReplica(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: replica.url('mp') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** How many plates of the lot (10 each) a report, the recall summary, sees as `session` asks. */
async function platesInReport(session: Session): Promise<number> {
  const answer = await server.as(session.accessToken).get(`/api/v1/trace/recall/summary?productId=${world.products.flour}&lot=${LOT}`);
  if (answer.status === 404) return 0;
  expect(answer.status).toBe(200);
  return answer.body.lots[0].producedQty / 10;
}

const waitUntil = async (condition: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describeWithServers('a read replica behind DATABASE_READ_URL', () => {
  beforeAll(async () => {
    primary = await startPostgres();
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query('create database mp');
    await admin.end();
    const db = openPostgres(primary.url('mp'));
    await migrate(db);
    replica = await startReplicaOf(primary);
    server = await startTestServer(
      { DATABASE_READ_URL: replica.url('mp'), REPLICA_MAX_LAG_SECONDS: '3' },
      { db, name: 'mp', url: primary.url('mp'), drop: () => db.close() },
    );
    world = await setupInventory(server);
    await receivePlate(world, { lot: LOT });
    reader = await server.userWithRoles(world.admin, ['quality']);
  }, 120_000);

  /** Waits until the replica may answer the reader (up, caught up, past the reader's own sign-in). */
  const replicaServesReader = () => waitUntil(() => server.platform.databases.readRouting!.mayRead(reader.orgId, reader.userId));

  afterAll(async () => {
    await server?.stop();
    await replica?.destroy();
    await primary?.destroy();
  });

  it('answers reports from the replica and everything else from the primary; the writer reads their own write', async () => {
    await replicaServesReader();
    await onReplica('select pg_wal_replay_pause()');
    try {
      const plate = await receivePlate(world, { lot: LOT });
      // The plate itself is read on the primary.
      expect((await world.api.get(`/api/v1/license-plates/${plate.id}`)).status).toBe(200);
      // Another user's report is the replica's (stale) answer; the writer's is their own write.
      expect(await platesInReport(reader)).toBe(1);
      expect(await platesInReport(world.admin)).toBe(2);
    } finally {
      await onReplica('select pg_wal_replay_resume()');
    }
    await waitUntil(async () => (await platesInReport(reader)) === 2);
  });

  it('reads the primary once the replica lags past REPLICA_MAX_LAG_SECONDS', async () => {
    const health = async () => (await server.request({ method: 'GET', url: '/api/health' })).body;
    await replicaServesReader();
    expect((await health()).checks.replica.status).toBe('ok');
    await onReplica('select pg_wal_replay_pause()');
    try {
      await receivePlate(world, { lot: LOT });
      expect(await platesInReport(reader)).toBe(2);
      // Lag grows while replay is paused; past the limit (3 s here) reports read the primary.
      await waitUntil(async () => (await platesInReport(reader)) === 3);
      const degraded = await health();
      expect(degraded.status).toBe('degraded');
      expect(degraded.checks.replica.status).toBe('error');
      expect(degraded.checks.replica.lagSeconds).toBeGreaterThanOrEqual(3);
    } finally {
      await onReplica('select pg_wal_replay_resume()');
    }
    await waitUntil(async () => (await health()).checks.replica.status === 'ok');
  });

  it('keeps answering reports from the primary while the replica is down, and uses it again when it is back', async () => {
    await replica.stop('immediate');
    try {
      await receivePlate(world, { lot: LOT });
      expect(await platesInReport(reader)).toBe(4);
      const health = (await server.request({ method: 'GET', url: '/api/health' })).body;
      expect(health.status).toBe('degraded');
      expect(health.checks.replica.status).toBe('error');
    } finally {
      await replica.start();
    }
    await replicaServesReader();
    await onReplica('select pg_wal_replay_pause()');
    try {
      await receivePlate(world, { lot: LOT });
      expect(await platesInReport(reader)).toBe(4);
    } finally {
      await onReplica('select pg_wal_replay_resume()');
    }
  });
});
