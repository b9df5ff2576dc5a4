import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, startInstances, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

// Roles: the six system roles of issue 2 in every organization, custom roles, and rights
// that change on the very next request.

const modules = ['settings', 'technical', 'planning', 'production', 'warehouse', 'quality', 'shipping'];
/** The permission table of issue 2, row by row in the order of `modules`. */
const table: Record<string, string[]> = {
  admin: ['write', 'write', 'write', 'write', 'write', 'write', 'write'],
  planner: ['read', 'write', 'write', 'read', 'read', 'read', 'read'],
  operator: ['none', 'read', 'read', 'write', 'write', 'read', 'none'],
  warehouse: ['none', 'read', 'read', 'read', 'write', 'read', 'write'],
  quality: ['none', 'read', 'read', 'read', 'read', 'write', 'read'],
  viewer: ['read', 'read', 'read', 'read', 'read', 'read', 'read'],
};
const levelsOf = (role: string) => Object.fromEntries(modules.map((module, index) => [module, table[role]![index]]));

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

const api = () => server.as(admin.accessToken);

describe('system roles', () => {
  it('every organization has exactly the six system roles with the module levels of the permission table', async () => {
    const other = await server.signup();
    for (const session of [admin, other]) {
      const roles = await server.as(session.accessToken).get('/api/v1/roles');
      expect(roles.status).toBe(200);
      const system = roles.body.items.filter((role: { system: boolean }) => role.system);
      expect(system.map((role: { name: string }) => role.name).sort()).toEqual(Object.keys(table).sort());
      for (const role of system) expect({ name: role.name, permissions: role.permissions }).toEqual({ name: role.name, permissions: levelsOf(role.name) });
    }
  });

  it.each(Object.keys(table))('a user holding only %s gets exactly its levels', async (role) => {
    const user = await server.userWithRoles(admin, [role]);
    const me = await server.as(user.accessToken).get('/api/v1/me');
    expect(me.body.permissions).toEqual(levelsOf(role));
    expect(me.body.user.roles).toEqual([role]);
  });

  it('levels are enforced: read lets a module be read, not written; none shuts it', async () => {
    const operator = server.as((await server.userWithRoles(admin, ['operator'])).accessToken);
    expect((await operator.get('/api/v1/products')).status).toBe(200); // technical read
    expect((await operator.post('/api/v1/products', { code: uniqueCode('P'), name: 'X', type: 'raw', uom: 'kg' })).status).toBe(403);
    expect((await operator.get('/api/v1/users')).status).toBe(403); // settings none
    const supplier = await server.as(admin.accessToken).post('/api/v1/suppliers', { code: uniqueCode('S'), name: 'Mill' });
    expect((await operator.patch(`/api/v1/suppliers/${supplier.body.id}`, { name: 'Renamed' })).status).toBe(403); // planning read
  });

  it('a user with several roles gets the highest level of each module', async () => {
    const user = await server.userWithRoles(admin, ['operator', 'quality']);
    const me = await server.as(user.accessToken).get('/api/v1/me');
    expect(me.body.permissions).toEqual({ settings: 'none', technical: 'read', planning: 'read', production: 'write', warehouse: 'write', quality: 'write', shipping: 'read' });
  });

  it('system roles cannot be changed', async () => {
    const roles = await api().get('/api/v1/roles');
    const viewer = roles.body.items.find((role: { name: string }) => role.name === 'viewer');
    const response = await api().patch(`/api/v1/roles/${viewer.id}`, { permissions: { settings: 'write' } });
    expect(response.status).toBe(409);
    expect((await api().get(`/api/v1/roles/${viewer.id}`)).body.permissions).toEqual(levelsOf('viewer'));
  });
});

describe('custom roles', () => {
  it('are created with the levels given and none for every module not named', async () => {
    const name = uniqueCode('Forklift drivers');
    const response = await api().post('/api/v1/roles', { name, permissions: { warehouse: 'write', technical: 'read' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      name,
      system: false,
      permissions: { settings: 'none', technical: 'read', planning: 'none', production: 'none', warehouse: 'write', quality: 'none', shipping: 'none' },
    });
    expect((await api().get(`/api/v1/roles/${response.body.id}`)).body).toEqual(response.body);
    const user = await server.userWithRoles(admin, [name]);
    expect((await server.as(user.accessToken).get('/api/v1/me')).body.permissions.warehouse).toBe('write');
  });

  it('a second role with the same name, in any letter case, is a 409 naming the field', async () => {
    const name = uniqueCode('Packers');
    await createRole(api(), { name });
    const again = await api().post('/api/v1/roles', { name: name.toUpperCase(), permissions: {} });
    expect(again.status).toBe(409);
    expect(again.body.errors).toMatchObject([{ path: 'name', message: expect.any(String) }]);
    const clash = await api().post('/api/v1/roles', { name: 'ADMIN', permissions: {} });
    expect(clash.status).toBe(409);
  });

  it('renaming onto another role name is a 409, not a 500', async () => {
    const first = await createRole(api());
    const second = await createRole(api());
    const response = await api().patch(`/api/v1/roles/${second.id}`, { name: first.name });
    expect(response.status).toBe(409);
  });

  it('bad input is refused with 400 naming the field, and creates no role', async () => {
    const count = async () => (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from roles where org_id = ${admin.orgId}`))[0]!.n;
    const before = await count();
    const cases: [unknown, string][] = [
      [{ permissions: { warehouse: 'read' } }, 'name'],
      [{ name: 'X', permissions: { warehouse: 'admin' } }, 'permissions.warehouse'],
      [{ name: 'X', permissions: { canteen: 'read' } }, 'permissions.canteen'],
      [{ name: 'X', permissions: 'all' }, 'permissions'],
      [{ name: '   ', permissions: {} }, 'name'],
      [{ name: 42, permissions: {} }, 'name'],
    ];
    for (const [body, path] of cases) {
      const response = await api().post('/api/v1/roles', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect(await count()).toBe(before);
  });
});

describe('managing roles needs settings write', () => {
  it('a planner (settings read) may list roles but not create or change them; an operator may not even list them', async () => {
    const planner = server.as((await server.userWithRoles(admin, ['planner'])).accessToken);
    const operator = server.as((await server.userWithRoles(admin, ['operator'])).accessToken);
    const role = await createRole(api());
    expect((await planner.get('/api/v1/roles')).status).toBe(200);
    expect((await planner.get(`/api/v1/roles/${role.id}`)).status).toBe(200);
    expect((await planner.post('/api/v1/roles', { name: uniqueCode('r'), permissions: {} })).status).toBe(403);
    expect((await planner.patch(`/api/v1/roles/${role.id}`, { permissions: { settings: 'write' } })).status).toBe(403);
    expect((await operator.get('/api/v1/roles')).status).toBe(403);
    expect((await api().get(`/api/v1/roles/${role.id}`)).body.permissions).toEqual(role.permissions);
  });
});

describe('a role change takes effect on the very next request', () => {
  it('raising and lowering a custom role changes what its users may do at once', async () => {
    const role = await createRole(api(), { permissions: { technical: 'read' } });
    const user = server.as((await server.userWithRoles(admin, [role.name])).accessToken);
    // Warm the permission cache with the old rights.
    expect((await user.get('/api/v1/products')).status).toBe(200);
    expect((await user.post('/api/v1/products', { code: uniqueCode('P'), name: 'X', type: 'raw', uom: 'kg' })).status).toBe(403);
    expect((await api().patch(`/api/v1/roles/${role.id}`, { permissions: { technical: 'write' } })).status).toBe(200);
    expect((await user.post('/api/v1/products', { code: uniqueCode('P'), name: 'X', type: 'raw', uom: 'kg' })).status).toBe(201);
    expect((await api().patch(`/api/v1/roles/${role.id}`, { permissions: { planning: 'read' } })).status).toBe(200);
    expect((await user.get('/api/v1/products')).status).toBe(403);
    expect((await user.get('/api/v1/me')).body.permissions.technical).toBe('none');
  });

  it.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)(
    'across server instances sharing Redis: a change made on one is seen on the next request to another',
    async () => {
      const fleet = await startInstances(server.database.url!, 2);
      try {
        const [first, second] = fleet.instances as [(typeof fleet.instances)[0], (typeof fleet.instances)[0]];
        const role = await createRole(first.as(admin.accessToken), { permissions: { technical: 'read' } });
        const user = await server.userWithRoles(admin, [role.name]);
        // Both instances cache the user's rights.
        expect((await first.as(user.accessToken).get('/api/v1/products')).status).toBe(200);
        expect((await second.as(user.accessToken).get('/api/v1/products')).status).toBe(200);
        expect((await first.as(admin.accessToken).patch(`/api/v1/roles/${role.id}`, { permissions: { planning: 'read' } })).status).toBe(200);
        expect((await second.as(user.accessToken).get('/api/v1/products')).status).toBe(403);
        expect((await first.as(user.accessToken).get('/api/v1/products')).status).toBe(403);
      } finally {
        await fleet.stop();
      }
    },
  );
});
