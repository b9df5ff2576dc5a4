import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiResponse, type TestServer } from '../../../test/server.js';

// The web app keeps its refresh token where no script can read it: with the header
// X-Refresh-Cookie: 1, signup, login, refresh and logout carry the refresh token in an
// HttpOnly, SameSite=Strict cookie scoped to /api/v1/auth, and never in the JSON body.
// Without the header, everything is as before: the token in the body, no cookie.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const cookieMode = { 'x-refresh-cookie': '1' };
const THIRTY_DAYS = 30 * 24 * 60 * 60;
const newEmail = () => `cookie-${Date.now()}-${randomInt(1e9)}@example.com`;
const post = (url: string, payload: object, headers: Record<string, string> = {}) => server.request({ method: 'POST', url, payload, headers });
const withCookie = (token: string) => ({ ...cookieMode, cookie: `monopilot_refresh=${token}` });

/** The Set-Cookie line for the refresh cookie, as { value, attributes } (attribute names lower-cased). */
function refreshCookieOf(response: ApiResponse) {
  const lines = [response.headers['set-cookie'] ?? []].flat();
  const line = lines.find((candidate) => candidate.startsWith('monopilot_refresh='));
  if (!line) return null;
  const [pair, ...rest] = line.split(';').map((part) => part.trim());
  const attributes = Object.fromEntries(rest.map((part) => {
    const [name, ...value] = part.split('=');
    return [name!.toLowerCase(), value.join('=') || true];
  }));
  return { value: decodeURIComponent(pair!.slice('monopilot_refresh='.length)), attributes };
}

async function signupInCookieMode() {
  const email = newEmail();
  const response = await post('/api/v1/auth/signup', { organizationName: 'Cookie Bakery', name: 'Ann', email, password: 'long enough password' }, cookieMode);
  expect(response.status).toBe(201);
  return { response, email, cookie: refreshCookieOf(response)! };
}

describe('cookie mode', () => {
  it('signup sets an HttpOnly, SameSite=Strict cookie on the auth path for 30 days, and the body has no refresh token', async () => {
    const { response, cookie } = await signupInCookieMode();
    expect(cookie.value.length).toBeGreaterThan(20);
    expect(cookie.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/v1/auth', 'max-age': String(THIRTY_DAYS) });
    expect(cookie.attributes).not.toHaveProperty('secure'); // plain http here; https adds Secure
    expect(response.body).not.toHaveProperty('refreshToken');
    expect(JSON.stringify(response.body)).not.toContain(cookie.value);
    expect((await server.as(response.body.accessToken).get('/api/v1/me')).status).toBe(200);
  });

  it('login does the same', async () => {
    const { email } = await signupInCookieMode();
    const response = await post('/api/v1/auth/login', { email, password: 'long enough password' }, cookieMode);
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('refreshToken');
    expect(refreshCookieOf(response)?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/v1/auth' });
  });

  it('refresh takes the token from the cookie alone and rotates it', async () => {
    const { cookie } = await signupInCookieMode();
    const response = await post('/api/v1/auth/refresh', {}, withCookie(cookie.value));
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('refreshToken');
    const rotated = refreshCookieOf(response)!;
    expect(rotated.value).not.toBe(cookie.value);
    expect(rotated.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/v1/auth', 'max-age': String(THIRTY_DAYS) });
    expect((await server.as(response.body.accessToken).get('/api/v1/me')).status).toBe(200);
    // A body is not even needed.
    const bodiless = await server.request({ method: 'POST', url: '/api/v1/auth/refresh', headers: withCookie(rotated.value) });
    expect(bodiless.status, JSON.stringify(bodiless.body)).toBe(200);
  });

  it('presenting an old cookie again revokes the whole family', async () => {
    const { cookie } = await signupInCookieMode();
    const rotated = refreshCookieOf(await post('/api/v1/auth/refresh', {}, withCookie(cookie.value)))!;
    expect((await post('/api/v1/auth/refresh', {}, withCookie(cookie.value))).status).toBe(401);
    expect((await post('/api/v1/auth/refresh', {}, withCookie(rotated.value))).status).toBe(401);
  });

  it('logout ends the session and clears the cookie', async () => {
    const { cookie } = await signupInCookieMode();
    const response = await post('/api/v1/auth/logout', {}, withCookie(cookie.value));
    expect(response.status).toBe(204);
    const cleared = refreshCookieOf(response)!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toMatchObject({ 'max-age': '0', path: '/api/v1/auth', httponly: true, samesite: 'Strict' });
    expect((await post('/api/v1/auth/refresh', {}, withCookie(cookie.value))).status).toBe(401);
  });

  it('without the cookie, refresh and logout are 401', async () => {
    expect((await post('/api/v1/auth/refresh', {}, cookieMode)).status).toBe(401);
    expect((await post('/api/v1/auth/logout', {}, cookieMode)).status).toBe(401);
  });
});

describe('over https', () => {
  it('the cookie is also Secure (here: TLS ended by a trusted proxy that says so)', async () => {
    const behindProxy = await startTestServer({ TRUST_PROXY: '127.0.0.1' });
    try {
      const response = await behindProxy.request({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { organizationName: 'Secure Bakery', name: 'Ann', email: newEmail(), password: 'long enough password' },
        headers: { ...cookieMode, 'x-forwarded-proto': 'https' },
        remoteAddress: '127.0.0.1',
      });
      expect(response.status).toBe(201);
      expect(refreshCookieOf(response)?.attributes).toMatchObject({ secure: true, httponly: true, samesite: 'Strict' });
    } finally {
      await behindProxy.stop();
    }
  });
});

describe('without the header (API clients)', () => {
  it('the refresh token stays in the body and no cookie is set', async () => {
    const email = newEmail();
    const signup = await post('/api/v1/auth/signup', { organizationName: 'Body Bakery', name: 'Bob', email, password: 'long enough password' });
    expect(signup.body.refreshToken).toEqual(expect.any(String));
    expect(signup.headers['set-cookie']).toBeUndefined();
    const refreshed = await post('/api/v1/auth/refresh', { refreshToken: signup.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(refreshed.headers['set-cookie']).toBeUndefined();
  });

  it('a missing refreshToken is a 400 naming it, even when a cookie is sent', async () => {
    const { cookie } = await signupInCookieMode();
    for (const headers of [{}, { cookie: `monopilot_refresh=${cookie.value}` }] as Record<string, string>[]) {
      const response = await post('/api/v1/auth/refresh', {}, headers);
      expect(response.status).toBe(400);
      expect(response.body.errors).toMatchObject([{ path: 'refreshToken', message: expect.any(String) }]);
    }
    expect((await post('/api/v1/auth/logout', {})).status).toBe(400);
  });
});
