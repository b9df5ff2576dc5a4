import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, openSse, startWebhookReceiver, storedEvents, type SseClient, type WebhookReceiver } from '../../../test/factories/events.js';
import { receivePlate } from '../../../test/factories/inventory.js';
import { consume, expectStatus, setupProduction, startedWorkOrder, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import type { PublishedEvent } from '../../platform/events/index.js';

// Other terminals, the dashboard and webhook receivers hear of every consumption and every
// reversal: `consumption.created` / `consumption.reversed` { id, workOrderId, licensePlateId, qty },
// written in the same transaction as the change itself.

let server: TestServer;
let baseUrl: string;
let world: ProductionWorld;
const streams: SseClient[] = [];
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  // The webhook receiver listens on loopback, which only an on-premise installation may call.
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true', JOBS_POLLING_SECONDS: '0.5' });
  baseUrl = await listen(server);
  world = await setupProduction(server);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await server.stop();
  for (const receiver of receivers) await receiver.close();
});

const isConsumptionEvent = (type: string) => type.startsWith('consumption.');

/** The organization's consumption events stored after the first `skip` events. */
async function consumptionEventsAfter(skip: number) {
  const events = await storedEvents(server.database.db, world.admin.orgId);
  return events.slice(skip).filter((event) => isConsumptionEvent(event.type));
}

const eventCount = async () => (await storedEvents(server.database.db, world.admin.orgId)).length;

/** Everything published to realtime subscribers of the organization from now on. */
function heard(): PublishedEvent[] {
  const published: PublishedEvent[] = [];
  server.platform.events.subscribe(world.admin.orgId, (event) => published.push(event));
  return published;
}

const reverseUrl = (workOrderId: string, consumptionId: string) => workOrderUrl(workOrderId, `consumptions/${consumptionId}/reverse`);

describe('consumption events', () => {
  it('a consumption writes exactly one consumption.created, and its reversal exactly one consumption.reversed, with the exact qty', async () => {
    const wo = await startedWorkOrder(world, { plannedQty: 10 });
    const lp = await receivePlate(world, { qty: 5 });

    const beforeConsume = await eventCount();
    const consumption = await consume(world.api, wo.id, lp.id, 2.000001);
    const afterConsume = await storedEvents(server.database.db, world.admin.orgId);
    expect(afterConsume.slice(beforeConsume).map((event) => [event.type, event.payload])).toEqual([
      ['consumption.created', { id: consumption.id, workOrderId: wo.id, licensePlateId: lp.id, qty: 2.000001 }],
    ]);

    const beforeReverse = afterConsume.length;
    expectStatus(await world.api.post(reverseUrl(wo.id, consumption.id), { reason: 'wrong pallet' }), 200, 'reverse');
    const afterReverse = await storedEvents(server.database.db, world.admin.orgId);
    expect(afterReverse.slice(beforeReverse).map((event) => [event.type, event.payload])).toEqual([
      ['consumption.reversed', { id: consumption.id, workOrderId: wo.id, licensePlateId: lp.id, qty: 2.000001 }],
    ]);
  });

  it('a refused consumption or reversal emits nothing: no stored event, no realtime message', async () => {
    const wo = await startedWorkOrder(world);
    const lp = await receivePlate(world, { qty: 1 });
    const salt = (await createProduct(world.api, { type: 'raw', uom: 'kg' })).id;
    const saltPlate = await receivePlate(world, { qty: 5, productId: salt });
    const consumption = await consume(world.api, wo.id, lp.id, 1);
    expectStatus(await world.api.post(reverseUrl(wo.id, consumption.id), {}), 200, 'reverse');

    const before = await eventCount();
    const published = heard();
    expect((await world.api.post(workOrderUrl(wo.id, 'consumptions'), { licensePlateId: lp.id, qty: 1.5 })).status).toBe(409);
    expect((await world.api.post(workOrderUrl(wo.id, 'consumptions'), { licensePlateId: saltPlate.id, qty: 1 })).status).toBe(409);
    expect((await world.api.post(reverseUrl(wo.id, consumption.id), {})).status).toBe(409);
    expect(await consumptionEventsAfter(before)).toEqual([]);
    expect(await eventCount()).toBe(before);
    expect(published).toEqual([]);
  });

  it('reaches a webhook endpoint subscribed to consumption.created', async () => {
    const receiver = await startWebhookReceiver([200]);
    receivers.push(receiver);
    const endpoint = await world.api.post('/api/v1/webhooks', { url: receiver.url, events: ['consumption.created', 'consumption.reversed'] });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    try {
      const wo = await startedWorkOrder(world);
      const lp = await receivePlate(world, { qty: 3 });
      const consumption = await consume(world.api, wo.id, lp.id, 0.25);
      const [delivery] = await receiver.waitForRequests(1);
      expect(JSON.parse(delivery!.body)).toMatchObject({
        type: 'consumption.created',
        data: { id: consumption.id, workOrderId: wo.id, licensePlateId: lp.id, qty: 0.25 },
      });
    } finally {
      await world.api.delete(`/api/v1/webhooks/${endpoint.body.id}`);
    }
  }, 30_000);

  it('reaches the organization’s event stream, named by type', async () => {
    const stream = await openSse(baseUrl, { token: world.admin.accessToken });
    streams.push(stream);
    await stream.connected();
    const wo = await startedWorkOrder(world);
    const lp = await receivePlate(world, { qty: 3 });
    const consumption = await consume(world.api, wo.id, lp.id, 1.5);
    expectStatus(await world.api.post(reverseUrl(wo.id, consumption.id), {}), 200, 'reverse');
    const payload = { id: consumption.id, workOrderId: wo.id, licensePlateId: lp.id, qty: 1.5 };
    await stream.waitFor((events) => events.some((event) => event.event === 'consumption.reversed'));
    expect(stream.events.filter((event) => isConsumptionEvent(event.event)).map((event) => [event.event, event.data])).toEqual([
      ['consumption.created', payload],
      ['consumption.reversed', payload],
    ]);
  });
});
