import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/factories/events.js';
import { setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { expectStatus } from '../../../test/factories/production.js';
import { qualityFootprint } from '../../../test/factories/quality.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import type { PublishedEvent } from '../../platform/events/index.js';

let server: TestServer;
let world: InventoryWorld;
let oven: any;
const receivers: WebhookReceiver[] = [];

const newCcp = (body: Record<string, unknown> = {}, api = world.api) =>
  api.post('/api/v1/haccp/ccps', { code: `CCP-${Math.random().toString(36).slice(2, 8)}`, name: 'Oven core temperature', hazard: 'Salmonella survives', unit: '°C', min: 72, ...body });
const read = (ccpId: string, body: Record<string, unknown>, api = world.api) => api.post(`/api/v1/haccp/ccps/${ccpId}/readings`, body);

beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', JOBS_POLLING_SECONDS: '0.5' });
  world = await setupInventory(server);
  oven = expectStatus(await newCcp({ code: 'CCP-1', locationId: world.locations.storage }), 201, 'ccp');
});
afterAll(async () => {
  await server.stop();
  for (const receiver of receivers) await receiver.close();
});

describe('critical control points', () => {
  it('are created with limits and listed; a duplicate code is 409; limits are checked (400 naming the field)', async () => {
    expect(oven).toMatchObject({ code: 'CCP-1', unit: '°C', min: 72, max: null, locationId: world.locations.storage, active: true });
    expect((await newCcp({ code: 'CCP-1' })).status).toBe(409);
    const upsideDown = await newCcp({ min: 5, max: 1 });
    expect(upsideDown.status).toBe(400);
    expect(upsideDown.body.errors).toMatchObject([{ path: 'max', message: expect.any(String) }]);
    expect((await newCcp({ min: undefined })).body.errors).toMatchObject([{ path: 'max', message: expect.any(String) }]);
    expect((await newCcp({ hazard: '' })).body.errors).toMatchObject([{ path: 'hazard', message: expect.any(String) }]);
    const nowhere = await newCcp({ locationId: '0190e0c8-0000-7000-8000-000000000000' });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.errors).toMatchObject([{ path: 'locationId', message: expect.any(String) }]);
    const list = expectStatus(await world.api.get('/api/v1/haccp/ccps'), 200, 'list');
    expect(list.items.map((ccp: any) => ccp.code)).toEqual(['CCP-1']);
  });
});

describe('readings', () => {
  it('within the limits: 201 { id, value, withinLimits: true }, no NCR, judged exactly (72 is within min 72)', async () => {
    const before = await qualityFootprint(server, world.admin.orgId);
    const reading = expectStatus(await read(oven.id, { value: 72, note: 'batch 14' }), 201, 'reading');
    expect(reading).toMatchObject({ id: expect.any(String), value: 72, withinLimits: true, ncrId: null, note: 'batch 14', userId: world.admin.userId });
    expect((await qualityFootprint(server, world.admin.orgId)).ncrs).toBe(before.ncrs);
  });

  it('outside the limits opens a deviation NCR in the same transaction and emits ccp.deviation on SSE and webhooks', async () => {
    const receiver = await startWebhookReceiver([200]);
    receivers.push(receiver);
    expectStatus(await world.api.post('/api/v1/webhooks', { url: receiver.url, events: ['ccp.deviation'] }), 201, 'webhook');
    const published: PublishedEvent[] = [];
    server.platform.events.subscribe(world.admin.orgId, (event) => published.push(event));
    const reading = expectStatus(await read(oven.id, { value: 71.999999, takenAt: '2026-12-01T10:00:00.000Z' }), 201, 'reading');
    expect(reading).toMatchObject({ value: 71.999999, withinLimits: false, ncrId: expect.any(String), takenAt: '2026-12-01T10:00:00.000Z' });
    const ncr = expectStatus(await world.api.get(`/api/v1/ncrs/${reading.ncrId}`), 200, 'ncr');
    expect(ncr).toMatchObject({ status: 'open', severity: 'major', title: expect.stringContaining('CCP-1') });
    const deviation = published.find((event) => event.type === 'ccp.deviation');
    expect(deviation?.payload).toMatchObject({ id: reading.id, ccpId: oven.id, code: 'CCP-1', value: 71.999999, min: 72, max: null, ncrId: reading.ncrId });
    const [delivery] = await receiver.waitForRequests(1);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'ccp.deviation', data: { id: reading.id, ncrId: reading.ncrId } });
  }, 30_000);

  it('lists readings between from and to, oldest first', async () => {
    for (const [value, takenAt] of [[80, '2026-11-01T08:00:00Z'], [81, '2026-11-02T08:00:00Z'], [82, '2026-11-03T08:00:00Z']] as const) {
      expectStatus(await read(oven.id, { value, takenAt }), 201, 'reading');
    }
    const window = expectStatus(await world.api.get(`/api/v1/haccp/ccps/${oven.id}/readings?from=2026-11-02T00:00:00Z&to=2026-11-30T00:00:00Z`), 200, 'list');
    expect(window.items.map((reading: any) => reading.value)).toEqual([81, 82]);
    expect((await world.api.get(`/api/v1/haccp/ccps/${oven.id}/readings?from=yesterday`)).body.errors).toMatchObject([{ path: 'from', message: expect.any(String) }]);
  });

  it('bad input is 400 naming the field and writes nothing', async () => {
    const before = await qualityFootprint(server, world.admin.orgId);
    for (const [body, path] of [[{}, 'value'], [{ value: 'hot' }, 'value'], [{ value: 1.0000001 }, 'value'], [{ value: 75, takenAt: 'noon' }, 'takenAt'], [{ value: 75, colour: 'red' }, 'colour']] as const) {
      const response = await read(oven.id, body);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.path ?? '').toBe(path);
    }
    const rows = await sqlAsOwner<{ n: number }>(server, 'select count(*)::int as n from haccp_readings where org_id = $1', [world.admin.orgId]);
    expect(rows[0]!.n).toBe(5);
    expect(await qualityFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('an operator on the floor may record readings; a viewer may only read them', async () => {
    const operator = server.as((await server.userWithRoles(world.admin, ['operator'])).accessToken);
    const viewer = server.as((await server.userWithRoles(world.admin, ['viewer'])).accessToken);
    expect((await read(oven.id, { value: 90 }, operator)).status).toBe(201);
    expect((await read(oven.id, { value: 90 }, viewer)).status).toBe(403);
    expect((await newCcp({}, operator)).status).toBe(403);
    expect((await viewer.get(`/api/v1/haccp/ccps/${oven.id}/readings`)).status).toBe(200);
  });

  it("another organization's CCP is 404", async () => {
    const other = server.as((await server.signup()).accessToken);
    expect((await other.get(`/api/v1/haccp/ccps/${oven.id}`)).status).toBe(404);
    expect((await read(oven.id, { value: 1 }, other)).status).toBe(404);
    expect((await other.get(`/api/v1/haccp/ccps/${oven.id}/readings`)).status).toBe(404);
    expect((await other.get('/api/v1/haccp/ccps')).body.items).toEqual([]);
  });
});
