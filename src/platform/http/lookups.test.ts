import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlates } from '../../../test/factories/inventory.js';
import { createWorkOrder, setupProduction, type ProductionWorld } from '../../../test/factories/production.js';
import { createProduct } from '../../../test/factories/technical.js';
import { startTestServer, type Client, type TestServer } from '../../../test/server.js';

// Screens resolve the names of the ids they show with `?ids=` and pickers search on the server with
// `?search=`, so nothing stops at the first page of a list; another organization's ids are never resolved.

let server: TestServer;
let world: ProductionWorld;
let other: Client;
const made: Record<string, { id: string; code?: string; number?: string }> = {};

const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();

beforeAll(async () => {
  server = await startTestServer();
  world = await setupProduction(server);
  const api = world.api;
  made.product = await createProduct(api, { code: 'LOOKUP-RYE', name: 'Rye flour for lookups' });
  const warehouse = (await api.post('/api/v1/warehouses', { code: 'LKP', name: 'Lookup store' })).body;
  made.warehouse = warehouse;
  made.location = (await api.post('/api/v1/locations', { warehouseId: warehouse.id, code: 'LKP-A1', name: 'Dock A1', type: 'receiving' })).body;
  made.supplier = (await api.post('/api/v1/suppliers', { code: 'LKP-MILL', name: 'Lookup Mill' })).body;
  made.customer = (await api.post('/api/v1/customers', { code: 'LKP-SHOP', name: 'Lookup Shop' })).body;
  made.workOrder = await createWorkOrder(world);
  const stranger = await server.signup();
  const strangerApi = server.as(stranger.accessToken);
  made.foreignProduct = await createProduct(strangerApi, { code: 'LOOKUP-FOREIGN', name: 'Not yours' });
  other = strangerApi;
});
afterAll(() => server.stop());

describe('?ids= answers exactly the named records of the caller’s organization', () => {
  const cases = [
    ['products', 'product'],
    ['locations', 'location'],
    ['warehouses', 'warehouse'],
    ['suppliers', 'supplier'],
    ['customers', 'customer'],
    ['work-orders', 'workOrder'],
  ] as const;

  it.each(cases)('/%s', async (path, key) => {
    const wanted = made[key]!.id;
    const answer = await world.api.get(`/api/v1/${path}?ids=${wanted},${made.foreignProduct!.id}`);
    expect(answer.status).toBe(200);
    expect(idsOf(answer.body)).toEqual([wanted]);
  });

  it('never resolves another organization’s id, even asked by that id alone', async () => {
    const answer = await world.api.get(`/api/v1/products?ids=${made.foreignProduct!.id}`);
    expect(answer.body.items).toEqual([]);
    const theirs = await other.get(`/api/v1/products?ids=${made.product!.id},${made.foreignProduct!.id}`);
    expect(idsOf(theirs.body)).toEqual([made.foreignProduct!.id]);
  });

  it('refuses what is not a list of UUIDs, naming the field', async () => {
    const answer = await world.api.get('/api/v1/products?ids=1,2');
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe('ids');
  });
});

describe('?search= finds by any part of the code or name, case-insensitively', () => {
  it.each([
    ['products', 'lookup-ry', 'product'],
    ['products', 'RYE FLOUR', 'product'],
    ['locations', 'lkp-a', 'location'],
    ['suppliers', 'mill', 'supplier'],
    ['customers', 'lookup sh', 'customer'],
  ] as const)('/%s?search=%s', async (path, search, key) => {
    const answer = await world.api.get(`/api/v1/${path}?search=${encodeURIComponent(search)}`);
    expect(idsOf(answer.body)).toContain(made[key]!.id);
  });

  it('work orders by any part of their number', async () => {
    const number = made.workOrder!.number!;
    const answer = await world.api.get(`/api/v1/work-orders?search=${encodeURIComponent(number.slice(-4).toLowerCase())}`);
    expect(idsOf(answer.body)).toContain(made.workOrder!.id);
    expect((await world.api.get('/api/v1/work-orders?search=no-such-order')).body.items).toEqual([]);
  });

  it('not in another organization', async () => {
    expect((await other.get('/api/v1/products?search=LOOKUP-RYE')).body.items).toEqual([]);
  });
});

describe('lists carry the display fields their rows show, read in the same query', () => {
  it('license plates: product code and name, location code', async () => {
    const [plate] = await receivePlates(world, { productId: made.product!.id, locationId: made.location!.id });
    const answer = await world.api.get(`/api/v1/license-plates?productId=${made.product!.id}`);
    expect(answer.body.items).toEqual([expect.objectContaining({ id: plate.id, productCode: 'LOOKUP-RYE', productName: 'Rye flour for lookups', locationCode: 'LKP-A1' })]);
  });

  it('work orders: product code and name', async () => {
    const answer = await world.api.get(`/api/v1/work-orders?ids=${made.workOrder!.id}`);
    const bread = (await world.api.get(`/api/v1/products/${world.products.bread}`)).body;
    expect(answer.body.items).toEqual([expect.objectContaining({ id: made.workOrder!.id, productCode: bread.code, productName: 'Bread' })]);
  });

  it('sales order lines: product code and name', async () => {
    const order = await world.api.post('/api/v1/sales-orders', { customerId: made.customer!.id, lines: [{ productId: made.product!.id, qty: 5 }] });
    expect(order.status).toBe(201);
    expect(order.body.lines).toEqual([expect.objectContaining({ productId: made.product!.id, productCode: 'LOOKUP-RYE', productName: 'Rye flour for lookups' })]);
    const read = await world.api.get(`/api/v1/sales-orders/${order.body.id}`);
    expect(read.body.lines[0]).toMatchObject({ productCode: 'LOOKUP-RYE', productName: 'Rye flour for lookups' });
  });

  it('purchase order lines: product code and name', async () => {
    const order = await world.api.post('/api/v1/purchase-orders', { supplierId: made.supplier!.id, lines: [{ productId: made.product!.id, qty: 7 }] });
    expect(order.status).toBe(201);
    expect(order.body.lines).toEqual([expect.objectContaining({ productId: made.product!.id, productCode: 'LOOKUP-RYE', productName: 'Rye flour for lookups' })]);
  });
});
