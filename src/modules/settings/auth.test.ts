import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.js';
import { withSystem } from '../../platform/db/tenancy.js';
import { assertNotLockedOut, EMAIL_SLOW_AFTER, MAX_FAILURES, recordFailedLogin } from './login-throttle.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (url: string, payload: object) => server.request({ method: 'POST', url, payload });
const loginFrom = (remoteAddress: string, email: string, password: string) =>
  server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });

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
    expect(response.body.errors).toMatchObject([{ path: 'password', message: expect.stringContaining('10') }]);
    const login = await post('/api/v1/auth/login', { email: 'short@bakery.test', password: 'short' });
    expect(login.status).toBe(401);
  });

  it('refuses an email that is already registered, saying nothing of the email or the constraint', async () => {
    const first = await server.signup();
    const again = await post('/api/v1/auth/signup', { organizationName: 'Y', name: 'Y', email: first.email.toUpperCase(), password: 'long enough password' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('an account with this email cannot be created');
    expect(JSON.stringify(again.body).toLowerCase()).not.toContain(first.email.toLowerCase());
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

  it('locks out the failing address with 429 and Retry-After, even for the right password; the real user elsewhere still signs in', async () => {
    const session = await server.signup();
    const attacker = '198.51.100.7';
    for (let attempt = 0; attempt < MAX_FAILURES; attempt++) {
      expect((await loginFrom(attacker, session.email, 'wrong password!')).status).toBe(401);
    }
    const locked = await loginFrom(attacker, session.email, session.password);
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginFrom('203.0.113.9', session.email, session.password)).status).toBe(200);
    // The real user's success clears nothing of the attacker's lock.
    expect((await loginFrom(attacker, session.email, session.password)).status).toBe(429);
  });

  it('holds back the answer longer as failures from one address pile up', async () => {
    const email = `slow-${Date.now()}@bakery.test`;
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      delays.push(await withSystem(server.platform.db, (tx) => recordFailedLogin(tx, { email, address: '192.0.2.1' })));
    }
    expect(delays[0]).toBe(0);
    expect(delays[3]!).toBeGreaterThan(delays[2]!);
    expect(delays[2]!).toBeGreaterThan(0);
    // Another address starts from nothing.
    expect(await withSystem(server.platform.db, (tx) => recordFailedLogin(tx, { email, address: '192.0.2.2' }))).toBe(0);
  });

  it('an email attacked from many addresses is slowed from every address, and never locked', async () => {
    const email = `spread-${Date.now()}@bakery.test`;
    for (let index = 0; index < EMAIL_SLOW_AFTER; index++) {
      await withSystem(server.platform.db, (tx) => recordFailedLogin(tx, { email, address: `10.0.${Math.floor(index / 4)}.${index % 4}` }));
    }
    const fresh = { email, address: '10.9.9.9' };
    expect(await withSystem(server.platform.db, (tx) => recordFailedLogin(tx, fresh))).toBeGreaterThan(0);
    await expect(withSystem(server.platform.db, (tx) => assertNotLockedOut(tx, { email, address: '10.9.9.10' }))).resolves.toBeUndefined();
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

  it('one signed with our key but without exp is refused; with every claim it is accepted', async () => {
    const session = await server.signup();
    const key = new TextEncoder().encode('test-secret-that-is-long-enough-for-hs256-signing');
    const claims = new SignJWT({ org: session.orgId }).setProtectedHeader({ alg: 'HS256' }).setSubject(session.userId).setIssuedAt().setIssuer('monopilot');
    const withAudience = await claims.setAudience('monopilot-api').sign(key);
    expect((await server.as(withAudience).get('/api/v1/me')).status).toBe(401);
    expect((await server.as(await claims.setExpirationTime('5m').sign(key)).get('/api/v1/me')).status).toBe(200);
  });
});
