import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/server.js';

// Signup, login and the password change spend argon2 on purpose; from one client address
// they share one budget of AUTH_RATE_LIMIT_PER_MINUTE attempts (3 here). Beyond it: 429 with
// Retry-After, before any password is hashed. Other addresses keep their own budget.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(() => server.stop());

/** An address no other test (or test file sharing Redis) uses. */
const newAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const from = (remoteAddress: string, url: string, payload: object, headers: Record<string, string> = {}) =>
  server.request({ method: 'POST', url, payload, remoteAddress, headers });
const signupBody = (email: string) => ({ organizationName: 'Limited', name: 'Ann', email, password: 'long enough password' });
const uniqueEmail = () => `limit-${Date.now()}-${randomInt(1e9)}@example.com`;

describe('per-address limit on signing in', () => {
  it('the attempt after the limit is 429 with Retry-After, and another address is still served', async () => {
    const address = newAddress();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await from(address, '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password' })).status).toBe(401);
    }
    const refused = await from(address, '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password' });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from(newAddress(), '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password' })).status).toBe(401);
  });

  it('signup and login share the budget, and a refused signup creates nothing', async () => {
    const address = newAddress();
    expect((await from(address, '/api/v1/auth/signup', signupBody(uniqueEmail()))).status).toBe(201);
    expect((await from(address, '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password' })).status).toBe(401);
    expect((await from(address, '/api/v1/auth/signup', signupBody(uniqueEmail()))).status).toBe(201);
    const email = uniqueEmail();
    expect((await from(address, '/api/v1/auth/signup', signupBody(email))).status).toBe(429);
    expect((await from(newAddress(), '/api/v1/auth/login', { email, password: 'long enough password' })).status).toBe(401);
  });

  it('the password change counts against the same budget', async () => {
    const address = newAddress();
    const session = (await from(address, '/api/v1/auth/signup', signupBody(uniqueEmail()))).body;
    const change = (currentPassword: string) =>
      from(address, '/api/v1/me/password', { currentPassword, newPassword: 'a brand new password' }, { authorization: `Bearer ${session.accessToken}` });
    expect((await change('not my password')).status).toBe(400);
    expect((await change('not my password')).status).toBe(400);
    expect((await change('long enough password')).status).toBe(429);
  });
});
