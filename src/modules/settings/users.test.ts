import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstances, systemRows, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

// Users: created, changed and deactivated by those with settings write; a change or a
// deactivation counts from the very next request.

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

const api = () => server.as(admin.accessToken);
const newEmail = () => `${uniqueCode('user')}@Example.com`;
const login = (email: string, password: string) => server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const userCount = async () =>
  (await systemRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from users where org_id = ${admin.orgId}`))[0]!.n;

describe('creating users', () => {
  it('adds a user with its roles, who can then sign in; the password never comes back', async () => {
    const email = newEmail();
    const response = await api().post('/api/v1/users', { email, name: 'Kasia', password: 'kasia password 1', roles: ['operator', 'quality'] });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: 'Kasia', roles: ['operator', 'quality'], active: true, createdAt: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon/i);
    const session = await login(email, 'kasia password 1');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ id: response.body.id, roles: ['operator', 'quality'] });
    expect(session.body.organization.id).toBe(admin.orgId);
    expect((await api().get(`/api/v1/users/${response.body.id}`)).body).toEqual(response.body);
  });

  it('stores the password as an argon2id hash only', async () => {
    const email = newEmail();
    await api().post('/api/v1/users', { email, name: 'Hash', password: 'plain text password', roles: ['viewer'] });
    const [row] = await systemRows<{ password_hash: string }>(server.database.db, sql`select password_hash from users where email = ${email.toLowerCase()}`);
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain('plain text password');
  });

  it('refuses bad input with 400 naming the field, and creates nobody', async () => {
    const before = await userCount();
    const cases: [unknown, string][] = [
      [{ name: 'N', password: 'long enough password', roles: ['viewer'] }, 'email'],
      [{ email: 'not-an-email', name: 'N', password: 'long enough password', roles: ['viewer'] }, 'email'],
      [{ email: newEmail(), name: 'N', password: 'short', roles: ['viewer'] }, 'password'],
      [{ email: newEmail(), name: 'N', password: 'long enough password', roles: [] }, 'roles'],
      [{ email: newEmail(), name: 'N', password: 'long enough password', roles: 'viewer' }, 'roles'],
      [{ email: newEmail(), name: 'N', password: 'long enough password', roles: ['no such role'] }, 'roles'],
      [{ email: newEmail(), name: 'N', password: 'long enough password', roles: ['viewer'], admin: true }, 'admin'],
      [{ email: newEmail(), name: '', password: 'long enough password', roles: ['viewer'] }, 'name'],
    ];
    for (const [body, path] of cases) {
      const response = await api().post('/api/v1/users', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect(await userCount()).toBe(before);
  });

  it('an email already in use, in any letter case, is a 409 naming the field', async () => {
    const email = newEmail();
    await api().post('/api/v1/users', { email, name: 'A', password: 'long enough password', roles: ['viewer'] });
    const before = await userCount();
    const again = await api().post('/api/v1/users', { email: email.toUpperCase(), name: 'B', password: 'long enough password', roles: ['viewer'] });
    expect(again.status).toBe(409);
    expect(again.body.errors).toMatchObject([{ path: 'email', message: expect.any(String) }]);
    expect(await userCount()).toBe(before);
  });
});

describe('listing users', () => {
  it('pages through the organization users and filters by active', async () => {
    const owner = await server.signup();
    const client = server.as(owner.accessToken);
    const created = [];
    for (let index = 0; index < 3; index++) created.push((await client.post('/api/v1/users', { email: newEmail(), name: `U${index}`, password: 'long enough password', roles: ['viewer'] })).body);
    await client.patch(`/api/v1/users/${created[1].id}`, { active: false });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await client.get(`/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((user: { id: string }) => user.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([owner.userId, ...created.map((user) => user.id)].sort());
    const inactive = await client.get('/api/v1/users?active=false');
    expect(inactive.body.items.map((user: { id: string }) => user.id)).toEqual([created[1].id]);
  });
});

describe('changing users', () => {
  it('renames and re-roles a user; the new roles replace the old', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const response = await api().patch(`/api/v1/users/${user.userId}`, { name: 'Renamed', roles: ['warehouse', 'quality'] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.userId, name: 'Renamed', roles: ['quality', 'warehouse'], active: true });
  });

  it('an unknown role refuses the whole change', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const response = await api().patch(`/api/v1/users/${user.userId}`, { name: 'Should not stick', roles: ['viewer', 'ghost'] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'roles', message: expect.stringContaining('ghost') }]);
    expect((await api().get(`/api/v1/users/${user.userId}`)).body).toMatchObject({ name: 'User', roles: ['viewer'] });
  });

  it('an admin cannot deactivate themselves', async () => {
    const response = await api().patch(`/api/v1/users/${admin.userId}`, { active: false });
    expect(response.status).toBe(409);
    expect((await api().get('/api/v1/me')).status).toBe(200);
  });

  it('a user that does not exist is a 404', async () => {
    expect((await api().patch('/api/v1/users/01930000-0000-7000-8000-000000000000', { name: 'X' })).status).toBe(404);
    expect((await api().get('/api/v1/users/01930000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

describe('deactivation', () => {
  it('ends the user at once: the access token stops working, sign-in and refresh are refused', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const client = server.as(user.accessToken);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    const changed = await api().patch(`/api/v1/users/${user.userId}`, { active: false });
    expect(changed.status).toBe(200);
    expect(changed.body.active).toBe(false);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await client.get('/api/v1/warehouses')).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    const refreshed = await server.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBe(401);
  });

  it('reactivation lets the user sign in again (old sessions stay ended)', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    await api().patch(`/api/v1/users/${user.userId}`, { active: false });
    await api().patch(`/api/v1/users/${user.userId}`, { active: true });
    const session = await login(user.email, user.password);
    expect(session.status).toBe(200);
    expect((await server.as(session.body.accessToken).get('/api/v1/me')).status).toBe(200);
    const refreshed = await server.request({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBe(401);
  });
});

describe('a role change takes effect on the very next request', () => {
  it('taking settings away from a user refuses their next request', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const client = server.as(user.accessToken);
    expect((await client.get('/api/v1/users')).status).toBe(200);
    expect((await api().patch(`/api/v1/users/${user.userId}`, { roles: ['operator'] })).status).toBe(200);
    expect((await client.get('/api/v1/users')).status).toBe(403);
    expect((await client.get('/api/v1/me')).body.permissions.production).toBe('write');
  });

  it.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)(
    'across server instances sharing Redis: a deactivation on one refuses the next request on another',
    async () => {
      const fleet = await startInstances(server.database.url!, 2);
      try {
        const [first, second] = fleet.instances as [(typeof fleet.instances)[0], (typeof fleet.instances)[0]];
        const user = await server.userWithRoles(admin, ['viewer']);
        expect((await first.as(user.accessToken).get('/api/v1/me')).status).toBe(200);
        expect((await second.as(user.accessToken).get('/api/v1/me')).status).toBe(200);
        expect((await first.as(admin.accessToken).patch(`/api/v1/users/${user.userId}`, { roles: ['operator'] })).status).toBe(200);
        expect((await second.as(user.accessToken).get('/api/v1/users')).status).toBe(403);
        expect((await first.as(admin.accessToken).patch(`/api/v1/users/${user.userId}`, { active: false })).status).toBe(200);
        expect((await second.as(user.accessToken).get('/api/v1/me')).status).toBe(401);
      } finally {
        await fleet.stop();
      }
    },
  );
});

describe('managing users needs settings write', () => {
  it('a planner and a viewer (settings read) may list users but not create or change them', async () => {
    const target = await server.userWithRoles(admin, ['operator']);
    for (const role of ['planner', 'viewer']) {
      const reader = server.as((await server.userWithRoles(admin, [role])).accessToken);
      expect((await reader.get('/api/v1/users')).status).toBe(200);
      expect((await reader.get(`/api/v1/users/${target.userId}`)).status).toBe(200);
      const before = await userCount();
      expect((await reader.post('/api/v1/users', { email: newEmail(), name: 'N', password: 'long enough password', roles: ['admin'] })).status).toBe(403);
      expect(await userCount()).toBe(before);
      expect((await reader.patch(`/api/v1/users/${target.userId}`, { roles: ['admin'] })).status).toBe(403);
      expect((await reader.patch(`/api/v1/users/${target.userId}`, { active: false })).status).toBe(403);
    }
    expect((await api().get(`/api/v1/users/${target.userId}`)).body).toMatchObject({ roles: ['operator'], active: true });
  });

  it('roles without settings may not even list users', async () => {
    for (const role of ['operator', 'warehouse', 'quality']) {
      const client = server.as((await server.userWithRoles(admin, [role])).accessToken);
      expect((await client.get('/api/v1/users')).status).toBe(403);
    }
  });
});
