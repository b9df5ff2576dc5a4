import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWarehouse } from '../../test/factories/platform.js';
import { adminQuery, withDatabaseName } from '../../test/database.js';
import { startTestServer, testConfig, type TestServer } from '../../test/server.js';
import { createServer, type Server } from '../server.js';
import { openPglite, openPostgres, type Database } from './db/database.js';
import { listMigrations } from './db/migrate.js';

// GET /api/health per API.md: latency per check, degraded (still serving) without Redis,
// 503 without a database. A fourth check says whether an answered commit survives a power
// cut; a database that cannot promise it makes the server degraded, never silently healthy.

const check = { status: 'ok', latencyMs: expect.any(Number) };
const onPostgres = Boolean(process.env.DATABASE_URL);

/** A server over a database of the test's own choosing (the test servers' PGlite lives in memory). */
async function serverOver(db: Database): Promise<Server & { health(): Promise<{ status: number; body: any }> }> {
  const server = await createServer(testConfig(), { db, cachePrefix: `mp-test-${randomBytes(4).toString('hex')}` });
  return Object.assign(server, {
    async health() {
      const response = await server.app.inject({ method: 'GET', url: '/api/health' });
      return { status: response.statusCode, body: response.json() };
    },
  });
}

/** The migrated test database, as the server runs it: PGlite on disk, or the test server's PostgreSQL database. */
async function openDurableDatabase(): Promise<{ db: Database; stop(): Promise<void> }> {
  if (onPostgres) {
    const server = await startTestServer();
    return { db: openPostgres(server.database.url!), stop: () => server.stop() };
  }
  const dataDir = join(mkdtempSync(join(tmpdir(), 'monopilot-health-')), 'data');
  const db = await openPglite({ dataDir, loadDataDir: new Blob([await readFile(inject('pgliteDump'))]) });
  return { db, stop: () => db.close() };
}

describe('a healthy server', () => {
  let database: { db: Database; stop(): Promise<void> };
  let server: Awaited<ReturnType<typeof serverOver>>;
  beforeAll(async () => {
    database = await openDurableDatabase();
    server = await serverOver(database.db);
  });
  afterAll(async () => {
    await server?.close();
    await database?.stop();
  });

  it('answers healthy with the latency of every check, without a token', async () => {
    const response = await server.health();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'healthy',
      release: { version: expect.any(String), commit: 'sources', builtAt: null, schema: listMigrations().at(-1)!.name },
      checks: { database: check, cache: check, auth: check, durability: { ...check, detail: expect.any(String) } },
    });
    for (const result of Object.values(response.body.checks) as { latencyMs: number }[]) expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('names the settings its durability rests on, as the database reports them', async () => {
    const { detail } = (await server.health()).body.checks.durability;
    expect(detail).toMatch(/fsync=on/);
    expect(detail).toMatch(/synchronous_commit=on/);
    if (!onPostgres) expect(detail).toMatch(/wal_sync_method=fsync; fsync reaches the disk/);
  });
});

describe('a database that does not promise durability', () => {
  it.skipIf(onPostgres)('embedded in memory: degraded, with 200, the durability check saying why', async () => {
    const server = await startTestServer();
    try {
      const response = await server.request({ method: 'GET', url: '/api/health' });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('degraded');
      expect(response.body.checks.durability).toMatchObject({ status: 'error', detail: expect.stringMatching(/in memory/) });
      expect(response.body.checks.database.status).toBe('ok');
    } finally {
      await server.stop();
    }
  });

  it.skipIf(onPostgres)('embedded on disk with fsync off: degraded, naming fsync=off', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'monopilot-health-')), 'data');
    const db = await openPglite({ dataDir, loadDataDir: new Blob([await readFile(inject('pgliteDump'))]), durable: false });
    const server = await serverOver(db);
    try {
      const response = await server.health();
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('degraded');
      expect(response.body.checks.durability).toMatchObject({ status: 'error', detail: expect.stringMatching(/not durable: .*fsync=off/) });
    } finally {
      await server.close();
      await db.close();
    }
  });

  it.skipIf(!onPostgres)('a PostgreSQL database with synchronous_commit off: degraded, naming it', async () => {
    const testServer = await startTestServer();
    await adminQuery(process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL!, `alter database ${testServer.database.name} set synchronous_commit = off`);
    // A setting of the database holds for sessions opened after it: straight to the server, not
    // through a pooler's sessions opened before.
    const db = openPostgres(process.env.DATABASE_DIRECT_URL ? withDatabaseName(process.env.DATABASE_DIRECT_URL, testServer.database.name) : testServer.database.url!);
    const server = await serverOver(db);
    try {
      const response = await server.health();
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('degraded');
      expect(response.body.checks.durability).toMatchObject({ status: 'error', detail: expect.stringMatching(/synchronous_commit is off/) });
    } finally {
      await server.close();
      await db.close();
      await testServer.stop();
    }
  });
});

describe('with Redis unreachable', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: 'redis://127.0.0.1:6390' });
  });
  afterAll(() => server.stop());

  it('health says degraded, with 200, naming the cache', async () => {
    const response = await server.request({ method: 'GET', url: '/api/health' });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.checks.cache.status).toBe('error');
    expect(response.body.checks.database.status).toBe('ok');
  });

  it('requests still succeed: sign-up, create, read, and changes that drop cached permissions', async () => {
    const admin = await server.signup();
    const client = server.as(admin.accessToken);
    const warehouse = await createWarehouse(client);
    expect((await client.get(`/api/v1/warehouses/${warehouse.id}`)).body.id).toBe(warehouse.id);
    expect((await client.get('/api/v1/warehouses')).body.items).toHaveLength(1);
    const user = await server.userWithRoles(admin, ['viewer']);
    expect((await server.as(user.accessToken).get('/api/v1/warehouses')).status).toBe(200);
    const changed = await client.patch(`/api/v1/users/${user.userId}`, { roles: ['operator'] });
    expect(changed.status).toBe(200);
    // The permission cache was dropped although Redis is away: operator has no settings rights.
    expect((await server.as(user.accessToken).get('/api/v1/warehouses')).status).toBe(200);
    expect((await server.as(user.accessToken).get('/api/v1/users')).status).toBe(403);
  });
});

describe('without a database', () => {
  it('answers 503 once the database is gone, naming the database', async () => {
    const server = await startTestServer();
    try {
      expect((await server.request({ method: 'GET', url: '/api/health' })).status).toBe(200);
      await server.database.db.close();
      const response = await server.request({ method: 'GET', url: '/api/health' });
      expect(response.status).toBe(503);
      expect(response.body.checks.database.status).toBe('error');
      expect(response.body.checks.auth.status).toBe('ok');
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('answers 503 while the database server refuses connections, and healthy again once it is back', async () => {
    const server = await startTestServer();
    // Straight to the server when the run goes through PgBouncer.
    const admin = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL!;
    const cutOff = async (allowed: boolean) => {
      await adminQuery(admin, `alter database ${server.database.name} with allow_connections ${allowed}`);
      if (!allowed) await adminQuery(admin, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${server.database.name}'`);
    };
    try {
      await cutOff(false);
      const down = await server.request({ method: 'GET', url: '/api/health' });
      expect(down.status).toBe(503);
      expect(down.body.checks.database.status).toBe('error');
      await cutOff(true);
      // A pooler in between tries the server again after a moment of its own (server_login_retry).
      let back = await server.request({ method: 'GET', url: '/api/health' });
      for (let attempt = 0; back.status !== 200 && attempt < 20; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        back = await server.request({ method: 'GET', url: '/api/health' });
      }
      expect(back.status).toBe(200);
      expect(back.body.checks.database.status).toBe('ok');
    } finally {
      await cutOff(true);
      await server.stop();
    }
  });
});
