import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

let server: TestServer;
let world: InventoryWorld;
beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

const create = (lines = [{ productId: world.products.flour, qty: 100 }], extra: Record<string, unknown> = {}) =>
  world.api.post('/api/v1/purchase-orders', { supplierId: world.supplierId, lines, ...extra });

describe('purchase orders', () => {
  it('are created as drafts numbered PO-000001 with receivedQty 0 per line', async () => {
    const other = await setupInventory(server);
    const response = await other.api.post('/api/v1/purchase-orders', {
      supplierId: other.supplierId,
      expectedDate: '2026-12-01',
      lines: [{ productId: other.products.flour, qty: 12.5 }, { productId: other.products.sugar, qty: 3 }],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ number: 'PO-000001', status: 'draft', supplierId: other.supplierId, expectedDate: '2026-12-01' });
    expect(response.body.lines).toEqual([
      { id: expect.any(String), lineNo: 1, productId: other.products.flour, productCode: expect.any(String), productName: expect.any(String), qty: 12.5, receivedQty: 0 },
      { id: expect.any(String), lineNo: 2, productId: other.products.sugar, productCode: expect.any(String), productName: expect.any(String), qty: 3, receivedQty: 0 },
    ]);
    expect((await other.api.post('/api/v1/purchase-orders', { supplierId: other.supplierId, lines: [{ productId: other.products.flour, qty: 1 }] })).body.number).toBe('PO-000002');
    const read = await other.api.get(`/api/v1/purchase-orders/${response.body.id}`);
    expect(read.body).toEqual(response.body);
  });

  it('move draft → approved, and cancel from draft or approved; anything else is 409', async () => {
    const order = (await create()).body;
    expect((await world.api.post(`/api/v1/purchase-orders/${order.id}/approve`)).body.status).toBe('approved');
    expect((await world.api.post(`/api/v1/purchase-orders/${order.id}/approve`)).status).toBe(409);
    expect((await world.api.post(`/api/v1/purchase-orders/${order.id}/cancel`)).body.status).toBe('cancelled');
    expect((await world.api.post(`/api/v1/purchase-orders/${order.id}/cancel`)).status).toBe(409);
    expect((await world.api.post(`/api/v1/purchase-orders/${order.id}/approve`)).status).toBe(409);
    const draft = (await create()).body;
    expect((await world.api.post(`/api/v1/purchase-orders/${draft.id}/cancel`)).body.status).toBe('cancelled');
  });

  it('refuse an unknown supplier or product naming the field, and invalid input', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const supplier = await world.api.post('/api/v1/purchase-orders', { supplierId: unknown, lines: [{ productId: world.products.flour, qty: 1 }] });
    expect(supplier.status).toBe(404);
    expect(supplier.body.errors).toMatchObject([{ path: 'supplierId', message: 'no such supplier' }]);
    const product = await create([{ productId: world.products.flour, qty: 1 }, { productId: unknown, qty: 1 }]);
    expect(product.status).toBe(404);
    expect(product.body.errors).toMatchObject([{ path: 'lines.1.productId', message: 'no such product' }]);
    expect((await create([])).status).toBe(400);
    expect((await create([{ productId: world.products.flour, qty: 0 }])).body.errors[0].path).toBe('lines.0.qty');
    expect((await create(undefined, { expectedDate: '2026-02-30' })).body.errors[0].path).toBe('expectedDate');
  });

  it('list filters by status and supplier', async () => {
    const other = await setupInventory(server);
    const a = (await other.api.post('/api/v1/purchase-orders', { supplierId: other.supplierId, lines: [{ productId: other.products.flour, qty: 1 }] })).body;
    const b = (await other.api.post('/api/v1/purchase-orders', { supplierId: other.supplierId, lines: [{ productId: other.products.flour, qty: 1 }] })).body;
    await other.api.post(`/api/v1/purchase-orders/${b.id}/approve`);
    const drafts = await other.api.get('/api/v1/purchase-orders?status=draft');
    expect(drafts.body.items.map((o: any) => o.id)).toEqual([a.id]);
    expect((await other.api.get(`/api/v1/purchase-orders?supplierId=${other.supplierId}`)).body.items).toHaveLength(2);
    expect((await other.api.get(`/api/v1/purchase-orders?supplierId=${world.supplierId}`)).body.items).toHaveLength(0);
  });

  it("another organization's order is 404 everywhere", async () => {
    const order = (await create()).body;
    const stranger = await setupInventory(server);
    expect((await stranger.api.get(`/api/v1/purchase-orders/${order.id}`)).status).toBe(404);
    expect((await stranger.api.post(`/api/v1/purchase-orders/${order.id}/approve`)).status).toBe(404);
    expect((await stranger.api.post(`/api/v1/purchase-orders/${order.id}/cancel`)).status).toBe(404);
    expect((await world.api.get(`/api/v1/purchase-orders/${order.id}`)).body.status).toBe('draft');
    // Nor can an order name another organization's supplier or product.
    const foreignProduct = await createProduct(server, stranger.api);
    expect((await create([{ productId: foreignProduct, qty: 1 }])).status).toBe(404);
    expect((await world.api.post('/api/v1/purchase-orders', { supplierId: stranger.supplierId, lines: [{ productId: world.products.flour, qty: 1 }] })).status).toBe(404);
  });

  it('need planning write; warehouse staff may read them', async () => {
    const warehouse = server.as((await server.userWithRoles(world.admin, ['warehouse'])).accessToken);
    expect((await warehouse.post('/api/v1/purchase-orders', { supplierId: world.supplierId, lines: [{ productId: world.products.flour, qty: 1 }] })).status).toBe(403);
    const order = (await create()).body;
    expect((await warehouse.post(`/api/v1/purchase-orders/${order.id}/approve`)).status).toBe(403);
    expect((await warehouse.get(`/api/v1/purchase-orders/${order.id}`)).status).toBe(200);
    const planner = server.as((await server.userWithRoles(world.admin, ['planner'])).accessToken);
    expect((await planner.post(`/api/v1/purchase-orders/${order.id}/approve`)).status).toBe(200);
  });
});
