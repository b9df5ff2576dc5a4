import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlates, setupInventory, type InventoryWorld } from '../../../test/factories/inventory.js';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type ApiResponse, type TestServer } from '../../../test/server.js';
import { encodeCursor } from './pagination.js';

// API.md "text" and "quantities": a NUL character in any text field or parameter, a malformed
// cursor, and a quantity over 999,999,999.999999 are each a 400 naming the field, never a 500,
// signed in or not, and change nothing. (http-conventions.test.ts sweeps NUL over every route.)

let server: TestServer;
let world: InventoryWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await setupInventory(server);
});
afterAll(() => server.stop());

function expectFieldError(response: ApiResponse, path: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.errors).toContainEqual(expect.objectContaining({ path, message: expect.any(String) }));
}

const NUL = '\u0000';

describe('a NUL character', () => {
  it('in a search, a lot or an LP number of a query or path is 400 naming it', async () => {
    expectFieldError(await world.api.get('/api/v1/products?search=flour%00'), 'search');
    expectFieldError(await world.api.get('/api/v1/license-plates?lot=%00'), 'lot');
    expectFieldError(await world.api.get('/api/v1/license-plates?search=LP%00'), 'search');
    expectFieldError(await world.api.get('/api/v1/license-plates/by-number/LP%0000000001'), 'number');
  });

  it('in a name or a lot of a body is 400 naming it, and writes nothing', async () => {
    expectFieldError(await world.api.post('/api/v1/warehouses', { code: 'NUL-1', name: `Main${NUL}` }), 'name');
    expectFieldError(await world.api.post('/api/v1/products', { code: 'NUL-2', name: `Fl${NUL}our`, type: 'raw', uom: 'kg' }), 'name');
    const receipt = await world.api.post('/api/v1/receipts', { locationId: world.locations.receiving, lines: [{ productId: world.products.flour, qty: 1, lot: `L${NUL}1` }] });
    expectFieldError(receipt, 'lines.0.lot');
    const [row] = await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where code = 'NUL-1'`);
    expect(row!.n).toBe(0);
  });

  it('in the email of a sign-in or the organization name of a sign-up is 400 naming it, without signing in', async () => {
    const login = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `admin${NUL}@example.com`, password: 'correct horse battery' } });
    expectFieldError(login, 'email');
    const signup = await server.request({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { organizationName: `Acme${NUL}`, name: 'A', email: 'nul-signup@example.com', password: 'correct horse battery' },
    });
    expectFieldError(signup, 'organizationName');
  });

  it('in a key of a body object is 400 too', async () => {
    const response = await world.api.post('/api/v1/roles', { name: 'Keys', permissions: { [`warehouse${NUL}`]: 'read' } });
    expect(response.status).toBe(400);
  });
});

describe('a malformed cursor', () => {
  it('that decodes to 36 dashes is 400 naming the cursor, on every list that pages by id', async () => {
    const cursor = encodeCursor('-'.repeat(36));
    for (const list of ['warehouses', 'products', 'license-plates', 'receipts', 'purchase-orders', 'boms', 'work-orders', 'users', 'suppliers', 'webhooks']) {
      expectFieldError(await world.api.get(`/api/v1/${list}?cursor=${cursor}`), 'cursor');
    }
  });

  it('that is no UUID in any other way is 400 as well', async () => {
    for (const value of ['0193xxxx-0000-7000-8000-000000000000', '01930000000070008000000000000000abcd', 'ffffffff-ffff-ffff-ffff-fffffffffffff']) {
      expectFieldError(await world.api.get(`/api/v1/warehouses?cursor=${encodeCursor(value)}`), 'cursor');
    }
  });
});

describe('quantities', () => {
  // Written as text: as a literal it would already be rounded (which is the point).
  const tooLarge = Number('999999999999.999999');

  it('over 999,999,999.999999 are 400 naming the field, wherever a quantity is taken', async () => {
    const [plate] = await receivePlates(world, { qty: 5 });
    const receipt = await world.api.post('/api/v1/receipts', { locationId: world.locations.receiving, lines: [{ productId: world.products.flour, qty: tooLarge, lot: 'BIG' }] });
    expectFieldError(receipt, 'lines.0.qty');
    expectFieldError(await world.api.post(`/api/v1/license-plates/${plate.id}/split`, { qty: tooLarge }), 'qty');
    expectFieldError(await world.api.post(`/api/v1/license-plates/${plate.id}/adjust`, { qty: tooLarge, reason: 'count' }), 'qty');
    expectFieldError(await world.api.get(`/api/v1/stock/fefo?productId=${world.products.flour}&qty=${tooLarge}`), 'qty');
    const order = await world.api.post('/api/v1/purchase-orders', { supplierId: world.supplierId, lines: [{ productId: world.products.flour, qty: tooLarge }] });
    expectFieldError(order, 'lines.0.qty');
    const workOrder = await world.api.post('/api/v1/work-orders', { productId: world.products.flour, plannedQty: tooLarge });
    expectFieldError(workOrder, 'plannedQty');
    const bom = await world.api.post('/api/v1/boms', { productId: world.products.flour, outputQty: tooLarge, effectiveFrom: '2026-01-01', items: [{ productId: world.products.sugar, qty: 1 }] });
    expectFieldError(bom, 'outputQty');
  });

  it('with more than 15 significant digits are refused rather than stored rounded', async () => {
    const receipt = await world.api.post('/api/v1/receipts', { locationId: world.locations.receiving, lines: [{ productId: world.products.flour, qty: Number('123456789012.123456'), lot: 'ROUNDED' }] });
    expectFieldError(receipt, 'lines.0.qty');
  });

  it('of exactly 999,999,999.999999 are taken and kept exactly', async () => {
    const [plate] = await receivePlates(world, { qty: 999999999.999999 });
    expect(plate.qty).toBe(999999999.999999);
    const [row] = await systemRows<{ qty: string }>(server.database.db, sql`select qty::text as qty from license_plates where id = ${plate.id}`);
    expect(row!.qty).toMatch(/^999999999\.999999/);
    const counted = await world.api.post(`/api/v1/license-plates/${plate.id}/adjust`, { qty: 999999999.999999, reason: 'count' });
    expect(counted.status).toBe(200);
  });
});
