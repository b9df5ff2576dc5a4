import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPEAT_INVALIDATION_MS } from '../../platform/cache/cache.js';
import { approvedPurchaseOrder, daysFromToday, receivePlate, sqlAsOwner } from '../../../test/factories/inventory.js';
import { createRole, startInstances } from '../../../test/factories/platform.js';
import { advance, createWorkOrder, expectStatus, output, setupProduction, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/**
 * The cache drops every invalidated tag once more a moment later; tests that check an entry
 * is still served wait for those repeats from earlier changes to pass first.
 */
const afterPendingInvalidations = () => sleep(REPEAT_INVALIDATION_MS + 200);

const dashboardOf = async (api: Client) => expectStatus(await api.get('/api/v1/dashboard'), 200, 'dashboard');

/** Work orders in every state: 3 planned, 1 released, 2 in progress, 1 on hold, 1 completed, 1 closed, 1 cancelled. */
async function seedWorkOrders(world: ProductionWorld) {
  const create = () => createWorkOrder(world).then((order) => order.id as string);
  const planned = [await create(), await create(), await create()];
  const released = await create();
  await advance(world.api, released, ['release']);
  const running = [await create(), await create()];
  for (const id of running) await advance(world.api, id, ['release', 'start']);
  const held = await create();
  await advance(world.api, held, ['release', 'start', 'hold']);
  const completed = await create();
  await advance(world.api, completed, ['release', 'start', 'complete']);
  const closed = await create();
  await advance(world.api, closed, ['release', 'start', 'complete', 'close']);
  const cancelled = await create();
  await advance(world.api, cancelled, ['cancel']);
  return { planned, released, running, held };
}

/** The small scenario of the figures test: orders in every state, output today, stock expiring and held, purchase orders open and not. */
async function seedScenario(world: ProductionWorld) {
  const orders = await seedWorkOrders(world);
  const location = world.locations.storage;
  await output(world.api, orders.running[0]!, { qty: 12.5, locationId: location, expiryDate: null });
  await output(world.api, orders.running[1]!, { qty: 7.25, locationId: location, expiryDate: null });
  // Default warning window: 7 days. Flour's own shelf life (10 days) keeps its LPs outside it.
  const expiringSoon = await receivePlate(world, { productId: world.products.sugar, qty: 4, expiryDate: daysFromToday(2) });
  const expiringToday = await receivePlate(world, { productId: world.products.sugar, qty: 3, expiryDate: daysFromToday(0) });
  await receivePlate(world, { productId: world.products.sugar, qty: 5, expiryDate: daysFromToday(8) });
  const held = await receivePlate(world, { qty: 6 });
  expectStatus(await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'foreign body found' }), 200, 'hold');
  const open = await approvedPurchaseOrder(world, [{ productId: world.products.flour, qty: 100 }]);
  expectStatus(await world.api.post('/api/v1/purchase-orders', { supplierId: world.supplierId, lines: [{ productId: world.products.flour, qty: 5 }] }), 201, 'draft purchase order');
  const cancelled = await approvedPurchaseOrder(world, [{ productId: world.products.sugar, qty: 10 }]);
  expectStatus(await world.api.post(`/api/v1/purchase-orders/${cancelled.id}/cancel`), 200, 'cancel purchase order');
  return { orders, expiringSoon, expiringToday, held, open };
}

describe('GET /api/v1/dashboard', () => {
  let world: ProductionWorld;
  let seeded: Awaited<ReturnType<typeof seedScenario>>;
  beforeAll(async () => {
    world = await setupProduction(server);
    seeded = await seedScenario(world);
  });

  it('counts work orders by status, sums output today per product, and lists expiring and held stock and open purchase orders', async () => {
    const dashboard = await dashboardOf(world.api);
    expect(dashboard.workOrders.byStatus).toEqual({ planned: 3, released: 1, in_progress: 2, on_hold: 1, completed: 1, closed: 1, cancelled: 1 });
    const [bread] = await sqlAsOwner<{ code: string; name: string }>(server, 'select code, name from products where id = $1', [world.products.bread]);
    expect(dashboard.outputToday).toEqual([{ productId: world.products.bread, productCode: bread!.code, productName: bread!.name, qty: 19.75, uom: 'kg' }]);
    const plate = (lp: any, qaStatus = lp.qaStatus) => ({ id: lp.id, number: lp.number, productId: lp.productId, lot: lp.lot, expiryDate: lp.expiryDate, qty: lp.qty, qaStatus });
    expect(dashboard.expiringLicensePlates).toEqual({ count: 2, items: [plate(seeded.expiringToday), plate(seeded.expiringSoon)] });
    // A held plate says so wherever the dashboard lists it.
    expect(dashboard.onHold).toEqual({ count: 1, items: [plate(seeded.held, 'hold')] });
    expect(dashboard.openPurchaseOrders).toEqual({
      count: 1,
      items: [{ id: seeded.open.id, number: seeded.open.number, supplierId: world.supplierId, status: 'approved', expectedDate: seeded.open.expectedDate ?? null }],
    });
    expect(Date.parse(dashboard.generatedAt)).not.toBeNaN();
  });

  it('serves the cached figures while nothing is published: a change behind the back stays unseen', async () => {
    await afterPendingInvalidations();
    const before = await dashboardOf(world.api);
    await sqlAsOwner(server, "update work_orders set status = 'cancelled' where id = $1", [seeded.orders.planned[2]]);
    try {
      const again = await dashboardOf(world.api);
      expect(again.generatedAt).toBe(before.generatedAt);
      expect(again.workOrders.byStatus.planned).toBe(before.workOrders.byStatus.planned);
    } finally {
      await sqlAsOwner(server, "update work_orders set status = 'planned' where id = $1", [seeded.orders.planned[2]]);
    }
  });

  it('shows a status change on the very next request, despite the cache', async () => {
    const before = await dashboardOf(world.api);
    const order = await createWorkOrder(world);
    await advance(world.api, order.id, ['release']);
    expect((await dashboardOf(world.api)).workOrders.byStatus).toMatchObject({ planned: before.workOrders.byStatus.planned, released: before.workOrders.byStatus.released + 1 });
    await advance(world.api, order.id, ['start']);
    const after = await dashboardOf(world.api);
    expect(after.workOrders.byStatus).toMatchObject({ released: before.workOrders.byStatus.released, in_progress: before.workOrders.byStatus.in_progress + 1 });
    expect(after.generatedAt >= before.generatedAt).toBe(true);
  });

  it('shows an output, a hold and a receipt against an order on the very next request', async () => {
    const before = await dashboardOf(world.api);
    await output(world.api, seeded.orders.running[0]!, { qty: 0.25, locationId: world.locations.storage, expiryDate: null });
    expect((await dashboardOf(world.api)).outputToday[0].qty).toBe(before.outputToday[0].qty + 0.25);

    const lp = await receivePlate(world, { productId: world.products.sugar, qty: 2, expiryDate: daysFromToday(1) });
    expect((await dashboardOf(world.api)).expiringLicensePlates.count).toBe(before.expiringLicensePlates.count + 1);
    expectStatus(await world.api.post(`/api/v1/license-plates/${lp.id}/hold`, { reason: 'damaged' }), 200, 'hold');
    expect((await dashboardOf(world.api)).onHold.count).toBe(before.onHold.count + 1);

    const line = expectStatus(await world.api.get(`/api/v1/purchase-orders/${seeded.open.id}`), 200, 'purchase order').lines[0];
    const receipt = { purchaseOrderId: seeded.open.id, locationId: world.locations.receiving, lines: [{ productId: world.products.flour, poLineId: line.id, qty: 100, lot: 'PO-ALL' }] };
    expectStatus(await world.api.post('/api/v1/receipts', receipt), 201, 'receive the whole order');
    expect((await dashboardOf(world.api)).openPurchaseOrders).toEqual({ count: before.openPurchaseOrders.count - 1, items: [] });
  });

  it('shows a purchase order approved or cancelled on the very next request', async () => {
    const before = await dashboardOf(world.api);
    const order = await approvedPurchaseOrder(world, [{ productId: world.products.sugar, qty: 3 }]);
    expect((await dashboardOf(world.api)).openPurchaseOrders.count).toBe(before.openPurchaseOrders.count + 1);
    expectStatus(await world.api.post(`/api/v1/purchase-orders/${order.id}/cancel`), 200, 'cancel purchase order');
    expect((await dashboardOf(world.api)).openPurchaseOrders.count).toBe(before.openPurchaseOrders.count);
  });

  it('a board that refetches when it hears the event sees the new figure', async () => {
    const before = await dashboardOf(world.api);
    const order = await createWorkOrder(world);
    await dashboardOf(world.api);
    let refetched: Promise<any> | null = null;
    const stop = server.platform.events.subscribe(world.admin.orgId, (event) => {
      if (event.subjectId === order.id) refetched ??= dashboardOf(world.api);
    });
    try {
      await advance(world.api, order.id, ['cancel']);
    } finally {
      stop();
    }
    expect(refetched).not.toBeNull();
    expect((await refetched!).workOrders.byStatus.cancelled).toBe(before.workOrders.byStatus.cancelled + 1);
  });

  it("answers each organization its own figures, and another organization's events leave them alone", async () => {
    const other = await setupProduction(server);
    const empty = await dashboardOf(other.api);
    expect(empty.workOrders.byStatus).toEqual({ planned: 0, released: 0, in_progress: 0, on_hold: 0, completed: 0, closed: 0, cancelled: 0 });
    expect(empty).toMatchObject({ outputToday: [], expiringLicensePlates: { count: 0, items: [] }, onHold: { count: 0, items: [] }, openPurchaseOrders: { count: 0, items: [] } });

    await afterPendingInvalidations();
    const mine = await dashboardOf(world.api);
    await createWorkOrder(other);
    expect((await dashboardOf(other.api)).workOrders.byStatus.planned).toBe(1);
    expect((await dashboardOf(world.api)).generatedAt).toBe(mine.generatedAt);
  });

  it('needs read on production, warehouse, planning or quality', async () => {
    const outsider = await server.userWithRoles(world.admin, [(await createRole(world.api, { permissions: { technical: 'read', shipping: 'read' } })).name]);
    const refused = await server.as(outsider.accessToken).get('/api/v1/dashboard');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    for (const module of ['production', 'warehouse', 'planning', 'quality']) {
      const reader = await server.userWithRoles(world.admin, [(await createRole(world.api, { permissions: { [module]: 'read' } })).name]);
      expect((await server.as(reader.accessToken).get('/api/v1/dashboard')).status, module).toBe(200);
    }
    expect((await server.request({ method: 'GET', url: '/api/v1/dashboard' })).status).toBe(401);
  });
});

describe.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)('across server instances sharing Redis', () => {
  it('a change committed through one instance is seen on the next request to another', async () => {
    const world = await setupProduction(server);
    const fleet = await startInstances(server.database.url!, 2);
    try {
      const [first, second] = fleet.instances.map((instance) => instance.as(world.admin.accessToken)) as [Client, Client];
      const order = await createWorkOrder(world, {}, first);
      await afterPendingInvalidations();
      const before = await dashboardOf(second);
      expect(before.workOrders.byStatus.planned).toBe(1);
      expect((await dashboardOf(second)).generatedAt).toBe(before.generatedAt);
      expectStatus(await first.post(workOrderUrl(order.id, 'release'), {}), 200, 'release');
      expect((await dashboardOf(second)).workOrders.byStatus).toMatchObject({ planned: 0, released: 1 });
      expectStatus(await first.post(workOrderUrl(order.id, 'start'), {}), 200, 'start');
      expect((await dashboardOf(second)).workOrders.byStatus).toMatchObject({ released: 0, in_progress: 1 });
    } finally {
      await fleet.stop();
    }
  });
});
