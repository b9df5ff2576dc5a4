import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlate } from '../../../test/factories/inventory.js';
import { expectStatus, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: ProductionWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
});
afterAll(() => server.stop());

const availability = (query: string) => world.api.get(`/api/v1/work-orders/availability?${query}`);

describe('material availability before an order exists', () => {
  it('answers what plannedQty needs by the BOM in force, the usable stock and the shortfall, exactly', async () => {
    await receivePlate(world, { qty: 50 });
    await receivePlate(world, { qty: 30, expiryDate: '2020-01-01' });
    const held = await receivePlate(world, { qty: 40 });
    expectStatus(await world.api.post(`/api/v1/license-plates/${held.id}/hold`, { reason: 'lab' }), 200, 'hold');
    const body = expectStatus(await availability(`productId=${world.products.bread}&plannedQty=100`), 200, 'availability');
    expect(body).toEqual({
      bomId: world.breadBomId,
      materials: [
        // 0.6 kg flour per kg: 60 needed, 50 usable (the expired and the held plates do not count).
        { productId: world.products.flour, requiredQty: 60, usableQty: 50, shortQty: 10 },
        // 0.1 kg sugar with 5 % scrap: 10.5, none in stock.
        { productId: world.products.sugar, requiredQty: 10.5, usableQty: 0, shortQty: 10.5 },
      ],
    });
    const small = expectStatus(await availability(`productId=${world.products.bread}&plannedQty=0.000001&bomId=${world.breadBomId}`), 200, 'small');
    expect(small.materials[0]).toEqual({ productId: world.products.flour, requiredQty: 0.000001, usableQty: 50, shortQty: 0 });
  });

  it('names the bad parameter, and a product without a BOM', async () => {
    for (const [query, path] of [
      [`productId=nope&plannedQty=1`, 'productId'],
      [`productId=${world.products.bread}&plannedQty=-1`, 'plannedQty'],
      [`productId=${world.products.bread}`, 'plannedQty'],
      [`productId=${world.products.bread}&plannedQty=1&scheduledDate=2024-02-30`, 'scheduledDate'],
    ] as const) {
      const response = await availability(query);
      expect(response.status, query).toBe(400);
      expect(response.body.errors.map((error: any) => error.path), query).toEqual([path]);
    }
    const noBom = await availability(`productId=${world.products.flour}&plannedQty=1`);
    expect(noBom.status).toBe(409);
    expect(noBom.body.errors[0].path).toBe('productId');
  });

  it('needs planning or production read, and sees only its own organization', async () => {
    const other = server.as((await server.signup()).accessToken);
    expect((await other.get(`/api/v1/work-orders/availability?productId=${world.products.bread}&plannedQty=1`)).status).toBe(404);
    const stockOnly = expectStatus(await world.api.post('/api/v1/roles', { name: `stock-${Date.now()}`, permissions: { warehouse: 'write' } }), 201, 'role');
    const clerk = server.as((await server.userWithRoles(world.admin, [stockOnly.name])).accessToken);
    expect((await clerk.get(`/api/v1/work-orders/availability?productId=${world.products.bread}&plannedQty=1`)).status).toBe(403);
  });
});
