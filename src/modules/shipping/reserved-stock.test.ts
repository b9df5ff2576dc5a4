import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlate } from '../../../test/factories/inventory.js';
import { consume, setupProduction, startedWorkOrder, workOrderUrl, type ProductionWorld } from '../../../test/factories/production.js';
import { allocatedOrder } from '../../../test/factories/sales.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

// A reservation is real for every kind of draw, not only for other orders and shipments: a work
// order and a count lower than before may take only what no sales order has reserved.

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

/** A 10 kg plate of the product of which a confirmed order has 6 kg reserved (the product's only plate). */
async function plateWithSixReserved(productId: string) {
  const lp = await receivePlate(world, { productId, qty: 10 });
  const order = await allocatedOrder(world, { lines: [{ productId, qty: 6 }] });
  expect(order.allocations).toEqual([{ lineId: order.lines[0].id, licensePlateId: lp.id, qty: 6 }]);
  return lp;
}

const plateQty = async (id: string) => (await world.api.get(`/api/v1/license-plates/${id}`)).body.qty;

describe('reserved stock', () => {
  it('a work order may consume only the unreserved part of a plate; a refused draw leaves the plate as it was', async () => {
    const lp = await plateWithSixReserved(world.products.flour);
    const order = await startedWorkOrder(world);
    const tooMuch = await world.api.post(workOrderUrl(order.id, 'consumptions'), { licensePlateId: lp.id, qty: 5 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.detail).toMatch(/has 6 reserved for sales orders/);
    expect(tooMuch.body.errors).toMatchObject([{ path: 'qty', message: 'takes reserved stock', code: 'license_plate_reserved', params: { reserved: 6 } }]);
    expect(await plateQty(lp.id)).toBe(10);
    await consume(world.api, order.id, lp.id, 4);
    expect(await plateQty(lp.id)).toBe(6);
  });

  it('a count may not go below what is reserved: release the allocation first', async () => {
    const lp = await plateWithSixReserved((await createProduct(world.api, { uom: 'kg' })).id);
    const lower = await world.api.post(`/api/v1/license-plates/${lp.id}/adjust`, { qty: 5.5, reason: 'cycle count' });
    expect(lower.status).toBe(409);
    expect(lower.body.errors).toMatchObject([{ path: 'qty', message: 'takes reserved stock', code: 'license_plate_reserved', params: { reserved: 6 } }]);
    expect(await plateQty(lp.id)).toBe(10);
    const moves = (await world.api.get(`/api/v1/license-plates/${lp.id}/moves`)).body.items.map((move: any) => move.type);
    expect(moves).toEqual(['receipt']);
    expect((await world.api.post(`/api/v1/license-plates/${lp.id}/adjust`, { qty: 6, reason: 'cycle count' })).status).toBe(200);
    expect(await plateQty(lp.id)).toBe(6);
  });
});
