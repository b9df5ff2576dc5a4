import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTestEvent, eventScope, listen, openSse, type SseClient } from '../../../test/factories/events.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { withTenant } from '../db/tenancy.js';
import { emitEvent } from './index.js';

let server: TestServer;
let baseUrl: string;
let orgA: Session;
let orgB: Session;
const clients: SseClient[] = [];

async function connect(options: Parameters<typeof openSse>[1]) {
  const client = await openSse(baseUrl, options);
  clients.push(client);
  return client;
}

const ready = (client: SseClient) => client.connected();

beforeAll(async () => {
  server = await startTestServer({ EVENTS_HEARTBEAT_SECONDS: '0.2' });
  baseUrl = await listen(server);
  orgA = await server.signup();
  orgB = await server.signup();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.stop();
});

describe('GET /api/v1/events authentication', () => {
  it('answers 401 without a token', async () => {
    const response = await server.request({ method: 'GET', url: '/api/v1/events' });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 for a forged token in ?access_token=', async () => {
    const response = await server.request({ method: 'GET', url: '/api/v1/events?access_token=not-a-token' });
    expect(response.status).toBe(401);
  });

  it('answers 403 to a user without read permission on production', async () => {
    const role = await server.as(orgA.accessToken).post('/api/v1/roles', { name: 'Stock only', permissions: { warehouse: 'write' } });
    expect(role.status).toBe(201);
    const stockKeeper = await server.userWithRoles(orgA, ['Stock only']);
    const response = await server.as(stockKeeper.accessToken).get('/api/v1/events');
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('production');
  });

  it('accepts the access token in the query, as EventSource sends it, and answers an event stream', async () => {
    const client = await connect({ query: `access_token=${orgA.accessToken}` });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toContain('text/event-stream');
    expect(client.headers['cache-control']).toContain('no-cache');
  });

  it('refuses a Last-Event-ID that is not an event id, naming it', async () => {
    const response = await server.as(orgA.accessToken).get('/api/v1/events', { 'last-event-id': 'yesterday' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'Last-Event-ID', message: expect.any(String) }]);
  });
});

describe('the event stream', () => {
  it('sends a heartbeat comment at the configured interval', async () => {
    const client = await connect({ token: orgA.accessToken });
    const comments = await client.waitForComments(3);
    expect(comments.filter((comment) => comment === 'heartbeat').length).toBeGreaterThanOrEqual(2);
  });

  it("never carries another organization's events", async () => {
    const streamA = await connect({ token: orgA.accessToken });
    const streamB = await connect({ token: orgB.accessToken });
    await Promise.all([ready(streamA), ready(streamB)]);
    const emitted = [];
    for (let index = 0; index < 5; index++) {
      emitted.push(await emitTestEvent(server, orgB.orgId, { payload: { id: `b-${index}`, status: 'released' } }));
      emitted.push(await emitTestEvent(server, orgA.orgId, { payload: { id: `a-${index}`, status: 'released' } }));
    }
    // B's events went out before A's last one, on the same bus: had any leaked, it would be here.
    await streamA.waitFor((events) => events.some((event) => event.data.id === 'a-4'));
    await streamB.waitFor((events) => events.some((event) => event.data.id === 'b-4'));
    expect(streamA.events.map((event) => event.data.id)).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4']);
    expect(streamB.events.map((event) => event.data.id)).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
  });

  it("names each event by its type, carries the thin payload as data, and uses the organization's seq as id", async () => {
    const stream = await connect({ token: orgA.accessToken });
    await ready(stream);
    const event = await emitTestEvent(server, orgA.orgId, { type: 'work_order.updated', payload: { id: 'wo-1', number: 'WO-000001', status: 'in_progress', producedQty: 12.5 } });
    const [received] = await stream.waitFor((events) => events.length === 1);
    expect(received).toEqual({ id: String(event.seq), event: 'work_order.updated', data: { id: 'wo-1', number: 'WO-000001', status: 'in_progress', producedQty: 12.5 } });
  });

  it('a stream opened without Last-Event-ID starts with new events only', async () => {
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'old' } });
    const stream = await connect({ token: orgA.accessToken });
    await ready(stream);
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'new' } });
    await stream.waitFor((events) => events.length >= 1);
    expect(stream.events.map((event) => event.data.id)).toEqual(['new']);
  });

  it('a reconnect with Last-Event-ID replays exactly the events missed, in order, then continues live', async () => {
    const first = await connect({ token: orgA.accessToken });
    await ready(first);
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'seen' } });
    const [seen] = await first.waitFor((events) => events.length === 1);
    first.close();
    await emitTestEvent(server, orgB.orgId, { payload: { id: 'other org, missed' } });
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'missed-1' } });
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'missed-2' } });
    const again = await connect({ token: orgA.accessToken, lastEventId: seen!.id! });
    await again.waitFor((events) => events.length === 2);
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'live' } });
    await again.waitFor((events) => events.length === 3);
    expect(again.events.map((event) => event.data.id)).toEqual(['missed-1', 'missed-2', 'live']);
    const ids = again.events.map((event) => Number(event.id));
    expect(ids).toEqual([Number(seen!.id) + 1, Number(seen!.id) + 2, Number(seen!.id) + 3]);
  });

  it('an event whose publish never arrived is still delivered, in order, when the next one arrives', async () => {
    const stream = await connect({ token: orgA.accessToken });
    await ready(stream);
    // Committed but not published (as if the publishing instance died right after its commit).
    const scope = eventScope(server, orgA.orgId);
    const silent = { ...scope, platform: { ...server.platform, events: { ...server.platform.events, publish: async () => undefined } } };
    await withTenant(scope, (tx) => emitEvent(tx, silent, { type: 'work_order.updated', payload: { id: 'unpublished' } }));
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'next' } });
    await stream.waitFor((events) => events.length === 2);
    expect(stream.events.map((event) => event.data.id)).toEqual(['unpublished', 'next']);
  });
});

/** Resolves with the milliseconds until the stream ended, or rejects when it is still open after `timeoutMs`. */
async function endsWithin(client: SseClient, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stream was still open after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.ended, timeout]);
    return Date.now() - started;
  } finally {
    clearTimeout(timer);
  }
}

const isOpen = async (client: SseClient) => (await Promise.race([client.ended.then(() => false), new Promise((done) => setTimeout(() => done(true), 50))])) as boolean;

/** The same claims as a real access token of the session, signed with the server's secret, expiring at `exp`. */
async function tokenExpiringAt(session: Session, exp: number): Promise<string> {
  const { exp: _ignored, ...claims } = decodeJwt(session.accessToken);
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(new TextEncoder().encode(server.platform.config.JWT_SECRET!));
}

describe('how long a stream lives', () => {
  it('ends within 5 s after its user is deactivated; another user\'s stream goes on', async () => {
    const leaving = await server.userWithRoles(orgA, ['viewer']);
    const staying = await server.userWithRoles(orgA, ['viewer']);
    const doomed = await connect({ token: leaving.accessToken });
    const other = await connect({ token: staying.accessToken });
    await Promise.all([ready(doomed), ready(other)]);
    const response = await server.as(orgA.accessToken).patch(`/api/v1/users/${leaving.userId}`, { active: false });
    expect(response.status).toBe(200);
    expect(await endsWithin(doomed, 5000)).toBeLessThan(5000);
    await emitTestEvent(server, orgA.orgId, { payload: { id: 'after deactivation' } });
    await other.waitFor((events) => events.some((event) => event.data.id === 'after deactivation'));
    expect(doomed.events.map((event) => event.data.id)).not.toContain('after deactivation');
  });

  it('ends within 5 s after its user loses read permission on production', async () => {
    const role = await server.as(orgA.accessToken).post('/api/v1/roles', { name: `Stock keeper ${Date.now()}`, permissions: { warehouse: 'write' } });
    const user = await server.userWithRoles(orgA, ['viewer']);
    const stream = await connect({ token: user.accessToken });
    await ready(stream);
    expect((await server.as(orgA.accessToken).patch(`/api/v1/users/${user.userId}`, { roles: [role.body.name] })).status).toBe(200);
    expect(await endsWithin(stream, 5000)).toBeLessThan(5000);
  });

  it('ends when its access token expires, not before, and a fresh token opens a new one', async () => {
    const user = await server.userWithRoles(orgA, ['viewer']);
    const exp = Math.floor(Date.now() / 1000) + 3;
    const stream = await connect({ query: `access_token=${await tokenExpiringAt(user, exp)}` });
    expect(stream.status).toBe(200);
    await ready(stream);
    await endsWithin(stream, exp * 1000 - Date.now() + 1500);
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000 - 50);
    const again = await connect({ query: `access_token=${user.accessToken}` });
    expect(again.status).toBe(200);
  });
});

describe('open streams per user and per organization', () => {
  it('refuses the 11th open stream of a user with 429 before it starts; other users still connect', async () => {
    const user = await server.userWithRoles(orgA, ['viewer']);
    const streams = [];
    for (let index = 0; index < 10; index++) streams.push(await connect({ token: user.accessToken }));
    expect(streams.map((stream) => stream.status)).toEqual(Array(10).fill(200));
    const eleventh = await connect({ token: user.accessToken });
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers['content-type']).toContain('application/problem+json');
    await eleventh.ended;
    const colleague = await connect({ token: orgA.accessToken });
    expect(colleague.status).toBe(200);
    expect(await isOpen(streams[0]!)).toBe(true);
    streams[0]!.close();
    // Once one of them is closed, the user may open another.
    await expect.poll(async () => {
      const retry = await connect({ token: user.accessToken });
      if (retry.status !== 200) retry.close();
      return retry.status;
    }, { timeout: 5000, interval: 100 }).toBe(200);
    for (const stream of streams) stream.close();
  });

  it('caps the open streams of an organization, counting every user of it', async () => {
    const capped = await startTestServer({ EVENTS_MAX_STREAMS_PER_USER: '2', EVENTS_MAX_STREAMS_PER_ORG: '3' });
    const opened: SseClient[] = [];
    try {
      const cappedUrl = await listen(capped);
      const org = await capped.signup();
      const elsewhere = await capped.signup();
      const colleague = await capped.userWithRoles(org, ['viewer']);
      const open = async (token: string) => {
        const client = await openSse(cappedUrl, { token });
        opened.push(client);
        return client.status;
      };
      expect([await open(org.accessToken), await open(org.accessToken), await open(org.accessToken)]).toEqual([200, 200, 429]);
      expect([await open(colleague.accessToken), await open(colleague.accessToken)]).toEqual([200, 429]);
      expect(await open(elsewhere.accessToken)).toBe(200);
    } finally {
      for (const client of opened) client.close();
      await capped.stop();
    }
  });
});

describe('the API description', () => {
  it('documents the event stream and the webhook endpoints', async () => {
    const document = (await server.request({ method: 'GET', url: '/api/openapi.json' })).body;
    expect(document.paths['/api/v1/events'].get.parameters.map((parameter: any) => parameter.name)).toEqual(expect.arrayContaining(['access_token', 'lastEventId']));
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/deliveries']));
  });
});

describe('server shutdown', () => {
  it('ends open streams so that closing the server does not wait for clients', async () => {
    const stream = await connect({ token: orgA.accessToken });
    await ready(stream);
    await server.close();
    await stream.ended;
    expect(server.platform.events.listenerCount()).toBe(0);
  });
});
