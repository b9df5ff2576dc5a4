import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

describe('coded master records (warehouses, suppliers, customers)', () => {
  it('keep contact fields for suppliers and customers', async () => {
    const api = server.as(admin.accessToken);
    const supplier = await api.post('/api/v1/suppliers', { code: 'MILL', name: 'Młyn Sp. z o.o.', email: 'orders@mill.test', phone: '+48 12 345 67 89', address: 'ul. Zbożowa 1, Kraków' });
    expect(supplier.status).toBe(201);
    expect(supplier.body).toMatchObject({ email: 'orders@mill.test', phone: '+48 12 345 67 89', address: 'ul. Zbożowa 1, Kraków', active: true });
    const customer = await api.post('/api/v1/customers', { code: 'SHOP', name: 'Corner shop', email: 'not-an-email' });
    expect(customer.status).toBe(400);
    expect(customer.body.errors[0].path).toBe('email');
  });

  it('are deleted while nothing refers to them', async () => {
    const api = server.as(admin.accessToken);
    const customer = (await api.post('/api/v1/customers', { code: 'GONE', name: 'Short-lived' })).body;
    expect((await api.delete(`/api/v1/customers/${customer.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/customers/${customer.id}`)).status).toBe(404);
  });

  it('once referenced can only be deactivated, and a refused delete changes nothing', async () => {
    const api = server.as(admin.accessToken);
    const warehouse = (await api.post('/api/v1/warehouses', { code: 'KEEP', name: 'Kept' })).body;
    await api.post('/api/v1/locations', { warehouseId: warehouse.id, code: 'L1', name: 'Rack', type: 'storage' });
    const refused = await api.delete(`/api/v1/warehouses/${warehouse.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('deactivate');
    expect((await api.get(`/api/v1/warehouses/${warehouse.id}`)).body.active).toBe(true);
    const deactivated = await api.patch(`/api/v1/warehouses/${warehouse.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    expect((await api.get('/api/v1/warehouses?active=true')).body.items.map((w: { id: string }) => w.id)).not.toContain(warehouse.id);
  });

  it('search by code or name, case-insensitively', async () => {
    const api = server.as(admin.accessToken);
    await api.post('/api/v1/suppliers', { code: 'SUGAR', name: 'Cukrownia Południe' });
    const found = await api.get('/api/v1/suppliers?search=cukrOWNIA');
    expect(found.body.items.map((s: { code: string }) => s.code)).toEqual(['SUGAR']);
  });

  it("cannot delete another organization's record", async () => {
    const other = await server.signup();
    const supplier = (await server.as(admin.accessToken).post('/api/v1/suppliers', { code: 'MINE', name: 'Mine' })).body;
    expect((await server.as(other.accessToken).delete(`/api/v1/suppliers/${supplier.id}`)).status).toBe(404);
    expect((await server.as(admin.accessToken).get(`/api/v1/suppliers/${supplier.id}`)).status).toBe(200);
  });

  it('need the owning module’s write permission: planning for suppliers, shipping for customers', async () => {
    const warehouseUser = await server.userWithRoles(admin, ['warehouse']);
    const api = server.as(warehouseUser.accessToken);
    expect((await api.post('/api/v1/suppliers', { code: 'NOPE', name: 'No' })).status).toBe(403);
    expect((await api.post('/api/v1/customers', { code: 'OKAY', name: 'Shipping may' })).status).toBe(201);
  });
});
