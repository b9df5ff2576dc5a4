import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAppRole, createProduct, createRole, createWarehouse, refusal, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

// The audit trail: every change to a tracked table is recorded by the database with the old
// and new values and the acting user, shown to organization admins only, secrets left out.

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

const api = () => server.as(admin.accessToken);

describe('GET /api/v1/audit', () => {
  it("shows a record's changes newest first, with old and new values and who made them", async () => {
    const warehouse = await createWarehouse(api(), { name: 'Old name' });
    const secondAdmin = await server.userWithRoles(admin, ['admin']);
    expect((await server.as(secondAdmin.accessToken).patch(`/api/v1/warehouses/${warehouse.id}`, { name: 'New name' })).status).toBe(200);
    const response = await api().get(`/api/v1/audit?table=warehouses&recordId=${warehouse.id}`);
    expect(response.status).toBe(200);
    const [update, insert] = response.body.items;
    expect(response.body.items).toHaveLength(2);
    expect(update).toMatchObject({ table: 'warehouses', recordId: warehouse.id, action: 'UPDATE', userId: secondAdmin.userId });
    expect(update.oldData).toMatchObject({ name: 'Old name', code: warehouse.code, org_id: admin.orgId });
    expect(update.newData).toMatchObject({ name: 'New name', code: warehouse.code, updated_by: secondAdmin.userId, created_by: admin.userId });
    expect(insert).toMatchObject({ action: 'INSERT', oldData: null, userId: admin.userId });
    expect(insert.newData).toMatchObject({ name: 'Old name' });
    expect(Date.parse(insert.createdAt)).not.toBeNaN();
  });

  it('records nothing for an update that changes nothing', async () => {
    const warehouse = await createWarehouse(api(), { name: 'Same name' });
    expect((await api().patch(`/api/v1/warehouses/${warehouse.id}`, { name: 'Same name' })).status).toBe(200);
    const response = await api().get(`/api/v1/audit?table=warehouses&recordId=${warehouse.id}`);
    expect(response.body.items.map((entry: { action: string }) => entry.action)).toEqual(['INSERT']);
  });

  it('records the acting user whatever their role, for every tracked table', async () => {
    const planner = await server.userWithRoles(admin, ['planner']);
    const product = await createProduct(server.as(planner.accessToken));
    const response = await api().get(`/api/v1/audit?table=products&recordId=${product.id}`);
    expect(response.body.items).toEqual([expect.objectContaining({ action: 'INSERT', userId: planner.userId })]);
  });

  it('filters by table alone, and pages with a cursor', async () => {
    const warehouse = await createWarehouse(api());
    for (const name of ['One', 'Two', 'Three']) await api().patch(`/api/v1/warehouses/${warehouse.id}`, { name });
    const byTable = await api().get('/api/v1/audit?table=warehouses&limit=500');
    expect(byTable.body.items.every((entry: { table: string }) => entry.table === 'warehouses')).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api().get(`/api/v1/audit?recordId=${warehouse.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((entry: { newData: { name: string } }) => entry.newData.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Three', 'Two', 'One', warehouse.name]);
  });

  it('never shows a password hash, on users or anywhere in the trail', async () => {
    const created = await api().post('/api/v1/users', { email: `${uniqueCode('audited')}@example.com`, name: 'Audited', password: 'secret password 42', roles: ['viewer'] });
    await api().patch(`/api/v1/users/${created.body.id}`, { name: 'Audited again' });
    const response = await api().get(`/api/v1/audit?table=users&recordId=${created.body.id}`);
    expect(response.body.items.map((entry: { action: string }) => entry.action)).toEqual(['UPDATE', 'INSERT']);
    for (const entry of response.body.items) {
      for (const data of [entry.oldData, entry.newData].filter(Boolean)) expect(Object.keys(data)).not.toContain('password_hash');
    }
    expect(response.body.items[0].newData.name).toBe('Audited again');
    const everything = await api().get('/api/v1/audit?limit=500');
    expect(JSON.stringify(everything.body)).not.toMatch(/argon2|password_hash|token_hash/);
    const [stored] = await systemRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from audit_log where old_data ? 'password_hash' or new_data ? 'password_hash' or old_data ? 'token_hash' or new_data ? 'token_hash'`,
    );
    expect(stored!.n).toBe(0);
  });

  it('is for organization admins only', async () => {
    const warehouse = await createWarehouse(api());
    const settingsWriter = await createRole(api(), { permissions: { settings: 'write' } });
    for (const roles of [['planner'], ['viewer'], ['operator'], [settingsWriter.name]]) {
      const user = await server.userWithRoles(admin, roles);
      const response = await server.as(user.accessToken).get(`/api/v1/audit?recordId=${warehouse.id}`);
      expect(response.status, roles.join()).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await server.request({ method: 'GET', url: '/api/v1/audit' })).status).toBe(401);
  });

  it("shows nothing of another organization's records", async () => {
    const warehouse = await createWarehouse(api());
    const other = await server.signup();
    const client = server.as(other.accessToken);
    expect((await client.get(`/api/v1/audit?recordId=${warehouse.id}`)).body.items).toEqual([]);
    const all = await client.get('/api/v1/audit?limit=500');
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((entry: { newData: { org_id?: string } | null }) => entry.newData?.org_id !== admin.orgId)).toBe(true);
  });

  it('refuses a malformed table name or record id with 400 naming the field', async () => {
    const badTable = await api().get('/api/v1/audit?table=users;drop');
    expect(badTable.status).toBe(400);
    expect(badTable.body.errors).toContainEqual(expect.objectContaining({ path: 'table', message: expect.any(String) }));
    const badId = await api().get('/api/v1/audit?recordId=42');
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toContainEqual(expect.objectContaining({ path: 'recordId', message: expect.any(String) }));
  });
});

describe('the audit log table', () => {
  it('is append-only for the app role: no update, no delete', async () => {
    await createWarehouse(api());
    for (const statement of [sql`update audit_log set new_data = '{}'::jsonb`, sql`delete from audit_log`]) {
      const error = await refusal(() => asAppRole(server.database.db, admin.orgId, (tx) => tx.execute(statement)));
      expect(error?.code).toBe('42501');
    }
  });
});
