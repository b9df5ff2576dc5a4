import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse } from '../../test/factories/platform.js';
import { adminQuery } from '../../test/database.js';
import { startTestServer, type TestServer } from '../../test/server.js';

// GET /api/health per API.md: latency per check, degraded (still serving) without Redis,
// 503 without a database.

const check = { status: 'ok', latencyMs: expect.any(Number) };

describe('a healthy server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('answers healthy with the latency of every check, without a token', async () => {
    const response = await server.request({ method: 'GET', url: '/api/health' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'healthy', checks: { database: check, cache: check, auth: check } });
    for (const result of Object.values(response.body.checks) as { latencyMs: number }[]) expect(result.latencyMs).toBeGreaterThanOrEqual(0);
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
    const admin = process.env.DATABASE_URL!;
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
      const back = await server.request({ method: 'GET', url: '/api/health' });
      expect(back.status).toBe(200);
      expect(back.body.checks.database.status).toBe('ok');
    } finally {
      await cutOff(true);
      await server.stop();
    }
  });
});
