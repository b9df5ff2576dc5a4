import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { withSystem } from '../../platform/db/tenancy.js';
import { recordFailedLogin } from './login-throttle.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (url: string, payload: object) => server.request({ method: 'POST', url, payload });

describe('signup', () => {
  it('creates the organization and makes the signer its admin', async () => {
    const response = await post('/api/v1/auth/signup', { organizationName: 'Kraków Bakery', name: 'Ann', email: 'Ann@Bakery.test', password: 'long enough password' });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: 'ann@bakery.test', name: 'Ann', roles: ['admin'] });
    expect(response.body.organization.name).toBe('Kraków Bakery');
    const me = await server.as(response.body.accessToken).get('/api/v1/me');
    expect(me.body.permissions).toEqual({ settings: 'write', technical: 'write', planning: 'write', production: 'write', warehouse: 'write', quality: 'write', shipping: 'write' });
  });

  it('refuses a password under 10 characters, naming the field, and creates nothing', async () => {
    const response = await post('/api/v1/auth/signup', { organizationName: 'X', name: 'X', email: 'short@bakery.test', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ path: 'password', message: expect.stringContaining('10') }]);
    const login = await post('/api/v1/auth/login', { email: 'short@bakery.test', password: 'short' });
    expect(login.status).toBe(401);
  });

  it('refuses an email that is already registered', async () => {
    const first = await server.signup();
    const again = await post('/api/v1/auth/signup', { organizationName: 'Y', name: 'Y', email: first.email, password: 'long enough password' });
    expect(again.status).toBe(409);
  });
});

describe('login', () => {
  it('answers an unknown email and a wrong password with the same 401', async () => {
    const session = await server.signup();
    const wrongPassword = await post('/api/v1/auth/login', { email: session.email, password: 'not the password' });
    const unknownEmail = await post('/api/v1/auth/login', { email: 'nobody@bakery.test', password: 'not the password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body.detail).toBe(unknownEmail.body.detail);
  });

  it('locks an email out with 429 and Retry-After after repeated failures, even for the right password', async () => {
    const session = await server.signup();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await post('/api/v1/auth/login', { email: session.email, password: 'wrong password!' })).status).toBe(401);
    }
    const locked = await post('/api/v1/auth/login', { email: session.email, password: session.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('holds back the answer longer as failures pile up', async () => {
    const email = `slow-${Date.now()}@bakery.test`;
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      delays.push(await withSystem(server.platform.db, (tx) => recordFailedLogin(tx, email)));
    }
    expect(delays[0]).toBe(0);
    expect(delays[3]!).toBeGreaterThan(delays[2]!);
    expect(delays[2]!).toBeGreaterThan(0);
  });
});

describe('refresh tokens', () => {
  it('rotate: a refresh gives a new pair and the new access token works', async () => {
    const session = await server.signup();
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    expect((await server.as(refreshed.body.accessToken).get('/api/v1/me')).status).toBe(200);
  });

  it('reusing an old refresh token revokes the whole family', async () => {
    const session = await server.signup();
    const first = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect((await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    // The thief's replay also ends the legitimate holder's newer token.
    expect((await post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
  });

  it('logout ends the session', async () => {
    const session = await server.signup();
    expect((await post('/api/v1/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expect((await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
  });
});

describe('access tokens', () => {
  it('are required, valid and unexpired', async () => {
    expect((await server.request({ method: 'GET', url: '/api/v1/me' })).status).toBe(401);
    expect((await server.as('not-a-token').get('/api/v1/me')).status).toBe(401);
    const session = await server.signup();
    const [, payload] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
  });
});
