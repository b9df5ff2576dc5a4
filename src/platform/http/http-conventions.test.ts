import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type ApiResponse, type Session, type TestServer } from '../../../test/server.js';

// The conventions of API.md that hold for every endpoint: problem+json errors, field
// errors with paths, cursor pagination, Idempotency-Key, rate limits, request ids, OpenAPI.

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

const api = () => server.as(admin.accessToken);

function expectProblem(response: ApiResponse, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), instance: expect.any(String) });
}

async function warehouseCount(): Promise<number> {
  const [row] = await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where org_id = ${admin.orgId}`);
  return row!.n;
}

describe('problem+json for every error', () => {
  it('an unknown route answers 404', async () => {
    const response = await api().get('/api/v1/no-such-thing');
    expectProblem(response, 404);
    expect(response.body.instance).toBe('/api/v1/no-such-thing');
    expectProblem(await server.request({ method: 'GET', url: '/api/no-such-thing' }), 404);
    // Without a token too: a missing route is not a missing credential.
    expectProblem(await server.request({ method: 'GET', url: '/api/v1/no-such-thing' }), 404);
  });

  it('a missing or bad access token answers 401 with WWW-Authenticate', async () => {
    const missing = await server.request({ method: 'GET', url: '/api/v1/warehouses' });
    expectProblem(missing, 401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expectProblem(await server.as('not-a-token').get('/api/v1/warehouses'), 401);
  });

  it('a wrong method answers 405 with Allow, on a collection and on a record', async () => {
    const onCollection = await api().delete('/api/v1/roles');
    expectProblem(onCollection, 405);
    expect(String(onCollection.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'POST']));
    const warehouse = await createWarehouse(api());
    const onRecord = await server.request({ method: 'PUT', url: `/api/v1/warehouses/${warehouse.id}`, payload: { name: 'x' }, token: admin.accessToken });
    expectProblem(onRecord, 405);
    expect(String(onRecord.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'PATCH']));
  });

  it('a body over the limit answers 413 and writes nothing', async () => {
    const before = await warehouseCount();
    const response = await api().post('/api/v1/warehouses', { code: 'BIG', name: 'x'.repeat(1_100_000) });
    expectProblem(response, 413);
    expect(await warehouseCount()).toBe(before);
  });

  it('a body that is not JSON answers 415, whatever the other type', async () => {
    const before = await warehouseCount();
    for (const type of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await server.request({
        method: 'POST',
        url: '/api/v1/warehouses',
        payload: JSON.stringify({ code: 'TYPED', name: 'Typed' }),
        headers: { 'content-type': type },
        token: admin.accessToken,
      });
      expectProblem(response, 415);
    }
    expect(await warehouseCount()).toBe(before);
  });

  it('malformed JSON answers 400 naming the body', async () => {
    const response = await server.request({
      method: 'POST',
      url: '/api/v1/warehouses',
      payload: '{"code": "A", "name": ',
      headers: { 'content-type': 'application/json' },
      token: admin.accessToken,
    });
    expectProblem(response, 400);
    expect(response.body.errors).toMatchObject([{ path: 'body', message: expect.any(String) }]);
  });
});

describe('field errors carry the path of the field', () => {
  it('an unknown key inside a nested object is named by its full path', async () => {
    const response = await api().post('/api/v1/roles', { name: 'Packers', permissions: { warehouse: 'write', forklifts: 'write' } });
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual({ path: 'permissions.forklifts', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
  });

  it('an unknown top-level key is named', async () => {
    const response = await api().post('/api/v1/warehouses', { code: 'W-X', name: 'X', colour: 'red' });
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual({ path: 'colour', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
  });

  it('a wrong type inside a nested object and inside an array is named by its full path', async () => {
    const nested = await api().post('/api/v1/roles', { name: 'Packers', permissions: { warehouse: 5 } });
    expectProblem(nested, 400);
    expect(nested.body.errors).toContainEqual({ path: 'permissions.warehouse', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
    const inArray = await api().post('/api/v1/users', { email: 'typed@example.com', name: 'T', password: 'long enough password', roles: ['viewer', 7] });
    expectProblem(inArray, 400);
    expect(inArray.body.errors).toContainEqual({ path: 'roles.1', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
  });

  it('a missing field is named', async () => {
    const response = await api().post('/api/v1/warehouses', { code: 'W-Y' });
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual({ path: 'name', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
  });

  it('an unknown enum value is named, in a body and in a query', async () => {
    const body = await api().post('/api/v1/products', { code: 'P-1', name: 'Ice', type: 'frozen', uom: 'kg' });
    expectProblem(body, 400);
    expect(body.body.errors).toMatchObject([{ path: 'type', message: expect.any(String) }]);
    const query = await api().get('/api/v1/products?type=frozen');
    expectProblem(query, 400);
    expect(query.body.errors).toContainEqual({ path: 'type', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
  });

  it('a path parameter that is no UUID is named', async () => {
    const response = await api().get('/api/v1/warehouses/not-a-uuid');
    expectProblem(response, 400);
    expect(response.body.errors).toContainEqual({ path: 'id', message: expect.any(String), code: expect.any(String), params: expect.any(Object) });
  });
});

describe('bad input on every route that writes', () => {
  const garbage: { label: string; payload: string }[] = [
    { label: 'malformed JSON', payload: '{"code": ' },
    { label: 'null', payload: 'null' },
    { label: 'an array', payload: '[{"code": "A"}]' },
    { label: 'a string', payload: '"hello"' },
    { label: 'a number', payload: '42' },
    { label: 'an empty object', payload: '{}' },
    { label: 'an unknown field', payload: '{"unexpected": true}' },
    {
      label: 'wrong types everywhere',
      payload: JSON.stringify({
        code: 7, name: {}, type: 'bogus', uom: 'bogus', qty: 'ten', outputQty: -1, items: 'x', lines: [{}], productId: 'nope',
        warehouseId: 12, locationId: [], email: 'x', password: 1, roles: [1], permissions: { nothing: 'x' }, effectiveFrom: '2026-13-45',
        licensePlateIds: 'x', reason: 5, active: 'yes', url: 'notaurl', events: {},
      }),
    },
  ];

  it('never answers 5xx, and writes nothing, on any POST or PATCH of /api/v1', async () => {
    const owner = await server.signup();
    const tables = await systemRows<{ name: string }>(
      server.database.db,
      sql`select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and relkind = 'r' and relname not in ('login_attempts', 'schema_migrations')`,
    );
    const snapshot = async () => {
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table.name] = (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from ${sql.raw(`"${table.name}"`)}`))[0]!.n;
      return counts;
    };
    const routes = routeTable(server.app).filter((route) => route.path.startsWith('/api/v1/') && ['POST', 'PATCH'].includes(route.method));
    expect(routes.length).toBeGreaterThan(10);
    const before = await snapshot();
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(/:\w+/g, '01930000-0000-7000-8000-000000000000');
      for (const { label, payload } of garbage) {
        const response = await server.request({ method: route.method as 'POST', url, payload, headers: { 'content-type': 'application/json' }, token: owner.accessToken });
        // An empty PATCH is a valid request that changes nothing.
        const isValidNoop = route.method === 'PATCH' && label === 'an empty object' && response.status === 200;
        if (isValidNoop) continue;
        if (response.status >= 500 || response.status < 400) failures.push(`${route.method} ${route.path} with ${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        else if (!String(response.headers['content-type']).includes('application/problem+json')) failures.push(`${route.method} ${route.path} with ${label}: ${response.status} without problem+json`);
      }
    }
    expect(failures).toEqual([]);
    const after = await snapshot();
    expect(Object.keys(after).filter((table) => after[table] !== before[table]).map((table) => `${table}: ${before[table]} -> ${after[table]}`)).toEqual([]);
  }, 120_000);
});

describe('a NUL character in any text field or parameter (API.md "text")', () => {
  const someId = '01930000-0000-7000-8000-000000000000';

  it('is 400 naming the field on every /api/v1 route: in a path parameter, a query parameter and a body field', async () => {
    const owner = await server.signup();
    const routes = routeTable(server.app).filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    const check = async (route: { method: string; path: string }, label: string, url: string, field: string, payload?: unknown) => {
      const response = await server.request({ method: route.method as 'GET', url, payload: payload as string, token: owner.accessToken });
      const named = response.body?.errors?.some((error: { path: string }) => error.path === field);
      if (response.status !== 400 || !named) failures.push(`${route.method} ${route.path} with NUL in ${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
    };
    for (const route of routes) {
      const params = route.path.match(/:\w+/g) ?? [];
      const withIds = route.path.replace(/:\w+/g, someId);
      for (const param of params) await check(route, `path ${param}`, route.path.replace(param, 'x%00y').replace(/:\w+/g, someId), param.slice(1));
      await check(route, 'the query', `${withIds}?search=x%00y`, 'search');
      if (['POST', 'PATCH'].includes(route.method)) {
        await check(route, 'a body field', withIds, 'name', { name: 'x\u0000y' });
        await check(route, 'a nested body field', withIds, 'lines.0.lot', { lines: [{ lot: 'x\u0000y' }] });
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('cursor pagination', () => {
  it('walks every record exactly once, in id order, page by page', async () => {
    const owner = await server.signup();
    const client = server.as(owner.accessToken);
    const created: string[] = [];
    for (let index = 0; index < 7; index++) created.push((await createWarehouse(client)).id);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await client.get(`/api/v1/warehouses?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.items.length);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...created].sort());
    expect(new Set(seen).size).toBe(7);
  });

  it('an exactly full last page has no next cursor', async () => {
    const owner = await server.signup();
    const client = server.as(owner.accessToken);
    for (let index = 0; index < 3; index++) await createWarehouse(client);
    const page = await client.get('/api/v1/warehouses?limit=3');
    expect(page.body.items).toHaveLength(3);
    expect(page.body.nextCursor).toBeNull();
  });

  it('refuses a limit out of range and a cursor it did not issue', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'cursor=garbage']) {
      const response = await api().get(`/api/v1/warehouses?${query}`);
      expectProblem(response, 400);
      expect(response.body.errors?.[0]?.path).toBe(query.split('=')[0]);
    }
  });
});

describe('Idempotency-Key', () => {
  it('the same key and body returns the first response and does the work once', async () => {
    const key = uniqueCode('key');
    const body = { code: uniqueCode('IDEM'), name: 'Once' };
    const first = await api().post('/api/v1/warehouses', body, { 'idempotency-key': key });
    const second = await api().post('/api/v1/warehouses', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const [row] = await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where code = ${body.code}`);
    expect(row!.n).toBe(1);
  });

  it('the same key with another body answers 409 and does nothing', async () => {
    const key = uniqueCode('key');
    const first = await api().post('/api/v1/warehouses', { code: uniqueCode('IDEM'), name: 'First' }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const otherCode = uniqueCode('IDEM');
    const second = await api().post('/api/v1/warehouses', { code: otherCode, name: 'Second' }, { 'idempotency-key': key });
    expectProblem(second, 409);
    const [row] = await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where code = ${otherCode}`);
    expect(row!.n).toBe(0);
  });

  it('two concurrent requests with the same key create once and answer alike', async () => {
    const key = uniqueCode('key');
    const body = { code: uniqueCode('IDEM'), name: 'Raced' };
    const answers = await Promise.all([1, 2, 3].map(() => api().post('/api/v1/warehouses', body, { 'idempotency-key': key })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    const [row] = await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where code = ${body.code}`);
    expect(row!.n).toBe(1);
  });

  it('a failed request stores nothing, so the key can be used again', async () => {
    const key = uniqueCode('key');
    const failed = await api().post('/api/v1/warehouses', { code: 'bad code!', name: 'X' }, { 'idempotency-key': key });
    expectProblem(failed, 400);
    const retried = await api().post('/api/v1/warehouses', { code: uniqueCode('IDEM'), name: 'X' }, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
  });

  it('keys belong to one organization: another organization using the same key does its own work', async () => {
    const key = uniqueCode('key');
    const body = { code: uniqueCode('IDEM'), name: 'Shared key' };
    const other = await server.signup();
    const mine = await api().post('/api/v1/warehouses', body, { 'idempotency-key': key });
    const theirs = await server.as(other.accessToken).post('/api/v1/warehouses', body, { 'idempotency-key': key });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });
});

describe('rate limits (rate-limits.test.ts has the rest)', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => limited.stop());

  // Each sign-up comes from its own address, so the limit on anonymous callers stays out of the way.
  async function signupFrom(target: TestServer): Promise<string> {
    const suffix = randomBytes(4).toString('hex');
    const response = await target.request({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { organizationName: `Limited ${suffix}`, name: 'L', email: `limited-${suffix}@example.com`, password: 'long enough password' },
      remoteAddress: `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]! || 1}`,
    });
    expect(response.status).toBe(201);
    return response.body.accessToken;
  }

  it('answers 429 with Retry-After once a caller is over the limit, and other organizations go on', async () => {
    const busy = await signupFrom(limited);
    const quiet = await signupFrom(limited);
    const statuses: number[] = [];
    let refused: ApiResponse | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await limited.as(busy).get('/api/v1/warehouses');
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expectProblem(refused!, 429);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    expect((await limited.as(quiet).get('/api/v1/warehouses')).status).toBe(200);
  });
});

describe('x-request-id', () => {
  it('is on every response, successes and errors alike', async () => {
    const responses = [
      await api().get('/api/v1/warehouses'),
      await api().get('/api/v1/no-such-thing'),
      await server.request({ method: 'GET', url: '/api/v1/warehouses' }),
      await api().post('/api/v1/warehouses', {}),
      await server.request({ method: 'GET', url: '/api/health' }),
    ];
    const ids = responses.map((response) => response.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[\w.:-]{8,}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes a well-formed id the caller sends, and replaces a malformed one', async () => {
    const echoed = await api().get('/api/v1/warehouses', { 'x-request-id': 'trace-4711.abc' });
    expect(echoed.headers['x-request-id']).toBe('trace-4711.abc');
    const replaced = await api().get('/api/v1/warehouses', { 'x-request-id': 'has spaces and {braces}' });
    expect(replaced.headers['x-request-id']).not.toBe('has spaces and {braces}');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/** The app's routes as method → paths, read from Fastify's own route table. */
function routeTable(app: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const pathAtDepth: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const marker = line.indexOf('── ');
    if (marker < 0) continue;
    const depth = (marker - 1) / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(marker + 3))!;
    const path = depth === 0 ? match[1]! : `${pathAtDepth[depth - 1]}${match[1]}`.replace(/^\/\//, '/');
    pathAtDepth[depth] = path;
    for (const method of match[2]?.split(', ') ?? []) routes.push({ method, path });
  }
  return routes;
}

describe('OpenAPI', () => {
  it('/api/openapi.json describes every /api/v1 route of the app, with its answers', async () => {
    const response = await server.request({ method: 'GET', url: '/api/openapi.json' });
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    const documented = response.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const routes = routeTable(server.app).filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual({ method: 'PATCH', path: '/api/v1/warehouses/:id' });
    const undocumented = routes
      .filter((route) => !documented[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.path}`);
    expect(undocumented).toEqual([]);
    const withoutAnswers: string[] = [];
    for (const [path, operations] of Object.entries(documented).filter(([path]) => path.startsWith('/api/v1/'))) {
      for (const [method, operation] of Object.entries(operations)) {
        const codes = Object.keys(operation.responses ?? {});
        if (!codes.some((code) => code.startsWith('2')) || !codes.some((code) => code.startsWith('4'))) withoutAnswers.push(`${method} ${path}`);
      }
    }
    expect(withoutAnswers).toEqual([]);
  });

  it('documents request bodies from the validating schemas', async () => {
    const response = await server.request({ method: 'GET', url: '/api/openapi.json' });
    const create = response.body.paths['/api/v1/products'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['code', 'name', 'type', 'uom']));
    expect(schema.properties.type.enum).toEqual(expect.arrayContaining(['raw', 'intermediate', 'finished', 'packaging']));
  });

  it('/api/docs serves an HTML page', async () => {
    const response = await server.request({ method: 'GET', url: '/api/docs' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(String(response.body)).toContain('<html');
  });
});
