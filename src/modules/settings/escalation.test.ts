import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Client, type Session, type TestServer } from '../../../test/server.js';

// No escalation: whoever manages users and roles may give (to anyone, themselves included)
// and define only up to the level they hold in each module. More is 403 and changes nothing;
// removing and lowering are always allowed.

let server: TestServer;
let admin: Session;
/** A user whose only right is settings: write. */
let manager: Session;
let managerRole: { id: string; name: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
  managerRole = await createRole(server.as(admin.accessToken), { name: uniqueCode('User managers'), permissions: { settings: 'write' } });
  manager = await server.userWithRoles(admin, [managerRole.name]);
});
afterAll(() => server.stop());

const asAdmin = () => server.as(admin.accessToken);
const asManager = (): Client => server.as(manager.accessToken);
const newEmail = () => `${uniqueCode('user')}@example.com`;
const rolesOf = async (userId: string) => (await asAdmin().get(`/api/v1/users/${userId}`)).body.roles;
const roleCount = async () => (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from roles where org_id = ${admin.orgId}`))[0]!.n;
const userCount = async () => (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from users where org_id = ${admin.orgId}`))[0]!.n;

describe('giving roles to users', () => {
  it('a user with only settings write cannot make themselves admin', async () => {
    const response = await asManager().patch(`/api/v1/users/${manager.userId}`, { roles: ['admin'] });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toMatch(/technical/);
    expect(await rolesOf(manager.userId)).toEqual([managerRole.name]);
    expect((await asManager().get('/api/v1/me')).body.permissions).toMatchObject({ settings: 'write', technical: 'none', production: 'none' });
  });

  it('nor give another user a role above their own level, in any module; the whole change is refused', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    for (const roles of [['admin'], ['planner'], ['viewer', 'operator']]) {
      const response = await asManager().patch(`/api/v1/users/${user.userId}`, { name: 'Should not stick', roles });
      expect(response.status, roles.join()).toBe(403);
    }
    expect((await asAdmin().get(`/api/v1/users/${user.userId}`)).body).toMatchObject({ name: 'User', roles: ['viewer'] });
  });

  it('nor create a user holding more than they hold', async () => {
    const before = await userCount();
    const response = await asManager().post('/api/v1/users', { email: newEmail(), name: 'N', password: 'long enough password', roles: ['admin'] });
    expect(response.status).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('may give roles within their own levels, and take roles away or lower them', async () => {
    const readers = await createRole(asAdmin(), { name: uniqueCode('Settings readers'), permissions: { settings: 'read' } });
    const created = await asManager().post('/api/v1/users', { email: newEmail(), name: 'N', password: 'long enough password', roles: [readers.name, managerRole.name] });
    expect(created.status).toBe(201);
    const planner = await server.userWithRoles(admin, ['planner', 'quality']);
    // planner and quality hold technical and quality write, which the manager does not: lowering is fine.
    expect((await asManager().patch(`/api/v1/users/${planner.userId}`, { roles: ['planner'] })).status).toBe(200);
    expect((await asManager().patch(`/api/v1/users/${planner.userId}`, { roles: [readers.name] })).status).toBe(200);
    expect(await rolesOf(planner.userId)).toEqual([readers.name]);
  });

  it('an admin may still give every role', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    expect((await asAdmin().patch(`/api/v1/users/${user.userId}`, { roles: ['admin'] })).status).toBe(200);
  });
});

describe('defining roles', () => {
  it('a role above the creator’s own level in any module is refused and not created', async () => {
    const before = await roleCount();
    for (const permissions of [{ technical: 'read' }, { settings: 'write', warehouse: 'write' }]) {
      const response = await asManager().post('/api/v1/roles', { name: uniqueCode('Too much'), permissions });
      expect(response.status, JSON.stringify(permissions)).toBe(403);
    }
    expect(await roleCount()).toBe(before);
    expect((await asManager().post('/api/v1/roles', { name: uniqueCode('Equal'), permissions: { settings: 'write' } })).status).toBe(201);
  });

  it('raising a role (their own included) above the changer’s level is refused and changes nothing', async () => {
    const response = await asManager().patch(`/api/v1/roles/${managerRole.id}`, { name: 'Renamed', permissions: { settings: 'write', production: 'write' } });
    expect(response.status).toBe(403);
    expect((await asAdmin().get(`/api/v1/roles/${managerRole.id}`)).body).toMatchObject({ name: managerRole.name, permissions: { settings: 'write', production: 'none' } });
    expect((await asManager().get('/api/v1/me')).body.permissions.production).toBe('none');
  });

  it('lowering a role or renaming it is allowed even where it holds more than the changer', async () => {
    const bakers = await createRole(asAdmin(), { name: uniqueCode('Bakers'), permissions: { production: 'write', technical: 'write' } });
    const renamed = await asManager().patch(`/api/v1/roles/${bakers.id}`, { name: uniqueCode('Senior bakers') });
    expect(renamed.status).toBe(200);
    const lowered = await asManager().patch(`/api/v1/roles/${bakers.id}`, { permissions: { production: 'write', technical: 'read' } });
    expect(lowered.status).toBe(200);
    expect(lowered.body.permissions).toMatchObject({ production: 'write', technical: 'read' });
    const raisedBack = await asManager().patch(`/api/v1/roles/${bakers.id}`, { permissions: { production: 'write', technical: 'write' } });
    expect(raisedBack.status).toBe(403);
  });
});
