import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocation, daysFromToday, ledgerMismatches, receivePlate, setupInventory, sqlAsOwner, type InventoryWorld } from '../../../test/factories/inventory.js';
import { act, createCustomer, pick, pickingOrder } from '../../../test/factories/sales.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const reservations = async (licensePlateId: string) =>
  sqlAsOwner<{ holder_id: string; qty: number }>(server, 'select holder_id, qty::float8 as qty from stock_reservations where license_plate_id = $1', [licensePlateId]);
const plate = async (id: string) => (await world.api.get(`/api/v1/license-plates/${id}`)).body;

async function product() {
  return (await createProduct(world.api, { shelfLifeDays: 30 })).id as string;
}

describe('pick lists', () => {
  it('list what is allocated in walking order, by location code', async () => {
    const productId = await product();
    const aisleB = await createLocation(world.api, world.warehouseId, 'storage');
    const aisleA = await createLocation(world.api, world.warehouseId, 'storage');
    const codes = new Map<string, string>();
    for (const id of [aisleA, aisleB]) codes.set(id, (await world.api.get(`/api/v1/locations/${id}`)).body.code);
    const [first, second] = [...codes.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id]) => id);
    const late = await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(5), locationId: second });
    const early = await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(9), locationId: first });
    const { order, pickList } = await pickingOrder(world, { lines: [{ productId, qty: 8 }] });
    expect(pickList).toMatchObject({ number: expect.stringMatching(/^PL-\d{6}$/), salesOrderId: order.id, status: 'open' });
    expect(pickList.lines.map((line: any) => [line.licensePlateId, line.locationCode, line.qty, line.pickedQty])).toEqual([
      [early.id, codes.get(first!), 3, 0],
      [late.id, codes.get(second!), 5, 0],
    ]);
    expect(pickList.lines[0]).toMatchObject({ licensePlateNumber: early.number, locationId: first, productId, lot: early.lot });
    expect((await world.api.get(`/api/v1/sales-orders/${order.id}`)).body.status).toBe('picking');
    expect((await world.api.get(`/api/v1/pick-lists/${pickList.id}`)).body).toEqual(pickList);
  });

  it('split an LP on a partial pick: the picked part goes on, the rest stays allocated', async () => {
    const productId = await product();
    const lp = await receivePlate(world, { productId, qty: 10 });
    const { order, pickList } = await pickingOrder(world, { lines: [{ productId, qty: 6 }] });
    const first = await pick(world, pickList.id, { licensePlateId: lp.id, qty: 4 });
    expect(first.status).toBe(200);
    expect(first.body.picked).toMatchObject({ qty: 4, substituted: false });
    expect(first.body.picked.licensePlateId).not.toBe(lp.id);
    expect(await plate(first.body.picked.licensePlateId)).toMatchObject({ qty: 4, lot: lp.lot, status: 'available' });
    expect((await plate(lp.id)).qty).toBe(6);
    expect(await reservations(lp.id)).toEqual([{ holder_id: order.lines[0].id, qty: 2 }]);
    expect(first.body.lines[0]).toMatchObject({ qty: 6, pickedQty: 4 });
    // The rest by scanning the LP number: 2 of the 6 left on it, split again.
    const rest = await pick(world, pickList.id, { barcode: lp.number, qty: 2 });
    expect(rest.status).toBe(200);
    expect(rest.body.status).toBe('done');
    expect((await world.api.get(`/api/v1/sales-orders/${order.id}`)).body.lines[0]).toMatchObject({ allocatedQty: 6, pickedQty: 6, shippedQty: 0 });
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('take another usable LP of the same product instead of the allocated one: the reservation moves', async () => {
    const productId = await product();
    const allocated = await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(10) });
    const { order, pickList } = await pickingOrder(world, { lines: [{ productId, qty: 5 }] });
    const substitute = await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(12) });
    const response = await pick(world, pickList.id, { licensePlateId: substitute.id, qty: 5 });
    expect(response.status).toBe(200);
    expect(response.body.picked).toEqual({ licensePlateId: substitute.id, licensePlateNumber: substitute.number, qty: 5, substituted: true });
    expect(await reservations(allocated.id)).toEqual([]);
    expect(await reservations(substitute.id)).toEqual([{ holder_id: order.lines[0].id, qty: 5 }]);
    expect(response.body.lines.find((line: any) => line.licensePlateId === allocated.id)).toMatchObject({ qty: 0, pickedQty: 0 });
    expect(response.body.status).toBe('done');
  });

  it('refuse anything else with the reason: wrong product, on hold, too short a shelf life, over-pick, reserved elsewhere', async () => {
    const customer = await createCustomer(world, { minRemainingShelfLifeDays: 5 });
    const productId = await product();
    const allocated = await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(20) });
    const { pickList } = await pickingOrder(world, { customerId: customer.id, lines: [{ productId, qty: 5 }] });
    const reason = async (body: Record<string, unknown>) => {
      const response = await pick(world, pickList.id, body);
      expect(response.status).toBe(409);
      return response.body.errors[0].message;
    };
    expect(await reason({ licensePlateId: (await receivePlate(world, { productId: await product() })).id, qty: 1 })).toBe('wrong product');
    const held = await receivePlate(world, { productId, qty: 5 });
    await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'lab' });
    expect(await reason({ licensePlateId: held.id, qty: 1 })).toBe('QA status is hold, not released');
    expect(await reason({ licensePlateId: (await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(3) })).id, qty: 1 })).toBe('shelf life too short');
    expect(await reason({ licensePlateId: allocated.id, qty: 6 })).toBe('over-pick');
    const spare = await receivePlate(world, { productId, qty: 5, expiryDate: daysFromToday(25) });
    const other = await pickingOrder(world, { customerId: customer.id, lines: [{ productId, qty: 5 }] });
    expect(other.pickList.lines.map((line: any) => line.licensePlateId)).toEqual([spare.id]);
    expect(await reason({ licensePlateId: spare.id, qty: 1 })).toBe('reserved for another order');
    expect((await pick(world, pickList.id, { qty: 1 })).status).toBe(400);
    expect((await pick(world, pickList.id, { licensePlateId: allocated.id, qty: 5 })).status).toBe(200);
  });

  it('ship what was picked; a partial delivery leaves a backorder on the same order', async () => {
    const productId = await product();
    const lp = await receivePlate(world, { productId, qty: 4 });
    const { order, pickList } = await pickingOrder(world, { lines: [{ productId, qty: 10 }] });
    expect(order.status).toBe('partially_allocated');
    await pick(world, pickList.id, { licensePlateId: lp.id, qty: 4 });
    const partial = await act(world, order.id, 'ship', { shipDate: daysFromToday(0) });
    expect(partial).toMatchObject({ status: 'picking', shipment: { salesOrderId: order.id, customerId: order.customerId } });
    expect(partial.lines[0]).toMatchObject({ shippedQty: 4, backorderQty: 6 });
    expect(partial.shipment.licensePlates.map((shipped: any) => [shipped.id, shipped.qty])).toEqual([[lp.id, 4]]);
    expect(await plate(lp.id)).toMatchObject({ status: 'shipped', qty: 0 });
    expect((await world.api.post(`/api/v1/sales-orders/${order.id}/ship`)).status).toBe(409);
    // The backorder: new stock is allocated, picked and shipped on the same order.
    const more = await receivePlate(world, { productId, qty: 6 });
    expect((await act(world, order.id, 'allocate')).lines[0].allocatedQty).toBe(10);
    const second = (await world.api.post(`/api/v1/sales-orders/${order.id}/pick-list`)).body;
    expect(second.lines.map((line: any) => line.licensePlateId)).toEqual([more.id]);
    expect((await world.api.get(`/api/v1/pick-lists/${pickList.id}`)).body.status).not.toBe('open');
    await pick(world, second.id, { licensePlateId: more.id, qty: 6 });
    const done = await act(world, order.id, 'ship');
    expect(done.status).toBe('shipped');
    expect(done.lines[0]).toMatchObject({ shippedQty: 10, backorderQty: 0 });
    expect((await world.api.get(`/api/v1/shipments?licensePlateId=${more.id}`)).body.items[0].salesOrderId).toBe(order.id);
    expect((await world.api.post(`/api/v1/sales-orders/${order.id}/cancel`)).status).toBe(409);
    expect(await ledgerMismatches(server)).toEqual([]);
  });

  it('give picked plates back as free stock when the order is cancelled', async () => {
    const productId = await product();
    const lp = await receivePlate(world, { productId, qty: 5 });
    const { order, pickList } = await pickingOrder(world, { lines: [{ productId, qty: 3 }] });
    const picked = (await pick(world, pickList.id, { licensePlateId: lp.id, qty: 3 })).body.picked;
    await act(world, order.id, 'cancel');
    expect(await reservations(picked.licensePlateId)).toEqual([]);
    expect((await world.api.get(`/api/v1/pick-lists/${pickList.id}`)).body.status).toBe('closed');
    expect((await pick(world, pickList.id, { licensePlateId: lp.id, qty: 1 })).status).toBe(409);
    expect((await world.api.get(`/api/v1/stock/fefo?productId=${productId}&qty=5`)).body.coveredQty).toBe(5);
  });

  it("answer 404 for another organization's pick list", async () => {
    const productId = await product();
    const lp = await receivePlate(world, { productId, qty: 5 });
    const { pickList } = await pickingOrder(world, { lines: [{ productId, qty: 1 }] });
    const stranger = await setupInventory(server);
    expect((await stranger.api.get(`/api/v1/pick-lists/${pickList.id}`)).status).toBe(404);
    expect((await stranger.api.post(`/api/v1/pick-lists/${pickList.id}/pick`, { licensePlateId: lp.id, qty: 1 })).status).toBe(404);
  });
});
