import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, receivePlate, sqlAsOwner } from '../../../test/factories/inventory.js';
import {
  advance,
  consume,
  createWorkOrder,
  expectStatus,
  output,
  productionFootprint,
  productMadeOf,
  setupProduction,
  startedWorkOrder,
  workOrderUrl,
  type ProductionWorld,
} from '../../../test/factories/production.js';
import { createBom, createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { workOrderActions, workOrderStatuses } from './work-order.transitions.js';

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

/** The actions that take an order from the first status to the one named. */
const pathTo: Record<string, string[]> = {
  planned: [],
  released: ['release'],
  in_progress: ['release', 'start'],
  on_hold: ['release', 'start', 'hold'],
  completed: ['release', 'start', 'complete'],
  closed: ['release', 'start', 'complete', 'close'],
  cancelled: ['cancel'],
};
const allowed = new Set(['planned:release', 'released:start', 'in_progress:hold', 'on_hold:resume', 'in_progress:complete', 'completed:close', 'planned:cancel', 'released:cancel']);

describe('creating work orders', () => {
  it('numbers orders WO-000001 upward per organization, planned, by the BOM in force today', async () => {
    const other = await setupProduction(server);
    const first = await createWorkOrder(other, { plannedQty: 12.5 });
    const second = await createWorkOrder(other);
    expect(first).toMatchObject({ number: 'WO-000001', status: 'planned', productId: other.products.bread, bomId: other.breadBomId, plannedQty: 12.5 });
    expect(first.scheduledDate).toBe(daysFromToday(0));
    expect(first).toMatchObject({ materials: [], consumptions: [], outputs: [], producedQty: 0, yieldPercent: 0 });
    expect(first.history).toEqual([{ from: null, to: 'planned', userId: other.admin.userId, reason: null, at: expect.any(String) }]);
    expect(second.number).toBe('WO-000002');
    expect(expectStatus(await other.api.get(workOrderUrl(first.id)), 200, 'get')).toEqual(first);
  });

  it('takes the BOM version in force on the scheduled date, or the active BOM named', async () => {
    const { productId, bomId } = await productMadeOf(world.api, [{ productId: world.products.flour, qty: 1 }], { effectiveTo: '2030-12-31' });
    const later = await createBom(world.api, productId, [{ productId: world.products.sugar, qty: 1 }], { effectiveFrom: '2031-01-01' });
    expectStatus(await world.api.post(`/api/v1/boms/${later.id}/activate`, {}), 200, 'activate');
    expect((await createWorkOrder(world, { productId, scheduledDate: '2030-06-01' })).bomId).toBe(bomId);
    expect((await createWorkOrder(world, { productId, scheduledDate: '2031-06-01' })).bomId).toBe(later.id);
    expect((await createWorkOrder(world, { productId, bomId: later.id, scheduledDate: '2030-06-01' })).bomId).toBe(later.id);
  });

  it('refuses a product without a BOM in force, a BOM of another product or a draft, and writes nothing', async () => {
    const bare = await createProduct(world.api, { type: 'finished' });
    const draft = await createBom(world.api, world.products.bread, [{ productId: world.products.flour, qty: 1 }], { effectiveFrom: '2040-01-01' });
    const before = await productionFootprint(server, world.admin.orgId);
    const noBom = await world.api.post('/api/v1/work-orders', { productId: bare.id, plannedQty: 1 });
    expect(noBom.status).toBe(409);
    expect(noBom.body.detail).toMatch(/no active BOM/);
    expect(noBom.body.errors).toMatchObject([{ path: 'productId', message: expect.stringMatching(/no active BOM/) }]);
    const beforeItsTime = await world.api.post('/api/v1/work-orders', { productId: world.products.bread, plannedQty: 1, scheduledDate: '2019-12-31' });
    expect(beforeItsTime.status).toBe(409);
    const foreignBom = await world.api.post('/api/v1/work-orders', { productId: bare.id, plannedQty: 1, bomId: world.breadBomId });
    expect(foreignBom.status).toBe(409);
    expect(foreignBom.body.errors[0].path).toBe('bomId');
    const drafted = await world.api.post('/api/v1/work-orders', { productId: world.products.bread, plannedQty: 1, bomId: draft.id });
    expect(drafted.status).toBe(409);
    expect(drafted.body.detail).toMatch(/draft/);
    const missing = await world.api.post('/api/v1/work-orders', { productId: crypto.randomUUID(), plannedQty: 1 });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].path).toBe('productId');
    expect((await world.api.post('/api/v1/work-orders', { productId: world.products.bread, plannedQty: 1, bomId: crypto.randomUUID() })).status).toBe(404);
    for (const body of [
      { productId: world.products.bread, plannedQty: 0 },
      { productId: world.products.bread, plannedQty: 1.0000001 },
      { productId: world.products.bread, plannedQty: 1, extra: 1 },
      { productId: world.products.bread, plannedQty: 1, scheduledDate: '2026-02-30' },
      { productId: world.products.bread, plannedQty: 1, scheduledDate: '0000-01-01' },
    ]) {
      expect((await world.api.post('/api/v1/work-orders', body)).status).toBe(400);
    }
    expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('lists orders by status and product with cursor pages', async () => {
    const { productId } = await productMadeOf(world.api, [{ productId: world.products.flour, qty: 1 }]);
    const orders = [await createWorkOrder(world, { productId }), await createWorkOrder(world, { productId }), await createWorkOrder(world, { productId })];
    await advance(world.api, orders[1].id, ['release']);
    const byProduct = expectStatus(await world.api.get(`/api/v1/work-orders?productId=${productId}&limit=2`), 200, 'list');
    expect(byProduct.items.map((o: any) => o.id)).toEqual([orders[0].id, orders[1].id]);
    const next = expectStatus(await world.api.get(`/api/v1/work-orders?productId=${productId}&limit=2&cursor=${byProduct.nextCursor}`), 200, 'next');
    expect(next).toEqual({ items: [expect.objectContaining({ id: orders[2].id })], nextCursor: null });
    const released = expectStatus(await world.api.get(`/api/v1/work-orders?productId=${productId}&status=released`), 200, 'released');
    expect(released.items.map((o: any) => [o.id, o.status])).toEqual([[orders[1].id, 'released']]);
    expect((await world.api.get('/api/v1/work-orders?status=running')).status).toBe(400);
  });
});

describe('release', () => {
  it('snapshots requiredQty = item qty × plannedQty / outputQty × (1 + scrap/100), exactly', async () => {
    const order = await createWorkOrder(world, { plannedQty: 100 });
    const released = await advance(world.api, order.id, ['release']);
    expect(released.status).toBe('released');
    expect(released.materials).toEqual([
      { productId: world.products.flour, requiredQty: 60, consumedQty: 0, usableQty: expect.any(Number), variancePercent: -100 },
      { productId: world.products.sugar, requiredQty: 10.5, consumedQty: 0, usableQty: expect.any(Number), variancePercent: -100 },
    ]);
    // 0.7 × 0.3 / 3 × 1.1 = 0.077: no binary float error creeps in.
    const thirds = await productMadeOf(world.api, [{ productId: world.products.flour, qty: 0.7, scrapPercent: 10 }], { outputQty: 3 });
    const small = await advance(world.api, (await createWorkOrder(world, { productId: thirds.productId, plannedQty: 0.3 })).id, ['release']);
    expect(small.materials[0].requiredQty).toBe(0.077);
    const [stored] = await sqlAsOwner<{ required_qty: string }>(server, 'select required_qty::text from work_order_materials where work_order_id = $1', [small.id]);
    expect(stored!.required_qty).toBe('0.077000');
  });

  it('adds up a component listed twice in the BOM into one material', async () => {
    const twice = await productMadeOf(world.api, [
      { productId: world.products.flour, qty: 1 },
      { productId: world.products.flour, qty: 0.5, scrapPercent: 20 },
    ]);
    const released = await advance(world.api, (await createWorkOrder(world, { productId: twice.productId, plannedQty: 10 })).id, ['release']);
    expect(released.materials.map((m: any) => [m.productId, m.requiredQty])).toEqual([[world.products.flour, 16]]);
  });

  it('is a snapshot: later BOM changes never touch a released order', async () => {
    const { productId, bomId } = await productMadeOf(world.api, [{ productId: world.products.flour, qty: 2 }]);
    const order = await advance(world.api, (await createWorkOrder(world, { productId, plannedQty: 5 })).id, ['release']);
    // The BOM is end-dated and a new version with other items takes over ...
    expectStatus(await world.api.patch(`/api/v1/boms/${bomId}`, { effectiveTo: daysFromToday(-1) }), 200, 'end-date');
    const next = await createBom(world.api, productId, [{ productId: world.products.sugar, qty: 9 }], { effectiveFrom: daysFromToday(0) });
    expectStatus(await world.api.post(`/api/v1/boms/${next.id}/activate`, {}), 200, 'activate');
    // ... and even the stored items of the old version change underneath.
    await sqlAsOwner(server, 'update bom_items set qty = 7 where bom_id = $1', [bomId]);
    const after = expectStatus(await world.api.get(workOrderUrl(order.id)), 200, 'get');
    expect(after.bomId).toBe(bomId);
    expect(after.materials.map((m: any) => [m.productId, m.requiredQty])).toEqual([[world.products.flour, 10]]);
  });
});

describe('the state machine', () => {
  it('runs planned → released → in_progress ⇄ on_hold → completed → closed, recording who, when and why', async () => {
    const order = await createWorkOrder(world);
    const steps: [string, string][] = [['release', 'released'], ['start', 'in_progress'], ['hold', 'on_hold'], ['resume', 'in_progress'], ['complete', 'completed'], ['close', 'closed']];
    for (const [action, status] of steps) {
      const moved = expectStatus(await world.api.post(workOrderUrl(order.id, action), { reason: `because ${action}` }), 200, action);
      expect(moved.status).toBe(status);
    }
    const history = expectStatus(await world.api.get(workOrderUrl(order.id)), 200, 'get').history;
    expect(history.map((h: any) => [h.from, h.to, h.reason])).toEqual([
      [null, 'planned', null],
      ...steps.map(([action, status], index) => [index === 0 ? 'planned' : steps[index - 1]![1], status, `because ${action}`]),
    ]);
    expect(history.every((h: any) => h.userId === world.admin.userId && !Number.isNaN(Date.parse(h.at)))).toBe(true);
    const cancelled = await advance(world.api, (await createWorkOrder(world)).id, ['release', 'cancel']);
    expect(cancelled.status).toBe('cancelled');
  });

  it('answers every transition the table lacks with 409 naming the current and the requested state, and writes nothing', async () => {
    const byStatus = new Map<string, string>();
    for (const status of workOrderStatuses) {
      const order = await createWorkOrder(world);
      await advance(world.api, order.id, pathTo[status]!);
      byStatus.set(status, order.id);
    }
    const before = await productionFootprint(server, world.admin.orgId);
    let refused = 0;
    for (const status of workOrderStatuses) {
      for (const action of workOrderActions) {
        if (allowed.has(`${status}:${action}`)) continue;
        const response = await world.api.post(workOrderUrl(byStatus.get(status)!, action), {});
        expect(response.status, `${action} from ${status}`).toBe(409);
        expect(response.body.detail).toContain(`is ${status}`);
        expect(response.body.detail).toMatch(/cannot go to (released|in_progress|on_hold|completed|closed|cancelled)/);
        refused++;
      }
    }
    expect(refused).toBe(workOrderStatuses.length * workOrderActions.length - allowed.size);
    expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
  });

  it('serializes concurrent transitions of one order: one start wins, the other is 409', async () => {
    const order = await advance(world.api, (await createWorkOrder(world)).id, ['release']);
    const answers = await Promise.all([world.api.post(workOrderUrl(order.id, 'start'), {}), world.api.post(workOrderUrl(order.id, 'start'), {})]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const history = expectStatus(await world.api.get(workOrderUrl(order.id)), 200, 'get').history;
    expect(history.filter((h: any) => h.to === 'in_progress')).toHaveLength(1);
  });

  it('emits work_order.updated with id, number, status and producedQty on every status change and output', async () => {
    const order = await startedWorkOrder(world);
    const plate = await receivePlate(world, { qty: 5 });
    await consume(world.api, order.id, plate.id, 1);
    await output(world.api, order.id, { qty: 2.5, locationId: world.locations.storage });
    await advance(world.api, order.id, ['complete']);
    const events = await sqlAsOwner<{ payload: any }>(server, `select payload from events where subject_id = $1 and type = 'work_order.updated' order by seq`, [order.id]);
    expect(events.map((e) => e.payload)).toEqual([
      { id: order.id, number: order.number, status: 'planned', producedQty: 0 },
      { id: order.id, number: order.number, status: 'released', producedQty: 0 },
      { id: order.id, number: order.number, status: 'in_progress', producedQty: 0 },
      { id: order.id, number: order.number, status: 'in_progress', producedQty: 2.5 },
      { id: order.id, number: order.number, status: 'completed', producedQty: 2.5 },
    ]);
  });
});

describe('permissions and organizations', () => {
  it('planning writes create, release and cancel; production writes start to complete; only an admin closes', async () => {
    const planner = server.as((await server.userWithRoles(world.admin, ['planner'])).accessToken);
    const operator = server.as((await server.userWithRoles(world.admin, ['operator'])).accessToken);
    const body = { productId: world.products.bread, plannedQty: 3 };
    expect((await operator.post('/api/v1/work-orders', body)).status).toBe(403);
    const order = expectStatus(await planner.post('/api/v1/work-orders', body), 201, 'planner creates');
    expect((await operator.post(workOrderUrl(order.id, 'release'), {})).status).toBe(403);
    await advance(planner, order.id, ['release']);
    expect((await planner.post(workOrderUrl(order.id, 'start'), {})).status).toBe(403);
    await advance(operator, order.id, ['start', 'hold', 'resume']);
    const plate = await receivePlate(world, { qty: 5 });
    expect((await planner.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: plate.id, qty: 1 })).status).toBe(403);
    expect((await planner.post(workOrderUrl(order.id, 'outputs'), { qty: 1, locationId: world.locations.storage })).status).toBe(403);
    await consume(operator, order.id, plate.id, 1);
    await output(operator, order.id, { qty: 1, locationId: world.locations.storage });
    await advance(operator, order.id, ['complete']);
    for (const client of [planner, operator]) {
      const refused = await client.post(workOrderUrl(order.id, 'close'), {});
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/admin/);
    }
    expect((await advance(world.api, order.id, ['close'])).status).toBe('closed');
    const cancellable = await createWorkOrder(world);
    expect((await operator.post(workOrderUrl(cancellable.id, 'cancel'), {})).status).toBe(403);
    await advance(planner, cancellable.id, ['cancel']);
    // Reading needs planning or production read.
    const stockOnly = expectStatus(await world.api.post('/api/v1/roles', { name: `stock-${Date.now()}`, permissions: { warehouse: 'write' } }), 201, 'role');
    const clerk = server.as((await server.userWithRoles(world.admin, [stockOnly.name])).accessToken);
    expect((await clerk.get(workOrderUrl(order.id))).status).toBe(403);
    expect((await clerk.get('/api/v1/work-orders')).status).toBe(403);
    expect((await operator.get(workOrderUrl(order.id))).status).toBe(200);
    expect((await planner.get('/api/v1/work-orders')).status).toBe(200);
  });

  it("answers 404 for another organization's work order on every endpoint, and writes nothing", async () => {
    const order = await startedWorkOrder(world);
    const plate = await receivePlate(world, { qty: 5 });
    const consumption = await consume(world.api, order.id, plate.id, 1);
    const stranger = await setupProduction(server);
    const strangerPlate = await receivePlate(stranger, { qty: 5 });
    const before = await productionFootprint(server, world.admin.orgId);
    expect((await stranger.api.get(workOrderUrl(order.id))).status).toBe(404);
    expect((await stranger.api.get(`/api/v1/work-orders?productId=${world.products.bread}`)).body.items).toEqual([]);
    for (const action of workOrderActions) expect((await stranger.api.post(workOrderUrl(order.id, action), {})).status, action).toBe(404);
    expect((await stranger.api.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: strangerPlate.id, qty: 1 })).status).toBe(404);
    expect((await stranger.api.post(workOrderUrl(order.id, `consumptions/${consumption.id}/reverse`), {})).status).toBe(404);
    expect((await stranger.api.post(workOrderUrl(order.id, 'outputs'), { qty: 1, locationId: stranger.locations.storage })).status).toBe(404);
    // Our order cannot draw the stranger's LP, nor put output on the stranger's location, nor be planned on their product.
    expect((await world.api.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: strangerPlate.id, qty: 1 })).status).toBe(404);
    expect((await world.api.post(workOrderUrl(order.id, 'outputs'), { qty: 1, locationId: stranger.locations.storage })).status).toBe(404);
    expect((await world.api.post('/api/v1/work-orders', { productId: stranger.products.bread, plannedQty: 1 })).status).toBe(404);
    expect((await world.api.post('/api/v1/work-orders', { productId: world.products.bread, plannedQty: 1, bomId: stranger.breadBomId })).status).toBe(404);
    expect(await productionFootprint(server, world.admin.orgId)).toEqual(before);
  });
});
