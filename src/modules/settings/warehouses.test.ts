import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, createWarehouse, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

// Warehouses: written with settings rights, read by whoever handles stock, codes unique per organization.

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

const api = () => server.as(admin.accessToken);
const warehouseCount = async () =>
  (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from warehouses where org_id = ${admin.orgId}`))[0]!.n;

describe('creating and reading warehouses', () => {
  it('creates a warehouse and reads it back by id and in the list', async () => {
    const code = uniqueCode('WH');
    const response = await api().post('/api/v1/warehouses', { code: `  ${code} `, name: ' Main store ' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), code, name: 'Main store', active: true, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(response.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);
    expect((await api().get(`/api/v1/warehouses/${response.body.id}`)).body).toEqual(response.body);
    const list = await api().get('/api/v1/warehouses?limit=500');
    expect(list.body.items).toContainEqual(response.body);
  });

  it('a code already used in the organization is a 409 naming the field; another organization may use it', async () => {
    const code = uniqueCode('WH');
    await createWarehouse(api(), { code });
    const before = await warehouseCount();
    const again = await api().post('/api/v1/warehouses', { code, name: 'Second' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toMatchObject([{ path: 'code', message: expect.any(String) }]);
    expect(await warehouseCount()).toBe(before);
    const other = await server.signup();
    expect((await server.as(other.accessToken).post('/api/v1/warehouses', { code, name: 'Theirs' })).status).toBe(201);
  });

  it('searches code and name, case-insensitively, and filters by active', async () => {
    const owner = await server.signup();
    const client = server.as(owner.accessToken);
    const cold = await createWarehouse(client, { code: 'COLD-1', name: 'Chiller' });
    const dry = await createWarehouse(client, { code: 'DRY-1', name: 'Dry goods 100%' });
    await client.patch(`/api/v1/warehouses/${dry.id}`, { active: false });
    expect((await client.get('/api/v1/warehouses?search=chill')).body.items.map((w: { id: string }) => w.id)).toEqual([cold.id]);
    expect((await client.get('/api/v1/warehouses?search=cold')).body.items.map((w: { id: string }) => w.id)).toEqual([cold.id]);
    // % and _ are matched literally, not as wildcards.
    expect((await client.get('/api/v1/warehouses?search=%25')).body.items.map((w: { id: string }) => w.id)).toEqual([dry.id]);
    expect((await client.get('/api/v1/warehouses?active=false')).body.items.map((w: { id: string }) => w.id)).toEqual([dry.id]);
    expect((await client.get('/api/v1/warehouses?active=true')).body.items.map((w: { id: string }) => w.id)).toEqual([cold.id]);
  });
});

describe('changing warehouses', () => {
  it('renames and deactivates; the code stays', async () => {
    const warehouse = await createWarehouse(api());
    const renamed = await api().patch(`/api/v1/warehouses/${warehouse.id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: warehouse.id, code: warehouse.code, name: 'Renamed', active: true });
    const deactivated = await api().patch(`/api/v1/warehouses/${warehouse.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    expect(Date.parse(deactivated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(warehouse.updatedAt));
  });

  it('refuses to change the code or unknown fields, and changes nothing', async () => {
    const warehouse = await createWarehouse(api());
    for (const body of [{ code: 'NEW' }, { name: 'X', colour: 'red' }, { active: 'yes' }, { name: '' }, { name: 5 }]) {
      const response = await api().patch(`/api/v1/warehouses/${warehouse.id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect((await api().get(`/api/v1/warehouses/${warehouse.id}`)).body).toEqual(warehouse);
  });
});

describe('bad input', () => {
  it('never yields a 500, always names the field, and writes nothing', async () => {
    const before = await warehouseCount();
    const cases: [unknown, string][] = [
      [{}, 'code'],
      [{ code: 'A' }, 'name'],
      [{ name: 'A' }, 'code'],
      [{ code: 42, name: 'A' }, 'code'],
      [{ code: 'A', name: ['x'] }, 'name'],
      [{ code: 'has space', name: 'A' }, 'code'],
      [{ code: '', name: 'A' }, 'code'],
      [{ code: 'x'.repeat(65), name: 'A' }, 'code'],
      [{ code: 'A', name: 'x'.repeat(201) }, 'name'],
      [{ code: 'A', name: 'A', active: false, extra: 1 }, 'active'],
      [[{ code: 'A', name: 'A' }], 'body'],
      [null, 'body'],
    ];
    for (const [body, path] of cases) {
      const response = await api().post('/api/v1/warehouses', body ?? 'null', body === null ? { 'content-type': 'application/json' } : {});
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((error: { path: string }) => error.path), JSON.stringify(body)).toContain(path);
    }
    expect(await warehouseCount()).toBe(before);
  });
});

describe('permissions', () => {
  it('settings write creates and changes; stock roles read; others are refused', async () => {
    const warehouse = await createWarehouse(api());
    const clientWith = async (roles: string[]) => server.as((await server.userWithRoles(admin, roles)).accessToken);
    for (const role of ['planner', 'viewer', 'operator', 'warehouse', 'quality']) {
      const client = await clientWith([role]);
      expect((await client.get(`/api/v1/warehouses/${warehouse.id}`)).status, role).toBe(200);
      expect((await client.get('/api/v1/warehouses')).status, role).toBe(200);
      expect((await client.post('/api/v1/warehouses', { code: uniqueCode('WH'), name: 'No' })).status, role).toBe(403);
      expect((await client.patch(`/api/v1/warehouses/${warehouse.id}`, { name: 'No' })).status, role).toBe(403);
    }
    const technicalOnly = await createRole(api(), { permissions: { technical: 'write' } });
    const outsider = await clientWith([technicalOnly.name]);
    expect((await outsider.get('/api/v1/warehouses')).status).toBe(403);
    expect((await outsider.get(`/api/v1/warehouses/${warehouse.id}`)).status).toBe(403);
    const settingsWriter = await createRole(api(), { permissions: { settings: 'write' } });
    const writer = await clientWith([settingsWriter.name]);
    expect((await writer.post('/api/v1/warehouses', { code: uniqueCode('WH'), name: 'Yes' })).status).toBe(201);
    expect((await api().get(`/api/v1/warehouses/${warehouse.id}`)).body.name).toBe(warehouse.name);
  });
});
