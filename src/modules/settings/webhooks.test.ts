import { promises as dns } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emitTestEvent, startWebhookReceiver, verifySignature, type WebhookReceiver } from '../../../test/factories/events.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { afterCommit } from '../../platform/db/tenancy.js';

let server: TestServer;
let admin: Session;
const receivers: WebhookReceiver[] = [];

async function receiver(statuses: number[]) {
  const started = await startWebhookReceiver(statuses);
  receivers.push(started);
  return started;
}

async function waitForDeliveries(session: Session, webhookId: string, count: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await server.as(session.accessToken).get(`/api/v1/webhooks/${webhookId}/deliveries`);
    if (response.body.items?.length >= count) return response.body.items as any[];
    if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  // The receivers listen on loopback, which only an on-premise installation may call.
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', JOBS_POLLING_SECONDS: '0.5' });
  admin = await server.signup();
});
afterAll(async () => {
  await server.stop();
  for (const started of receivers) await started.close();
});

describe('webhook endpoints', () => {
  it('creates an endpoint with a generated secret shown once, and lists it without the secret', async () => {
    const client = server.as(admin.accessToken);
    const created = await client.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/a', events: ['work_order.updated', 'license_plate.created'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: 'http://127.0.0.1:9/a', events: ['work_order.updated', 'license_plate.created'], active: true });
    expect(created.body.secret).toMatch(/^whsec_[\w-]{40,}$/);
    const list = await client.get('/api/v1/webhooks');
    const listed = list.body.items.find((item: any) => item.id === created.body.id);
    expect(listed).toMatchObject({ id: created.body.id, url: 'http://127.0.0.1:9/a' });
    expect(listed).not.toHaveProperty('secret');
  });

  it('keeps a secret that is given', async () => {
    const created = await server.as(admin.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/b', events: ['receipt.created'], secret: 'a-shared-secret-of-ours' });
    expect(created.body.secret).toBe('a-shared-secret-of-ours');
  });

  it('refuses a malformed URL, an unknown event and a short secret, naming each field, and stores nothing', async () => {
    const client = server.as(admin.accessToken);
    const before = (await client.get('/api/v1/webhooks')).body.items.length;
    const badUrl = await client.post('/api/v1/webhooks', { url: 'ftp://example.com/x', events: ['work_order.updated'] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors.map((error: any) => error.path)).toEqual(['url']);
    const badEvent = await client.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/c', events: ['work_order.exploded'] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.errors[0].path).toMatch(/^events/);
    const shortSecret = await client.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/c', events: ['work_order.updated'], secret: 'short' });
    expect(shortSecret.status).toBe(400);
    expect(shortSecret.body.errors.map((error: any) => error.path)).toEqual(['secret']);
    expect((await client.get('/api/v1/webhooks')).body.items.length).toBe(before);
  });

  it('needs write permission on settings', async () => {
    const viewer = await server.userWithRoles(admin, ['viewer']);
    const client = server.as(viewer.accessToken);
    expect((await client.get('/api/v1/webhooks')).status).toBe(403);
    expect((await client.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/d', events: ['work_order.updated'] })).status).toBe(403);
  });

  it("answers 404 for another organization's endpoint, on delete and on its deliveries", async () => {
    const created = await server.as(admin.accessToken).post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/e', events: ['work_order.updated'] });
    const other = await server.signup();
    const client = server.as(other.accessToken);
    expect((await client.get(`/api/v1/webhooks/${created.body.id}/deliveries`)).status).toBe(404);
    expect((await client.delete(`/api/v1/webhooks/${created.body.id}`)).status).toBe(404);
    expect((await client.get('/api/v1/webhooks')).body.items).toEqual([]);
  });

  it('deletes an endpoint', async () => {
    const client = server.as(admin.accessToken);
    const created = await client.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/f', events: ['work_order.updated'] });
    expect((await client.delete(`/api/v1/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await client.get('/api/v1/webhooks')).body.items.map((item: any) => item.id)).not.toContain(created.body.id);
    expect((await client.delete(`/api/v1/webhooks/${created.body.id}`)).status).toBe(404);
  });
});

describe('webhook delivery', () => {
  it('a receiver answering 500 then 200 gets the delivery again, signed, and both attempts are logged', async () => {
    const org = await server.signup();
    const target = await receiver([500, 200]);
    const secret = 'retry-test-secret-123456';
    const created = await server.as(org.accessToken).post('/api/v1/webhooks', { url: target.url, events: ['work_order.updated'], secret });
    const event = await emitTestEvent(server, org.orgId, { type: 'work_order.updated', payload: { id: 'wo-9', number: 'WO-000009', status: 'completed', producedQty: 40 } });

    const [first, second] = await target.waitForRequests(2);
    for (const request of [first!, second!]) {
      expect(JSON.parse(request.body)).toEqual({ id: event.id, type: 'work_order.updated', createdAt: event.createdAt, data: { id: 'wo-9', number: 'WO-000009', status: 'completed', producedQty: 40 } });
      expect(request.headers['content-type']).toBe('application/json');
      expect(verifySignature(request.headers['monopilot-signature'], secret, request.body)).toBe(true);
      expect(verifySignature(request.headers['monopilot-signature'], 'another secret entirely', request.body)).toBe(false);
    }

    const deliveries = await waitForDeliveries(org, created.body.id, 2);
    // Newest first: the retry, then the failed first attempt.
    expect(deliveries.map((delivery) => [delivery.attempt, delivery.statusCode, delivery.success, delivery.eventId])).toEqual([
      [2, 200, true, event.id],
      [1, 500, false, event.id],
    ]);
    for (const delivery of deliveries) {
      expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(delivery.attemptedAt)).not.toBeNaN();
    }
    expect(Date.parse(deliveries[0].attemptedAt)).toBeGreaterThan(Date.parse(deliveries[1].attemptedAt));
  }, 30_000);

  it('retries with exponential backoff and jitter: first retry after 4-8 s, waits capped at 2 h, about 24 h in all', async () => {
    const queue = await server.platform.jobs.boss.getQueue('webhook-delivery');
    expect(queue).toMatchObject({ retryBackoff: true, retryDelay: 4, retryDelayMax: 7200, retryLimit: 21 });
    // pg-boss waits retryDelay * 2^n * (1 + random) before retry n + 1, at most retryDelayMax: the expected total.
    let total = 0;
    for (let retry = 0; retry < queue!.retryLimit!; retry++) total += Math.min(queue!.retryDelayMax!, queue!.retryDelay! * 2 ** retry * 1.5);
    expect(total / 3600).toBeGreaterThan(20);
    expect(total / 3600).toBeLessThan(30);
  });

  it('logs an attempt that reaches no server with its error', async () => {
    const org = await server.signup();
    const gone = await receiver([200]);
    await gone.close();
    const created = await server.as(org.accessToken).post('/api/v1/webhooks', { url: gone.url, events: ['shipment.created'] });
    await emitTestEvent(server, org.orgId, { type: 'shipment.created', payload: { id: 'sh-1', status: 'open' } });
    const [attempt] = await waitForDeliveries(org, created.body.id, 1);
    expect(attempt).toMatchObject({ attempt: 1, statusCode: null, success: false, error: expect.stringContaining('ECONNREFUSED') });
  });

  it("an endpoint created after the organization's subscriptions were looked up gets the next event", async () => {
    const org = await server.signup();
    // This event finds no subscriber, and the (cached) answer is that there is none.
    await emitTestEvent(server, org.orgId, { type: 'license_plate.created', payload: { id: 'lp-0', number: 'LP00000000' } });
    const target = await receiver([200]);
    await server.as(org.accessToken).post('/api/v1/webhooks', { url: target.url, events: ['license_plate.created'] });
    await emitTestEvent(server, org.orgId, { type: 'license_plate.created', payload: { id: 'lp-1', number: 'LP00000001' } });
    const [request] = await target.waitForRequests(1);
    expect(JSON.parse(request!.body).data).toEqual({ id: 'lp-1', number: 'LP00000001' });
  });

  it('a 410 answer disables the endpoint: later events are not delivered', async () => {
    const org = await server.signup();
    const target = await receiver([410]);
    const created = await server.as(org.accessToken).post('/api/v1/webhooks', { url: target.url, events: ['license_plate.created'] });
    await emitTestEvent(server, org.orgId, { type: 'license_plate.created', payload: { id: 'lp-1', number: 'LP00000001' } });
    await waitForDeliveries(org, created.body.id, 1);
    const listed = (await server.as(org.accessToken).get('/api/v1/webhooks')).body.items[0];
    expect(listed).toMatchObject({ id: created.body.id, active: false, disabledReason: expect.stringContaining('410') });
    // A second event finds no active subscriber; a third endpoint's delivery shows the queue still runs.
    await emitTestEvent(server, org.orgId, { type: 'license_plate.created', payload: { id: 'lp-2', number: 'LP00000002' } });
    const witness = await receiver([200]);
    await server.as(org.accessToken).post('/api/v1/webhooks', { url: witness.url, events: ['license_plate.created'] });
    await emitTestEvent(server, org.orgId, { type: 'license_plate.created', payload: { id: 'lp-3', number: 'LP00000003' } });
    await witness.waitForRequests(1);
    expect(target.received).toHaveLength(1);
  });
});

describe('private addresses', () => {
  let shared: TestServer;
  beforeAll(async () => {
    shared = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' });
  });
  afterAll(() => shared.stop());

  it('refuses URLs on loopback, private and link-local addresses with 400 naming url, unless allowed', async () => {
    const org = await shared.signup();
    const client = shared.as(org.accessToken);
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://192.168.0.10/hook', 'http://169.254.169.254/latest', 'http://[::1]:3000/hook']) {
      const response = await client.post('/api/v1/webhooks', { url, events: ['work_order.updated'] });
      expect(response.status, url).toBe(400);
      expect(response.body.errors, url).toMatchObject([{ path: 'url', message: expect.stringContaining('private') }]);
    }
    expect((await client.get('/api/v1/webhooks')).body.items).toEqual([]);
  });

  it('refuses IPv6 spellings of loopback and private addresses (IPv4-compatible, translated, 6to4, NAT64, site-local)', async () => {
    const org = await shared.signup();
    const client = shared.as(org.accessToken);
    for (const host of ['[::127.0.0.1]', '[::ffff:0:127.0.0.1]', '[2002:7f00:1::]', '[64:ff9b:1::a9fe:a9fe]', '[fec0::1]']) {
      const response = await client.post('/api/v1/webhooks', { url: `http://${host}/hook`, events: ['work_order.updated'] });
      expect(response.status, host).toBe(400);
      expect(response.body.errors, host).toMatchObject([{ path: 'url', message: expect.stringContaining('private') }]);
    }
    expect((await client.get('/api/v1/webhooks')).body.items).toEqual([]);
    const open = await client.post('/api/v1/webhooks', { url: 'https://[2606:2800:220:1::1]/hook', events: ['work_order.updated'] });
    expect(open.status).toBe(201);
  });

  describe('the host name lookup', () => {
    afterEach(() => vi.restoreAllMocks());

    it('runs before any transaction opens, also for a request with an Idempotency-Key, so a slow DNS never holds a connection', async () => {
      const org = await shared.signup();
      const insideTransaction: boolean[] = [];
      vi.spyOn(dns, 'lookup').mockImplementation((async () => {
        // afterCommit runs its callback at once only when no transaction is open around the caller.
        let ranAtOnce = false;
        afterCommit(() => {
          ranAtOnce = true;
        });
        insideTransaction.push(!ranAtOnce);
        return [{ address: '93.184.216.34', family: 4 }];
      }) as unknown as typeof dns.lookup);
      const client = shared.as(org.accessToken);
      const body = { url: 'https://hooks.example.test/in', events: ['work_order.updated'] };
      expect((await client.post('/api/v1/webhooks', body)).status).toBe(201);
      expect((await client.post('/api/v1/webhooks', { ...body, url: 'https://hooks.example.test/keyed' }, { 'idempotency-key': crypto.randomUUID() })).status).toBe(201);
      expect(insideTransaction).toEqual([false, false]);
    });

    it('is not made for a user who may not create webhooks', async () => {
      const org = await shared.signup();
      const viewer = await shared.userWithRoles(org, ['viewer']);
      const lookup = vi.spyOn(dns, 'lookup');
      const response = await shared.as(viewer.accessToken).post('/api/v1/webhooks', { url: 'https://hooks.example.test/x', events: ['work_order.updated'] });
      expect(response.status).toBe(403);
      expect(lookup).not.toHaveBeenCalled();
    });
  });
});
