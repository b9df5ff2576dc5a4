import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRole, uniqueCode } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { MAX_FAILURES } from './login-throttle.js';

// Changing one's own password (POST /me/password) and an admin setting a user's password
// (PATCH /users/:id { password }). Both end the user's other sessions; a wrong current
// password is a 400 naming the field, throttled like a failed sign-in.

let server: TestServer;
let admin: Session;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

const post = (url: string, payload: object, remoteAddress?: string) => server.request({ method: 'POST', url, payload, remoteAddress });
const login = (email: string, password: string) => post('/api/v1/auth/login', { email, password });
const refresh = (refreshToken: string) => post('/api/v1/auth/refresh', { refreshToken });
const changePassword = (session: { accessToken: string }, body: object, remoteAddress?: string) =>
  server.request({ method: 'POST', url: '/api/v1/me/password', payload: body, token: session.accessToken, remoteAddress });

describe('changing one’s own password', () => {
  it('answers 204; the new password signs in, the old no longer; every other session ends, the caller’s stays', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const otherDevice = (await login(user.email, user.password)).body;
    const response = await changePassword(user, { currentPassword: user.password, newPassword: 'a brand new password' });
    expect(response.status).toBe(204);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'a brand new password')).status).toBe(200);
    expect((await refresh(otherDevice.refreshToken)).status).toBe(401);
    const own = await refresh(user.refreshToken);
    expect(own.status).toBe(200);
    expect((await server.as(own.body.accessToken).get('/api/v1/me')).status).toBe(200);
  });

  it('a wrong current password is a 400 naming currentPassword, and changes nothing', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const otherDevice = (await login(user.email, user.password)).body;
    const response = await changePassword(user, { currentPassword: 'not my password', newPassword: 'a brand new password' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toMatchObject([{ path: 'currentPassword', message: expect.any(String) }]);
    expect((await login(user.email, user.password)).status).toBe(200);
    expect((await refresh(otherDevice.refreshToken)).status).toBe(200);
  });

  it('the new password follows the signup rule; bad input is a 400 naming the field', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const cases: [object, string][] = [
      [{ currentPassword: user.password, newPassword: 'short' }, 'newPassword'],
      [{ currentPassword: user.password, newPassword: 'x'.repeat(201) }, 'newPassword'],
      [{ newPassword: 'a brand new password' }, 'currentPassword'],
      [{ currentPassword: user.password }, 'newPassword'],
      [{ currentPassword: user.password, newPassword: 'a brand new password', extra: 1 }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const response = await changePassword(user, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('sent with an Idempotency-Key it is done (not left waiting on the embedded database), and a wrong one is still counted', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const withKey = (body: object) =>
      server.request({ method: 'POST', url: '/api/v1/me/password', payload: body, token: user.accessToken, headers: { 'idempotency-key': 'pw-1' } });
    expect((await withKey({ currentPassword: 'not the password', newPassword: 'a brand new password' })).status).toBe(400);
    expect((await withKey({ currentPassword: user.password, newPassword: 'a brand new password' })).status).toBe(204);
    expect((await login(user.email, 'a brand new password')).status).toBe(200);
  }, 20_000);

  it('needs a signed-in user', async () => {
    const response = await server.request({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'whatever it was', newPassword: 'a brand new password' } });
    expect(response.status).toBe(401);
  });

  it('guessing the current password with a stolen access token is throttled like signing in', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const thief = '198.51.100.23';
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expect((await changePassword(user, { currentPassword: `guess number ${attempt}`, newPassword: 'the thief password' }, thief)).status).toBe(400);
    }
    const locked = await changePassword(user, { currentPassword: user.password, newPassword: 'the thief password' }, thief);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(user.email, user.password)).status).toBe(200);
  });
});

describe('an admin setting a user’s password', () => {
  it('sets it and ends all the user’s sessions', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const response = await server.as(admin.accessToken).patch(`/api/v1/users/${user.userId}`, { password: 'set by the admin' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon/i);
    expect((await refresh(user.refreshToken)).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'set by the admin')).status).toBe(200);
  });

  it('refuses a password under 10 characters, naming the field', async () => {
    const user = await server.userWithRoles(admin, ['viewer']);
    const response = await server.as(admin.accessToken).patch(`/api/v1/users/${user.userId}`, { password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toMatchObject([{ path: 'password', message: expect.stringContaining('10') }]);
    expect((await refresh(user.refreshToken)).status).toBe(200);
  });

  it('a user manager cannot set the password of someone holding more than they do', async () => {
    const managers = await createRole(server.as(admin.accessToken), { name: uniqueCode('Managers'), permissions: { settings: 'write', warehouse: 'write' } });
    const manager = await server.userWithRoles(admin, [managers.name]);
    const refused = await server.as(manager.accessToken).patch(`/api/v1/users/${admin.userId}`, { password: 'taken over now' });
    expect(refused.status).toBe(403);
    expect((await login(admin.email, admin.password)).status).toBe(200);
    const pickers = await createRole(server.as(admin.accessToken), { name: uniqueCode('Pickers'), permissions: { warehouse: 'write' } });
    const picker = await server.userWithRoles(admin, [pickers.name]);
    expect((await server.as(manager.accessToken).patch(`/api/v1/users/${picker.userId}`, { password: 'reset by manager' })).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the password change and what happens to sessions', async () => {
    const document = (await server.request({ method: 'GET', url: '/api/openapi.json' })).body;
    const operation = document.paths['/api/v1/me/password'].post;
    expect(operation.responses).toHaveProperty('204');
    expect(operation.description).toMatch(/session/i);
    expect(JSON.stringify(document.paths['/api/v1/users/{id}'].patch.requestBody)).toContain('password');
  });
});
