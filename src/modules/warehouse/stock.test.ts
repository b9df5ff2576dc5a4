import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, daysFromToday, receivePlate, receivePlates, setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

describe('stock', () => {
  it('sums available stock by product, location or lot; consumed, shipped and merged stock is not on hand', async () => {
    const product = await createProduct(server, world.api);
    const [a, b] = await receivePlates(world, { productId: product, qty: 1.1, lot: 'A', count: 2 });
    await receivePlate(world, { productId: product, qty: 2.2, lot: 'B', locationId: world.locations.storage, expiryDate: '2030-01-01' });
    const shipped = await receivePlate(world, { productId: product, qty: 100, lot: 'A' });
    await world.api.post('/api/v1/shipments', { customerId: world.customerId, licensePlateIds: [shipped.id] });
    await world.api.post('/api/v1/license-plates/merge', { targetId: a.id, sourceIds: [b.id] });
    const byProduct = await world.api.get(`/api/v1/stock?productId=${product}`);
    expect(byProduct.body).toEqual({ items: [{ productId: product, uom: 'kg', qty: 4.4, licensePlateCount: 2 }], nextCursor: null });
    const byLocation = (await world.api.get(`/api/v1/stock?productId=${product}&groupBy=location`)).body.items;
    expect(byLocation).toHaveLength(2);
    expect(byLocation).toEqual(
      expect.arrayContaining([
        { productId: product, locationId: world.locations.receiving, uom: 'kg', qty: 2.2, licensePlateCount: 1 },
        { productId: product, locationId: world.locations.storage, uom: 'kg', qty: 2.2, licensePlateCount: 1 },
      ]),
    );
    const byLot = (await world.api.get(`/api/v1/stock?productId=${product}&groupBy=lot`)).body.items;
    expect(byLot).toEqual([
      { productId: product, lot: 'A', expiryDate: null, uom: 'kg', qty: 2.2, licensePlateCount: 1 },
      { productId: product, lot: 'B', expiryDate: '2030-01-01', uom: 'kg', qty: 2.2, licensePlateCount: 1 },
    ]);
    const atStorage = (await world.api.get(`/api/v1/stock?locationId=${world.locations.storage}&productId=${product}`)).body.items;
    expect(atStorage).toEqual([{ productId: product, uom: 'kg', qty: 2.2, licensePlateCount: 1 }]);
    expect((await world.api.get('/api/v1/stock?groupBy=supplier')).status).toBe(400);
  });
});

describe('FEFO', () => {
  it('suggests usable LPs, earliest expiry first then oldest, just enough to cover the quantity', async () => {
    const product = await createProduct(server, world.api, { shelfLifeDays: null });
    const late = await receivePlate(world, { productId: product, qty: 5, expiryDate: daysFromToday(20) });
    const early = await receivePlate(world, { productId: product, qty: 3, expiryDate: daysFromToday(5) });
    const earlyToo = await receivePlate(world, { productId: product, qty: 2, expiryDate: daysFromToday(5) });
    const noExpiry = await receivePlate(world, { productId: product, qty: 50 });
    const held = await receivePlate(world, { productId: product, qty: 9, expiryDate: daysFromToday(1) });
    await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'lab' });
    await receivePlate(world, { productId: product, qty: 9, expiryDate: daysFromToday(-1) });
    const response = await world.api.get(`/api/v1/stock/fefo?productId=${product}&qty=6`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((lp: any) => [lp.id, lp.pickQty])).toEqual([
      [early.id, 3],
      [earlyToo.id, 2],
      [late.id, 1],
    ]);
    expect(response.body).toMatchObject({ requestedQty: 6, coveredQty: 6, shortfallQty: 0 });
    const all = (await world.api.get(`/api/v1/stock/fefo?productId=${product}&qty=100`)).body;
    expect(all.items.map((lp: any) => lp.id)).toEqual([early.id, earlyToo.id, late.id, noExpiry.id]);
    expect(all).toMatchObject({ coveredQty: 60, shortfallQty: 40 });
    const exact = (await world.api.get(`/api/v1/stock/fefo?productId=${product}&qty=0.3`)).body;
    expect(exact.items.map((lp: any) => [lp.id, lp.pickQty])).toEqual([[early.id, 0.3]]);
  });

  it('answers nothing for a product without usable stock, and validates its query', async () => {
    const product = await createProduct(server, world.api);
    expect((await world.api.get(`/api/v1/stock/fefo?productId=${product}&qty=1`)).body).toMatchObject({ items: [], coveredQty: 0, shortfallQty: 1 });
    expect((await world.api.get(`/api/v1/stock/fefo?productId=${product}&qty=0`)).status).toBe(400);
    expect((await world.api.get(`/api/v1/stock/fefo?qty=1`)).body.errors[0].path).toBe('productId');
  });

  it("shows nothing of another organization's stock", async () => {
    const stranger = await setupInventory(server);
    await receivePlate(world, { productId: world.products.sugar, qty: 3 });
    expect((await stranger.api.get(`/api/v1/stock?productId=${world.products.sugar}`)).body.items).toEqual([]);
    expect((await stranger.api.get(`/api/v1/stock/fefo?productId=${world.products.sugar}&qty=1`)).body.items).toEqual([]);
  });
});
