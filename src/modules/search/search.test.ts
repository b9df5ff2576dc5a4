import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPurchaseOrder, daysFromToday, receivePlate, receivePlates, setupInventory, updateSettings, type InventoryWorld } from '../../../test/factories/inventory.js';
import { pick, pickingOrder } from '../../../test/factories/sales.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type TestServer } from '../../../test/server.js';

// One box for any code: plates, lots, products, orders and SSCCs, any case and by any part.

let server: TestServer;
let world: InventoryWorld;
const story: Record<string, any> = {};

const search = async (q: string, api = world.api) => {
  const response = await api.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return response.body.items as { kind: string; id: string; label: string; lot?: string; productType?: string; detail?: string }[];
};

beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
  story.plates = await receivePlates(world, { lot: 'MS-2411-07', qty: 25, count: 2 });
  story.otherLot = await receivePlate(world, { lot: 'MS-2411-08', qty: 5 });
  story.purchaseOrder = await approvedPurchaseOrder(world, [{ productId: world.products.sugar, qty: 10 }]);
  await updateSettings(world, { gs1CompanyPrefix: '5901234' });
  const product = await createProduct(world.api, { shelfLifeDays: 30, gtin: '5901234123457', code: 'BREAD-RYE', name: 'Rye bread' });
  const lp = await receivePlate(world, { productId: product.id, qty: 12, lot: 'RYE-1', expiryDate: daysFromToday(20) });
  const { order, pickList } = await pickingOrder(world, { lines: [{ productId: product.id, qty: 12 }] });
  expect((await pick(world, pickList.id, { licensePlateId: lp.id, qty: 12 })).status).toBe(200);
  story.salesOrder = order;
  story.pallet = (await world.api.post('/api/v1/pallets', { salesOrderId: order.id })).body;
  story.product = product;
});
afterAll(() => server.stop());

describe('GET /search', () => {
  it('finds a lot typed in lower case and by a part, without its product, the exact lot first, with its product type', async () => {
    const lots = (await search('ms-2411-07')).filter((hit) => hit.kind === 'lot');
    expect(lots[0]).toMatchObject({ kind: 'lot', id: world.products.flour, label: 'MS-2411-07', lot: 'MS-2411-07', productType: 'raw' });
    expect(lots).toHaveLength(1);
    const partial = (await search('2411')).filter((hit) => hit.kind === 'lot').map((hit) => hit.label);
    expect(partial.sort()).toEqual(['MS-2411-07', 'MS-2411-08']);
  });

  it('finds a license plate by its number in any case, and by a part of it', async () => {
    const number: string = story.plates[0].number;
    expect((await search(number.toLowerCase()))[0]).toMatchObject({ kind: 'license_plate', id: story.plates[0].id, label: number });
    expect((await search(number.slice(-4))).some((hit) => hit.kind === 'license_plate' && hit.id === story.plates[0].id)).toBe(true);
  });

  it('finds purchase and sales orders by number, products by code or name, pallets by SSCC', async () => {
    expect((await search(story.purchaseOrder.number.toLowerCase()))[0]).toMatchObject({ kind: 'purchase_order', id: story.purchaseOrder.id });
    expect((await search(story.salesOrder.number))[0]).toMatchObject({ kind: 'sales_order', id: story.salesOrder.id });
    expect(await search('rye bread')).toContainEqual(expect.objectContaining({ kind: 'product', id: story.product.id, label: 'BREAD-RYE' }));
    expect((await search(`(00)${story.pallet.sscc}`))[0]).toMatchObject({ kind: 'sscc', id: story.pallet.id, label: story.pallet.sscc });
  });

  it('takes % and _ literally and answers an empty list for what matches nothing', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('no-such-code')).toEqual([]);
  });

  it("never answers another organization's records", async () => {
    const stranger = server.as((await server.signup()).accessToken);
    expect(await search('MS-2411', stranger)).toEqual([]);
  });

  it('leaves out the kinds the caller may not read', async () => {
    // Technical read only: products, but no stock (plates, lots) and no orders.
    const role = (await world.api.post('/api/v1/roles', { name: `catalog-${Date.now()}`, permissions: { technical: 'read' } })).body;
    const email = `catalog-${Date.now()}@example.com`;
    expect((await world.api.post('/api/v1/users', { email, name: 'Catalog', password: 'a-long-password', roles: [role.name] })).status).toBe(201);
    const session = (await server.as('').post('/api/v1/auth/login', { email, password: 'a-long-password' })).body;
    const catalog = server.as(session.accessToken);
    expect(await search('MS-2411', catalog)).toEqual([]);
    expect(await search(story.salesOrder.number, catalog)).toEqual([]);
    expect((await search('BREAD-RYE', catalog)).map((hit) => hit.kind)).toEqual(['product']);
  });

  it('refuses a missing or too long q, naming it (400)', async () => {
    for (const query of ['', '?q=', `?q=${'x'.repeat(101)}`, '?q=a&limit=0']) {
      const response = await world.api.get(`/api/v1/search${query}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors[0].path).toBe(query.includes('limit') ? 'limit' : 'q');
    }
  });
});

describe('GET /license-plates?search=', () => {
  const numbers = async (query: string) => ((await world.api.get(`/api/v1/license-plates?${query}`)).body.items as { number: string; lot: string }[]).map((lp) => lp.lot).sort();

  it('matches the lot by any part, any case; ?lot= stays exact', async () => {
    expect(await numbers('search=2411')).toEqual(['MS-2411-07', 'MS-2411-07', 'MS-2411-08']);
    expect(await numbers('search=ms-2411-07')).toEqual(['MS-2411-07', 'MS-2411-07']);
    expect(await numbers('lot=ms-2411-07')).toEqual([]);
    expect(await numbers('lot=MS-2411-07')).toEqual(['MS-2411-07', 'MS-2411-07']);
  });

  it('matches the LP number by any part', async () => {
    const number: string = story.plates[1].number;
    const found = (await world.api.get(`/api/v1/license-plates?search=${number.toLowerCase()}`)).body.items;
    expect(found.map((lp: { id: string }) => lp.id)).toEqual([story.plates[1].id]);
  });

  it('refuses an empty search, naming it (400)', async () => {
    const response = await world.api.get('/api/v1/license-plates?search=');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('search');
  });
});
