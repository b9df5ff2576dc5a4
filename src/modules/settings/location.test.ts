import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

let server: TestServer;
let admin: Session;
let warehouseId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
  warehouseId = (await server.as(admin.accessToken).post('/api/v1/warehouses', { code: 'MAIN', name: 'Main' })).body.id;
});
afterAll(() => server.stop());

describe('locations', () => {
  it('are created in a warehouse with a type and listed by warehouse', async () => {
    const api = server.as(admin.accessToken);
    const created = await api.post('/api/v1/locations', { warehouseId, code: 'RCV-1', name: 'Receiving dock', type: 'receiving' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ warehouseId, code: 'RCV-1', type: 'receiving', active: true });
    const listed = await api.get(`/api/v1/locations?warehouseId=${warehouseId}&type=receiving`);
    expect(listed.body.items.map((location: { id: string }) => location.id)).toContain(created.body.id);
  });

  it('have codes unique per warehouse, not per organization', async () => {
    const api = server.as(admin.accessToken);
    const other = (await api.post('/api/v1/warehouses', { code: 'COLD', name: 'Cold store' })).body.id;
    expect((await api.post('/api/v1/locations', { warehouseId, code: 'A-01', name: 'Rack A1', type: 'storage' })).status).toBe(201);
    const duplicate = await api.post('/api/v1/locations', { warehouseId, code: 'A-01', name: 'Again', type: 'storage' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toMatchObject([{ path: 'code', message: 'already exists' }]);
    expect((await api.post('/api/v1/locations', { warehouseId: other, code: 'A-01', name: 'Rack A1', type: 'storage' })).status).toBe(201);
  });

  it('refuses an unknown type and an unknown warehouse, naming the field, and writes nothing', async () => {
    const api = server.as(admin.accessToken);
    const badType = await api.post('/api/v1/locations', { warehouseId, code: 'X-1', name: 'X', type: 'garage' });
    expect(badType.status).toBe(400);
    expect(badType.body.errors[0].path).toBe('type');
    const noWarehouse = await api.post('/api/v1/locations', { warehouseId: '01900000-0000-7000-8000-000000000000', code: 'X-1', name: 'X', type: 'storage' });
    expect(noWarehouse.status).toBe(404);
    expect(noWarehouse.body.errors[0].path).toBe('warehouseId');
    const listed = await api.get('/api/v1/locations?search=X-1');
    expect(listed.body.items).toEqual([]);
  });

  it('change only the fields a patch names; an empty patch writes nothing and answers the location as it is', async () => {
    const api = server.as(admin.accessToken);
    const location = (await api.post('/api/v1/locations', { warehouseId, code: 'P-1', name: 'Pallet bay', type: 'storage' })).body;
    const retyped = await api.patch(`/api/v1/locations/${location.id}`, { type: 'shipping' });
    expect(retyped.body).toMatchObject({ code: 'P-1', name: 'Pallet bay', type: 'shipping', active: true });
    const unchanged = await api.patch(`/api/v1/locations/${location.id}`, {});
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toEqual(retyped.body);
    expect((await api.get(`/api/v1/audit?table=locations&recordId=${location.id}`)).body.items).toHaveLength(2);
  });

  it('cannot be placed in, read or changed from another organization', async () => {
    const other = await server.signup();
    const location = (await server.as(admin.accessToken).post('/api/v1/locations', { warehouseId, code: 'Q-1', name: 'Quarantine', type: 'quarantine' })).body;
    const otherApi = server.as(other.accessToken);
    expect((await otherApi.get(`/api/v1/locations/${location.id}`)).status).toBe(404);
    expect((await otherApi.patch(`/api/v1/locations/${location.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await otherApi.post('/api/v1/locations', { warehouseId, code: 'STEAL', name: 'X', type: 'storage' })).status).toBe(404);
  });

  it('need settings write to create, and are readable by warehouse staff', async () => {
    const warehouseUser = await server.userWithRoles(admin, ['warehouse']);
    const api = server.as(warehouseUser.accessToken);
    expect((await api.post('/api/v1/locations', { warehouseId, code: 'W-9', name: 'X', type: 'storage' })).status).toBe(403);
    expect((await api.get('/api/v1/locations')).status).toBe(200);
  });
});
