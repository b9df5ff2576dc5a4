import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTestEvent, listen, openSse, startWebhookReceiver, type WebhookReceiver } from '../../test/factories/events.js';
import { createProduct, receivePlate, setupInventory } from '../../test/factories/inventory.js';
import { canStartPostgres, startPostgres, type PostgresServer } from '../../test/postgres-server.js';
import { startTestServer, type Session, type TestServer } from '../../test/server.js';
import { signup } from '../modules/settings/auth.service.js';

// An enterprise tenant in a database of its own, on a PostgreSQL server of its own (started
// here), beside organizations in the shared database: every path finds it there.
const describeWithServer = canStartPostgres() ? describe : describe.skip;

let dedicatedServer: PostgresServer;
let server: TestServer;
let receiver: WebhookReceiver;
let baseUrl: string;
let enterprise: Session;
let small: Session;

async function rowsIn(url: string, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const sharedRows = (text: string, params: unknown[]) => server.database.db.withSession((session) => session.query(text, params));

async function signupIn(database: string, email: string): Promise<Session> {
  const password = 'correct horse battery staple';
  const session = await signup(server.platform, { organizationName: `Enterprise ${email}`, name: 'Ewa', email, password }, database);
  return { accessToken: session.accessToken, refreshToken: session.refreshToken, orgId: session.organization.id, userId: session.user.id, email, password };
}

describeWithServer('an organization placed in a dedicated database', () => {
  beforeAll(async () => {
    dedicatedServer = await startPostgres();
    await rowsIn(dedicatedServer.url(), 'create database acme', []);
    receiver = await startWebhookReceiver([200]);
    server = await startTestServer({
      TENANT_DATABASES: JSON.stringify({ acme: dedicatedServer.url('acme') }),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      JOBS_POLLING_SECONDS: '0.5',
    });
    baseUrl = await listen(server);
    enterprise = await signupIn('acme', `ewa-${Date.now()}@enterprise.test`);
    small = await server.signup();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await dedicatedServer?.destroy();
  });

  it('signs in, refreshes and answers from its own database; the shared one holds only its directory entry', async () => {
    const login = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: enterprise.email, password: enterprise.password } });
    expect(login.status).toBe(200);
    const refreshed = await server.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: login.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    const api = server.as(refreshed.body.accessToken);
    const productId = await createProduct(server, api);
    expect((await api.get(`/api/v1/products/${productId}`)).status).toBe(200);

    const inAcme = await rowsIn(dedicatedServer.url('acme'), 'select (select count(*) from products where org_id = $1)::int as products, (select count(*) from users where org_id = $1)::int as users', [enterprise.orgId]);
    expect(inAcme).toEqual([{ products: 1, users: 1 }]);
    const inShared = await sharedRows(
      `select (select count(*) from products where org_id = $1)::int as products, (select count(*) from users where org_id = $1)::int as users,
              (select count(*) from organizations where id = $1)::int as organizations, (select database from tenant_directory where org_id = $1) as database`,
      [enterprise.orgId],
    );
    expect(inShared).toEqual([{ products: 0, users: 0, organizations: 0, database: 'acme' }]);
    // Another organization's id is not found from here, wherever it lives.
    expect((await server.as(small.accessToken).get(`/api/v1/products/${productId}`)).status).toBe(404);
  });

  it('keeps one account per email across databases', async () => {
    const taken = await server.request({ method: 'POST', url: '/api/v1/auth/signup', payload: { organizationName: 'Copycat', name: 'X', email: enterprise.email, password: 'another long password' } });
    expect(taken.status).toBe(409);
    const api = server.as(small.accessToken);
    const asUser = await api.post('/api/v1/users', { email: enterprise.email.toUpperCase(), name: 'Twin', password: 'another long password', roles: ['operator'] });
    expect(asUser.status).toBe(409);
  });

  it('streams, replays and delivers its events from its own database', async () => {
    const api = server.as(enterprise.accessToken);
    expect((await api.post('/api/v1/webhooks', { url: receiver.url, events: ['work_order.updated'] })).status).toBe(201);
    const live = await openSse(baseUrl, { token: enterprise.accessToken });
    await live.connected();
    const event = await emitTestEvent(server, enterprise.orgId);
    const [first] = await live.waitFor((events) => events.some((e) => e.event === 'work_order.updated'));
    live.close();
    expect(first!.data.id).toBe(event.payload.id);

    const replay = await openSse(baseUrl, { token: enterprise.accessToken, lastEventId: '0' });
    const replayed = await replay.waitFor((events) => events.some((e) => e.event === 'work_order.updated'));
    replay.close();
    expect(replayed.map((e) => e.data.id)).toContain(event.payload.id);

    const [delivered] = await receiver.waitForRequests(1, 15_000);
    expect(JSON.parse(delivered!.body).id).toBe(event.id);
    const jobsInAcme = await rowsIn(dedicatedServer.url('acme'), "select count(*)::int as n from pgboss.job where name = 'webhook-delivery' and data->>'orgId' = $1", [enterprise.orgId]);
    expect(jobsInAcme).toEqual([{ n: 1 }]);
  }, 30_000);

  it('traces, recalls and fills the dashboard from its own database', async () => {
    const world = await setupInventory(server, enterprise);
    const plate = await receivePlate(world, { lot: 'ENT-LOT-1' });
    const api = world.api;
    const trace = await api.get(`/api/v1/trace/forward?licensePlateId=${plate.id}`);
    expect(trace.status).toBe(200);
    const recall = await api.get(`/api/v1/trace/recall/summary?productId=${plate.productId}&lot=ENT-LOT-1`);
    expect(recall.status).toBe(200);
    expect((await api.get('/api/v1/dashboard')).status).toBe(200);
    const csv = await api.get('/api/v1/products/export');
    expect(csv.status).toBe(200);
  });

  it('when its database is down, only its organizations answer 503 (with Retry-After); the others carry on', async () => {
    await dedicatedServer.stop('immediate');
    try {
      const refused = await server.as(enterprise.accessToken).get('/api/v1/products');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.body.type).toMatch(/unavailable/);
      expect((await server.as(small.accessToken).get('/api/v1/products')).status).toBe(200);
      const health = await server.request({ method: 'GET', url: '/api/health' });
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.checks.tenantDatabases.acme.status).toBe('error');
    } finally {
      await dedicatedServer.start();
    }
    expect((await server.as(enterprise.accessToken).get('/api/v1/products')).status).toBe(200);
    const health = await server.request({ method: 'GET', url: '/api/health' });
    expect(health.body.checks.tenantDatabases.acme.status).toBe('ok');
  }, 60_000);
});
