import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { listen, openSse } from '../../test/factories/events.js';
import { testConfig } from '../../test/server.js';
import { createServer, type Server } from '../server.js';
import { createLogger, redactUrl } from './log.js';

// API.md "tokens in URLs": tokens never appear in logs; nor do passwords, secrets, or the
// parameters of a failed query. Every line the server writes is captured and searched.

const lines: string[] = [];
let server: Server;
let database: TestDatabase;
let baseUrl: string;
const secretParam = `sql-param-${randomBytes(8).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });
  const config = testConfig({ LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
  server = await createServer(config, { db: database.db, log: createLogger(config, { write: (line: string) => void lines.push(line) }), cachePrefix: `mp-test-${randomBytes(4).toString('hex')}` });
  // A route of this test only: a query that fails with a secret-looking parameter, a 500.
  server.app.get('/api/v1/test-only/failing-query', { config: { public: true } }, async () => {
    await server.platform.db.orm.execute(sql`select ${secretParam}::text as value from no_such_table`);
    return {};
  });
  baseUrl = await listen(server);
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

async function call(options: InjectOptions) {
  const response = await server.app.inject(options);
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
}

async function signup() {
  const suffix = randomBytes(4).toString('hex');
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const email = `logged-${suffix}@example.com`;
  const response = await call({ method: 'POST', url: '/api/v1/auth/signup', payload: { organizationName: `Logs ${suffix}`, name: 'L', email, password } });
  expect(response.status).toBe(201);
  return { ...response.body, email, password } as { accessToken: string; refreshToken: string; email: string; password: string };
}

/** Every captured line that contains the text. */
const linesWith = (text: string) => lines.filter((line) => line.includes(text));

describe('log lines', () => {
  it('never carry an access token sent in the URL, on the event stream or anywhere else', async () => {
    const session = await signup();
    const stream = await openSse(baseUrl, { query: `access_token=${session.accessToken}` });
    expect(stream.status).toBe(200);
    stream.close();
    await call({ method: 'GET', url: `/api/v1/warehouses?access_token=${session.accessToken}` });
    const logged = linesWith('/api/v1/events?access_token=');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toContain('access_token=[redacted]');
    expect(linesWith(session.accessToken)).toEqual([]);
  });

  it('never carry the Authorization header, passwords or refresh tokens of a sign-in', async () => {
    const session = await signup();
    const login = await call({ method: 'POST', url: '/api/v1/auth/login', payload: { email: session.email, password: session.password } });
    expect(login.status).toBe(200);
    const wrong = await call({ method: 'POST', url: '/api/v1/auth/login', payload: { email: session.email, password: `${session.password}-wrong` } });
    expect(wrong.status).toBe(401);
    await call({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: login.body.refreshToken } });
    await call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${login.body.accessToken}` } });
    for (const value of [session.password, login.body.accessToken, login.body.refreshToken, session.refreshToken]) expect(linesWith(value)).toEqual([]);
  });

  it("never carry a webhook's secret", async () => {
    const session = await signup();
    const secret = `whsec-${randomBytes(16).toString('hex')}`;
    const created = await call({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: 'http://127.0.0.1:9/hook', events: ['work_order.updated'], secret },
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(created.status).toBe(201);
    expect(linesWith(secret)).toEqual([]);
  });

  it("never carry a failed query's parameters, though the failure itself is logged", async () => {
    const response = await call({ method: 'GET', url: '/api/v1/test-only/failing-query' });
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain(secretParam);
    const failure = linesWith('unhandled error');
    expect(failure.length).toBe(1);
    expect(failure[0]).toContain('no_such_table');
    expect(linesWith(secretParam)).toEqual([]);
  });
});

describe('tokens in URLs', () => {
  it('are taken on the event stream only: anywhere else ?access_token= is no credential', async () => {
    const session = await signup();
    const elsewhere = await call({ method: 'GET', url: `/api/v1/me?access_token=${session.accessToken}` });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.instance).not.toContain(session.accessToken);
    const withHeader = await call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(withHeader.status).toBe(200);
    const stream = await openSse(baseUrl, { query: `access_token=${session.accessToken}` });
    expect(stream.status).toBe(200);
    stream.close();
  });
});

describe('redaction', () => {
  it('censors credential fields at any depth a log call uses, and leaves the rest', () => {
    const captured: string[] = [];
    const log = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void captured.push(line) });
    log.info({ password: 'p-1', body: { newPassword: 'p-2', name: 'Kept' }, req: { headers: { authorization: 'Bearer t-1', cookie: 'c-1' } }, a: { b: { secret: 's-1' } } }, 'x');
    const line = JSON.parse(captured[0]!);
    expect(line.password).toBe('[redacted]');
    expect(line.body).toEqual({ newPassword: '[redacted]', name: 'Kept' });
    expect(line.req.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(line.a.b.secret).toBe('[redacted]');
  });

  it('replaces the values of credential query parameters in a URL', () => {
    expect(redactUrl('/api/v1/events?access_token=abc.def.ghi&lastEventId=7')).toBe('/api/v1/events?access_token=[redacted]&lastEventId=7');
    expect(redactUrl('/x?refreshToken=r&Token=t&q=kept')).toBe('/x?refreshToken=[redacted]&Token=[redacted]&q=kept');
    expect(redactUrl('/api/v1/warehouses')).toBe('/api/v1/warehouses');
  });
});

describe("a request's lines", () => {
  it('name its organization and user once it is authenticated, and only its own', async () => {
    const first = await signup();
    const second = await signup();
    const me = async (session: { accessToken: string }) => (await call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${session.accessToken}` } })).body;
    const [firstMe, secondMe] = [await me(first), await me(second)];
    const completed = (userId: string) =>
      lines.map((line) => JSON.parse(line) as { msg?: string; orgId?: string; userId?: string; req?: unknown }).filter((line) => line.msg === 'request completed' && line.userId === userId);
    expect(completed(firstMe.user.id).at(-1)).toMatchObject({ orgId: firstMe.organization.id, userId: firstMe.user.id });
    expect(completed(secondMe.user.id).at(-1)).toMatchObject({ orgId: secondMe.organization.id, userId: secondMe.user.id });
    // A public request's lines name nobody.
    await call({ method: 'GET', url: '/api/health' });
    const health = lines.map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string }; userId?: string }).filter((line) => line.req?.url === '/api/health');
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((line) => line.userId === undefined)).toBe(true);
  });
});
