import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiResponse, type TestServer } from '../../../test/server.js';

// API.md "API rate limit": RATE_LIMIT_PER_MINUTE per organization and, separately, per user;
// requests with an invalid token count against their client address; decisions follow the
// matched route, never the raw request line; X-Forwarded-For only from a trusted proxy.

const LIMIT = 3;

/** An address no other test (nor another test file sharing Redis) counts against. */
const randomAddress = (first = 10) => `${first}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${(randomBytes(1)[0]! % 250) + 2}`;

/** A new organization whose sign-up came from an address of its own, so that no per-address count is touched. */
async function signupFrom(server: TestServer): Promise<{ accessToken: string }> {
  const suffix = randomBytes(4).toString('hex');
  const response = await server.request({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { organizationName: `Limited ${suffix}`, name: 'L', email: `limited-${suffix}@example.com`, password: 'long enough password' },
    remoteAddress: randomAddress(),
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** A viewer added by the admin (one request of the admin's) and signed in from an address of its own. */
async function viewerOf(server: TestServer, admin: { accessToken: string }): Promise<{ accessToken: string }> {
  const email = `viewer-${randomBytes(4).toString('hex')}@example.com`;
  const created = await server.as(admin.accessToken).post('/api/v1/users', { email, name: 'V', password: 'long enough password', roles: ['viewer'] });
  expect(created.status).toBe(201);
  const login = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'long enough password' }, remoteAddress: randomAddress() });
  expect(login.status).toBe(200);
  return login.body;
}

async function statusesOf(count: number, send: () => Promise<ApiResponse>): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt++) statuses.push((await send()).status);
  return statuses;
}

describe('rate limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => server.stop());

  describe('an absolute URL in the request line', () => {
    let port: number;
    beforeAll(async () => {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      port = (server.app.server.address() as AddressInfo).port;
    });

    /** Sends the request line `GET http://127.0.0.1:<port><path>` from its own loopback address. */
    function absolute(path: string, localAddress: string, token?: string): Promise<ApiResponse> {
      return new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          { host: '127.0.0.1', port, localAddress, method: 'GET', path: `http://127.0.0.1:${port}${path}`, headers: token ? { authorization: `Bearer ${token}` } : {} },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode!, body: text, headers: response.headers }));
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      });
    }

    it('is counted like its path: the fourth request of an organization in a minute is 429', async () => {
      const owner = await signupFrom(server);
      const statuses = await statusesOf(LIMIT + 1, () => absolute('/api/v1/warehouses', randomAddress(127), owner.accessToken));
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    it('needs an access token like its path, and a client without one is limited by its address', async () => {
      const address = randomAddress(127);
      const answers: ApiResponse[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) answers.push(await absolute('/api/v1/warehouses', address));
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 429]);
      expect(answers[0]!.headers['www-authenticate']).toBe('Bearer');
    });
  });

  it('requests with an invalid token count against their client address, and a valid token from there is not refused', async () => {
    const address = randomAddress();
    const invalid = () => server.request({ method: 'GET', url: '/api/v1/warehouses', token: 'not-a-token', remoteAddress: address });
    const refused = await statusesOf(LIMIT + 1, invalid);
    expect(refused).toEqual([401, 401, 401, 429]);
    const last = await invalid();
    expect(last.status).toBe(429);
    expect(last.headers['content-type']).toContain('application/problem+json');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not refused, and neither is a signed-in user calling from the limited one.
    expect((await server.request({ method: 'GET', url: '/api/v1/warehouses', token: 'not-a-token', remoteAddress: randomAddress() })).status).toBe(401);
    const owner = await signupFrom(server);
    expect((await server.request({ method: 'GET', url: '/api/v1/warehouses', token: owner.accessToken, remoteAddress: address })).status).toBe(200);
  });

  it('a missing token counts against the client address too', async () => {
    const address = randomAddress();
    const statuses = await statusesOf(LIMIT + 1, () => server.request({ method: 'GET', url: '/api/v1/warehouses', remoteAddress: address }));
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("a viewer's burst is refused for the viewer and does not block the organization's admin", async () => {
    const owner = await signupFrom(server);
    const viewer = await viewerOf(server, owner);
    const burst = await statusesOf(LIMIT + 2, () => server.as(viewer.accessToken).get('/api/v1/warehouses'));
    expect(burst).toEqual([200, 200, 200, 429, 429]);
    expect((await server.as(owner.accessToken).get('/api/v1/warehouses')).status).toBe(200);
  });

  it('each user of an organization has a bucket of their own', async () => {
    const owner = await signupFrom(server);
    const first = await viewerOf(server, owner);
    const second = await viewerOf(server, owner);
    expect(await statusesOf(LIMIT, () => server.as(first.accessToken).get('/api/v1/warehouses'))).toEqual([200, 200, 200]);
    expect(await statusesOf(LIMIT, () => server.as(second.accessToken).get('/api/v1/warehouses'))).toEqual([200, 200, 200]);
    expect((await server.as(second.accessToken).get('/api/v1/warehouses')).status).toBe(429);
  });

  it('one organization over its limit does not limit another', async () => {
    const busy = await signupFrom(server);
    const quiet = await signupFrom(server);
    expect(await statusesOf(LIMIT + 1, () => server.as(busy.accessToken).get('/api/v1/warehouses'))).toEqual([200, 200, 200, 429]);
    expect((await server.as(quiet.accessToken).get('/api/v1/warehouses')).status).toBe(200);
  });

  it('pages outside /api/v1 are not counted', async () => {
    const address = randomAddress();
    const statuses = await statusesOf(LIMIT + 2, () => server.request({ method: 'GET', url: '/api/health', remoteAddress: address }));
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(statuses).not.toContain(429);
  });
});

describe('client addresses behind a proxy', () => {
  const invalidFrom = (target: TestServer, remoteAddress: string, forwardedFor: string) =>
    target.request({ method: 'GET', url: '/api/v1/warehouses', token: 'not-a-token', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: one socket address is one client, whatever it claims', async () => {
    const server = await startTestServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    try {
      const socket = randomAddress();
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) statuses.push((await invalidFrom(server, socket, randomAddress(20))).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.stop();
    }
  });

  it('with TRUST_PROXY naming the proxy, the client is the address it forwards for; others cannot claim one', async () => {
    const proxy = randomAddress(192);
    const server = await startTestServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: `${proxy}, 172.31.0.0/16` });
    try {
      // Through the trusted proxy, each forwarded client has its own count.
      const viaProxy: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) viaProxy.push((await invalidFrom(server, proxy, randomAddress(20))).status);
      expect(viaProxy).toEqual([401, 401, 401, 401]);
      // The same forwarded client through the proxy is counted as one.
      const client = randomAddress(20);
      const sameClient: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) sameClient.push((await invalidFrom(server, proxy, client)).status);
      expect(sameClient).toEqual([401, 401, 401, 429]);
      // A caller that is not a trusted proxy cannot pick a fresh identity per request.
      const untrusted = randomAddress();
      const direct: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) direct.push((await invalidFrom(server, untrusted, randomAddress(20))).status);
      expect(direct).toEqual([401, 401, 401, 429]);
    } finally {
      await server.stop();
    }
  });

  it('a hop count trusts that many proxies', async () => {
    const server = await startTestServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
    try {
      // One proxy in front: its address is the socket's, the client is the last forwarded one.
      const proxy = randomAddress(192);
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) statuses.push((await invalidFrom(server, proxy, randomAddress(20))).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      const client = randomAddress(20);
      const sameClient: number[] = [];
      for (let attempt = 0; attempt <= LIMIT; attempt++) sameClient.push((await invalidFrom(server, proxy, `${randomAddress(30)}, ${client}`)).status);
      expect(sameClient).toEqual([401, 401, 401, 429]);
    } finally {
      await server.stop();
    }
  });
});
