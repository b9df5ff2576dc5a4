import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMismatches, receivePlate, sqlAsOwner } from '../../../test/factories/inventory.js';
import { consume, expectStatus, productionFootprint, setupProduction, startedWorkOrder, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

// API.md, "For the web app and the floor": a consumption beyond requiredQty × (1 + tolerance / 100)
// is 409 over_consumption unless it says why; the reason is kept on the consumption.

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

const consumptions = (id: string) => workOrderUrl(id, 'consumptions');
const flourOf = async (id: string) => expectStatus(await world.api.get(workOrderUrl(id)), 200, 'get order').materials.find((m: any) => m.productId === world.products.flour);

/** An order needing 6 kg of flour (10 kg bread × 0.6), with a 10 kg plate of flour; at the default 10 % it may take 6.6. */
async function orderAndPlate() {
  const order = await startedWorkOrder(world, { plannedQty: 10 });
  const plate = await receivePlate(world, { qty: 10 });
  return { order, plate };
}

describe('over-consumption', () => {
  it('is refused beyond the tolerance with code over_consumption and its params, writing nothing', async () => {
    const { order, plate } = await orderAndPlate();
    await consume(world.api, order.id, plate.id, 6.6);
    const before = await productionFootprint(server, world.admin.orgId);
    const refused = await world.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 0.000001 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'over_consumption',
      params: { productId: world.products.flour, qty: 0.000001, requiredQty: 6, consumedQty: 6.6, afterQty: 6.600001, limitQty: 6.6, tolerancePercent: 10 },
      errors: [{ path: 'overConsumptionReason' }],
    });
    expect(refused.body.detail).toContain('overConsumptionReason');
    expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
    expect(await flourOf(order.id)).toMatchObject({ consumedQty: 6.6 });
  });

  it('takes it with a reason, stored on the consumption and listed with the order', async () => {
    const { order, plate } = await orderAndPlate();
    const taken = expectStatus(await world.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 7, overConsumptionReason: '  dough too dry, added flour ' }), 201, 'consume');
    expect(taken).toMatchObject({ qty: 7, overConsumptionReason: 'dough too dry, added flour' });
    const listed = expectStatus(await world.api.get(workOrderUrl(order.id)), 200, 'get order').consumptions;
    expect(listed).toEqual([expect.objectContaining({ id: taken.id, overConsumptionReason: 'dough too dry, added flour' })]);
    const within = await consume(world.api, (await startedWorkOrder(world, { plannedQty: 10 })).id, plate.id, 1);
    expect(within.overConsumptionReason).toBeNull();
  });

  it('counts only what was not reversed, and follows the organization setting', async () => {
    const api = server.as((await server.signup()).accessToken);
    const own = await setupProduction(server);
    const order = await startedWorkOrder(own, { plannedQty: 10 });
    const plate = await receivePlate(own, { qty: 10 });
    const first = await consume(own.api, order.id, plate.id, 6);
    expectStatus(await own.api.post(`${consumptions(order.id)}/${first.id}/reverse`, {}), 200, 'reverse');
    await consume(own.api, order.id, plate.id, 6.6);
    expectStatus(await own.api.patch('/api/v1/settings', { overConsumptionTolerancePercent: 50 }), 200, 'settings');
    await consume(own.api, order.id, plate.id, 2.4);
    expect((await own.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 0.1 })).body.code).toBe('over_consumption');
    expectStatus(await own.api.patch('/api/v1/settings', { overConsumptionTolerancePercent: 0 }), 200, 'settings');
    expect((await own.api.get('/api/v1/settings')).body.overConsumptionTolerancePercent).toBe(0);
    // Another organization keeps its own default.
    expect((await api.get('/api/v1/settings')).body.overConsumptionTolerancePercent).toBe(10);
  });

  it('lets only one of two concurrent draws slip under the limit', async () => {
    const order = await startedWorkOrder(world, { plannedQty: 10 });
    const plates = await Promise.all([receivePlate(world, { qty: 5 }), receivePlate(world, { qty: 5 })]);
    const answers = await Promise.all(plates.map((plate) => world.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 4 })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body.code).toBe('over_consumption');
    expect(await flourOf(order.id)).toMatchObject({ consumedQty: 4 });
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('keeps idempotency keys working: a refusal claims no key, the retry with a reason is done once', async () => {
    const { order, plate } = await orderAndPlate();
    const key = { 'idempotency-key': `over-${order.id}` };
    expect((await world.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 8 }, key)).status).toBe(409);
    const body = { licensePlateId: plate.id, qty: 8, overConsumptionReason: 'trial batch' };
    const first = expectStatus(await world.api.post(consumptions(order.id), body, key), 201, 'with reason');
    const replay = expectStatus(await world.api.post(consumptions(order.id), body, key), 201, 'replay');
    expect(replay.id).toBe(first.id);
    const [row] = await sqlAsOwner<{ count: string }>(server, 'select count(*)::text as count from work_order_consumptions where work_order_id = $1', [order.id]);
    expect(row!.count).toBe('1');
  });

  it('validates the reason and the tolerance, naming the field', async () => {
    const { order, plate } = await orderAndPlate();
    const blank = await world.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 8, overConsumptionReason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((error: any) => error.path)).toEqual(['overConsumptionReason']);
    const long = await world.api.post(consumptions(order.id), { licensePlateId: plate.id, qty: 8, overConsumptionReason: 'x'.repeat(501) });
    expect(long.body.errors.map((error: any) => error.path)).toEqual(['overConsumptionReason']);
    for (const bad of [-1, 1001, 'ten', null]) {
      const response = await world.api.patch('/api/v1/settings', { overConsumptionTolerancePercent: bad });
      expect(response.status, String(bad)).toBe(400);
      expect(response.body.errors.map((error: any) => error.path)).toEqual(['overConsumptionTolerancePercent']);
    }
    expect((await world.api.get('/api/v1/settings')).body.overConsumptionTolerancePercent).toBe(10);
  });
});
