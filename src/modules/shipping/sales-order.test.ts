import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, eventsAbout, receivePlate, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { act, allocatedOrder, createCustomer, createSalesOrder } from '../../../test/factories/sales.js';
import { createActiveBom, createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const reservedOf = async (licensePlateId: string) =>
  (await sqlAsOwner<{ qty: string }>(server, 'select coalesce(sum(qty), 0)::float8::text as qty from stock_reservations where license_plate_id = $1', [licensePlateId]))[0]!.qty;

describe('sales orders', () => {
  it('are created as drafts numbered SO-000001 per organization, then confirmed; other transitions are 409', async () => {
    const other = await setupInventory(server);
    const created = await other.api.post('/api/v1/sales-orders', { customerId: other.customerId, requestedDate: '2030-01-15', lines: [{ productId: other.products.flour, qty: 2.5 }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 'SO-000001', status: 'draft', customerId: other.customerId, requestedDate: '2030-01-15', allocations: [] });
    expect(created.body.lines).toEqual([{ id: expect.any(String), lineNo: 1, productId: other.products.flour, productCode: expect.any(String), productName: expect.any(String), qty: 2.5, allocatedQty: 0, pickedQty: 0, shippedQty: 0, backorderQty: 2.5 }]);
    expect((await other.api.post(`/api/v1/sales-orders/${created.body.id}/allocate`)).status).toBe(409);
    expect((await act(other, created.body.id, 'confirm')).status).toBe('confirmed');
    expect((await other.api.post(`/api/v1/sales-orders/${created.body.id}/confirm`)).status).toBe(409);
    expect((await other.api.post(`/api/v1/sales-orders/${created.body.id}/ship`)).status).toBe(409);
    expect((await other.api.get(`/api/v1/sales-orders?status=confirmed`)).body.items.map((order: any) => order.id)).toEqual([created.body.id]);
    expect((await eventsAbout(server, created.body.id)).map((event) => event.payload.status)).toEqual(['draft', 'confirmed']);
  });

  it('refuse bad input with 400 naming the field, and write nothing', async () => {
    const before = (await world.api.get('/api/v1/sales-orders?limit=500')).body.items.length;
    const twice = await world.api.post('/api/v1/sales-orders', { customerId: world.customerId, lines: [{ productId: world.products.flour, qty: 1 }, { productId: world.products.flour, qty: 2 }] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toMatchObject([{ path: 'lines.1.productId', message: 'is ordered on another line already' }]);
    const negative = await world.api.post('/api/v1/sales-orders', { customerId: world.customerId, lines: [{ productId: world.products.flour, qty: -1 }] });
    expect(negative.body.errors[0].path).toBe('lines.0.qty');
    expect((await world.api.post('/api/v1/sales-orders', { customerId: world.customerId, lines: [] })).body.errors[0].path).toBe('lines');
    expect((await world.api.get('/api/v1/sales-orders?limit=500')).body.items.length).toBe(before);
  });

  it('allocate earliest expiry first, skipping LPs with too short a shelf life on the requested date', async () => {
    const customer = await createCustomer(world, { minRemainingShelfLifeDays: 5 });
    expect(customer).toMatchObject({ minRemainingShelfLifeDays: 5, excludedAllergens: [] });
    const product = await createProduct(world.api, { shelfLifeDays: 30 });
    const tooShort = await receivePlate(world, { productId: product.id, qty: 10, expiryDate: daysFromToday(6) });
    const later = await receivePlate(world, { productId: product.id, qty: 10, expiryDate: daysFromToday(20) });
    const first = await receivePlate(world, { productId: product.id, qty: 4, expiryDate: daysFromToday(9) });
    // Shipping in 2 days: the first LP would have 4 days left, fewer than 5.
    const order = await allocatedOrder(world, { customerId: customer.id, requestedDate: daysFromToday(2), lines: [{ productId: product.id, qty: 7 }] });
    expect(order.status).toBe('allocated');
    expect(order.allocations).toEqual([
      { lineId: order.lines[0].id, licensePlateId: first.id, qty: 4 },
      { lineId: order.lines[0].id, licensePlateId: later.id, qty: 3 },
    ].sort((a, b) => a.licensePlateId.localeCompare(b.licensePlateId)));
    expect(order.lines[0]).toMatchObject({ allocatedQty: 7, backorderQty: 7 });
    expect(await reservedOf(tooShort.id)).toBe('0');
    // FEFO no longer offers what is reserved; plain shipments cannot take it.
    const fefo = (await world.api.get(`/api/v1/stock/fefo?productId=${product.id}&qty=100`)).body;
    expect(fefo.items.map((lp: any) => [lp.id, lp.pickQty])).toEqual([[tooShort.id, 10], [later.id, 7]]);
    const plain = await world.api.post('/api/v1/shipments', { customerId: world.customerId, licensePlateIds: [later.id] });
    expect(plain.status).toBe(409);
    expect(plain.body.errors).toMatchObject([{ path: 'licensePlateIds.0', message: 'is reserved for a sales order' }]);
    // A warehouse split may take only the unreserved part.
    expect((await world.api.post(`/api/v1/license-plates/${later.id}/split`, { qty: 8 })).status).toBe(409);
    expect((await world.api.post(`/api/v1/license-plates/${later.id}/split`, { qty: 7 })).status).toBe(201);
  });

  it('allocate what there is and leave the order partially allocated; allocating again takes new stock', async () => {
    const product = await createProduct(world.api, { shelfLifeDays: 30 });
    const lp = await receivePlate(world, { productId: product.id, qty: 3 });
    const order = await allocatedOrder(world, { lines: [{ productId: product.id, qty: 5 }] });
    expect(order).toMatchObject({ status: 'partially_allocated', allocations: [{ licensePlateId: lp.id, qty: 3 }] });
    const more = await receivePlate(world, { productId: product.id, qty: 10 });
    const again = await act(world, order.id, 'allocate');
    expect(again.status).toBe('allocated');
    expect(again.lines[0].allocatedQty).toBe(5);
    expect(await reservedOf(more.id)).toBe('2');
    expect((await world.api.post(`/api/v1/sales-orders/${order.id}/allocate`)).status).toBe(409);
  });

  it('never allocate a product that contains an excluded allergen through its BOMs, and refuse such a line', async () => {
    const milk = await createProduct(world.api, { type: 'raw', allergens: ['milk'] });
    const cream = await createProduct(world.api, { type: 'intermediate' });
    const cake = await createProduct(world.api, { type: 'finished', shelfLifeDays: 10 });
    await createActiveBom(world.api, cream.id, [{ productId: milk.id, qty: 1 }]);
    await createActiveBom(world.api, cake.id, [{ productId: cream.id, qty: 1 }]);
    const strict = await createCustomer(world, { excludedAllergens: ['milk', 'milk'] });
    expect(strict.excludedAllergens).toEqual(['milk']);
    const refused = await world.api.post('/api/v1/sales-orders', { customerId: strict.id, lines: [{ productId: cake.id, qty: 1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toMatchObject([{ path: 'lines.0.productId', message: 'contains excluded allergen milk' }]);
    // A rule added after the order was taken still keeps the stock from the customer.
    await receivePlate(world, { productId: cake.id, qty: 5 });
    const later = await createCustomer(world);
    const order = await createSalesOrder(world, { customerId: later.id, lines: [{ productId: cake.id, qty: 1 }] });
    await act(world, order.id, 'confirm');
    expect((await world.api.patch(`/api/v1/customers/${later.id}`, { excludedAllergens: ['milk'] })).body.excludedAllergens).toEqual(['milk']);
    const allocation = await world.api.post(`/api/v1/sales-orders/${order.id}/allocate`);
    expect(allocation.status).toBe(409);
    expect((await world.api.get(`/api/v1/sales-orders/${order.id}`)).body).toMatchObject({ status: 'confirmed', allocations: [] });
    const unknown = await world.api.patch(`/api/v1/customers/${later.id}`, { excludedAllergens: ['moonrock'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toMatchObject([{ path: 'excludedAllergens', message: 'unknown allergen code: moonrock' }]);
  });

  it('give back what they hold when cancelled, and cannot be cancelled twice', async () => {
    const product = await createProduct(world.api, { shelfLifeDays: 30 });
    const lp = await receivePlate(world, { productId: product.id, qty: 6 });
    const order = await allocatedOrder(world, { lines: [{ productId: product.id, qty: 4 }] });
    expect(await reservedOf(lp.id)).toBe('4');
    const cancelled = await act(world, order.id, 'cancel');
    expect(cancelled).toMatchObject({ status: 'cancelled', allocations: [] });
    expect(cancelled.lines[0]).toMatchObject({ allocatedQty: 0, pickedQty: 0 });
    expect(await reservedOf(lp.id)).toBe('0');
    expect((await world.api.get(`/api/v1/stock/fefo?productId=${product.id}&qty=6`)).body.coveredQty).toBe(6);
    expect((await world.api.post(`/api/v1/sales-orders/${order.id}/cancel`)).status).toBe(409);
  });

  it("answer 404 for another organization's order", async () => {
    const order = await createSalesOrder(world, { lines: [{ productId: world.products.flour, qty: 1 }] });
    const stranger = await setupInventory(server);
    expect((await stranger.api.get(`/api/v1/sales-orders/${order.id}`)).status).toBe(404);
    for (const action of ['confirm', 'allocate', 'cancel', 'ship', 'pick-list']) {
      expect((await stranger.api.post(`/api/v1/sales-orders/${order.id}/${action}`)).status).toBe(404);
    }
  });
});
