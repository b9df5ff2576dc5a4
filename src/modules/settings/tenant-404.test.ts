import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createProduct, createRole, createSupplier, createWarehouse, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Client, type Session, type TestServer } from '../../../test/server.js';

// Through the API, an id of another organization answers 404, exactly like an id that
// does not exist; and nothing of it is read, changed or deleted.

let server: TestServer;
let orgA: Session;
let orgB: Session;
let a: Client;
let b: Client;
/** Org A's records, by resource path. */
const records: Record<string, Record<string, unknown> & { id: string }> = {};
const missingId = '01930000-0000-7000-8000-000000000000';

/** What a PATCH of each resource may send (valid input, so only the id can refuse it). */
const patches: Record<string, Record<string, unknown>> = {
  warehouses: { name: 'Taken over' },
  locations: { name: 'Taken over' },
  suppliers: { name: 'Taken over' },
  customers: { name: 'Taken over' },
  products: { name: 'Taken over' },
  users: { name: 'Taken over', active: false },
  roles: { permissions: { settings: 'write' } },
};

beforeAll(async () => {
  server = await startTestServer();
  orgA = await server.signup();
  orgB = await server.signup();
  a = server.as(orgA.accessToken);
  b = server.as(orgB.accessToken);
  const warehouse = await createWarehouse(a);
  records.warehouses = warehouse;
  const location = await a.post('/api/v1/locations', { warehouseId: warehouse.id, code: uniqueCode('L'), name: 'Bay 1', type: 'storage' });
  expect(location.status).toBe(201);
  records.locations = location.body;
  records.suppliers = await createSupplier(a);
  records.customers = await createCustomer(a);
  records.products = await createProduct(a);
  const role = await createRole(a);
  records.roles = role;
  const user = await server.userWithRoles(orgA, [String(role.name)]);
  records.users = (await a.get(`/api/v1/users/${user.userId}`)).body;
});
afterAll(() => server.stop());

const resources = Object.keys(patches);
const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

describe("another organization's ids answer 404, like ids that do not exist", () => {
  it.each(resources)('GET /api/v1/%s/:id', async (resource) => {
    const foreign = await b.get(`/api/v1/${resource}/${records[resource]!.id}`);
    const missing = await b.get(`/api/v1/${resource}/${missingId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect(withoutInstance(foreign.body)).toEqual(withoutInstance(missing.body));
    expect((await a.get(`/api/v1/${resource}/${records[resource]!.id}`)).status).toBe(200);
  });

  it.each(resources)('PATCH /api/v1/%s/:id, which changes nothing', async (resource) => {
    const id = records[resource]!.id;
    const before = (await a.get(`/api/v1/${resource}/${id}`)).body;
    const foreign = await b.patch(`/api/v1/${resource}/${id}`, patches[resource]);
    const missing = await b.patch(`/api/v1/${resource}/${missingId}`, patches[resource]);
    expect(foreign.status).toBe(404);
    expect(withoutInstance(foreign.body)).toEqual(withoutInstance(missing.body));
    expect((await a.get(`/api/v1/${resource}/${id}`)).body).toEqual(before);
  });

  it.each(['warehouses', 'suppliers', 'customers'])('DELETE /api/v1/%s/:id, which deletes nothing', async (resource) => {
    const id = records[resource]!.id;
    expect((await b.delete(`/api/v1/${resource}/${id}`)).status).toBe(404);
    expect((await a.get(`/api/v1/${resource}/${id}`)).status).toBe(200);
  });

  it("lists never show another organization's records", async () => {
    for (const resource of resources) {
      const list = await b.get(`/api/v1/${resource}${resource === 'roles' ? '' : '?limit=500'}`);
      expect(list.status, resource).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id), resource).not.toContain(records[resource]!.id);
    }
    const search = await b.get(`/api/v1/products?search=${encodeURIComponent(String(records.products!.code))}`);
    expect(search.body.items).toEqual([]);
  });

  it("a system role of another organization is not found either", async () => {
    const adminRole = (await a.get('/api/v1/roles')).body.items.find((role: { name: string }) => role.name === 'admin');
    expect((await b.get(`/api/v1/roles/${adminRole.id}`)).status).toBe(404);
    expect((await b.patch(`/api/v1/roles/${adminRole.id}`, { name: 'mine' })).status).toBe(404);
  });

  it("another organization's user stays signed in and unchanged after a foreign deactivation attempt", async () => {
    const user = records.users!;
    expect((await b.patch(`/api/v1/users/${user.id}`, { active: false, roles: ['admin'] })).status).toBe(404);
    expect((await a.get(`/api/v1/users/${user.id}`)).body).toMatchObject({ active: true, roles: [records.roles!.name] });
  });
});

describe("another organization's ids inside a request body answer 404 and write nothing", () => {
  it('a location in a warehouse of another organization', async () => {
    const count = async () => (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from locations`))[0]!.n;
    const before = await count();
    const response = await b.post('/api/v1/locations', { warehouseId: records.warehouses!.id, code: uniqueCode('L'), name: 'Sneaky', type: 'storage' });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await count()).toBe(before);
  });

  it("a BOM of another organization's products", async () => {
    const count = async () => (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from boms`))[0]!.n;
    const before = await count();
    const own = await createProduct(b);
    const foreignOutput = await b.post('/api/v1/boms', { productId: records.products!.id, outputQty: 1, effectiveFrom: '2026-01-01', items: [{ productId: own.id, qty: 1 }] });
    expect(foreignOutput.status).toBe(404);
    const foreignItem = await b.post('/api/v1/boms', { productId: own.id, outputQty: 1, effectiveFrom: '2026-01-01', items: [{ productId: records.products!.id, qty: 1 }] });
    expect(foreignItem.status).toBe(404);
    expect(await count()).toBe(before);
  });

  it("the audit trail of another organization's record is empty, not an error", async () => {
    const response = await b.get(`/api/v1/audit?recordId=${records.warehouses!.id}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});
