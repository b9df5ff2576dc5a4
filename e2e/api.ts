import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl } from './browser.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  email: string;
  password: string;
  organizationName: string;
  name: string;
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

/** Calls the API directly, to set the scene faster than through the screens. */
export async function call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function signUp(overrides: Partial<{ organizationName: string; name: string; email: string; password: string }> = {}): Promise<Session> {
  const input = { organizationName: unique('Bakery'), name: 'Anna Baker', email: `${unique('anna')}@example.com`, password: 'correct horse battery', ...overrides };
  const response = await call('POST', '/auth/signup', input);
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...input, accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
}

/** The HttpOnly cookie the server keeps the web app's refresh token in (Path=/api/v1/auth). */
export const REFRESH_COOKIE = 'monopilot_refresh';

/** The value of the refresh cookie a response sets ('' when it clears it), or undefined when it does not touch it. */
export function refreshCookieSetBy(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, ...value] = pair!.split('=');
    if (name!.trim() === REFRESH_COOKIE) return value.join('=').trim();
  }
  return undefined;
}

/** Signs in the way the web app does (X-Refresh-Cookie: 1): the refresh token comes in Set-Cookie, never in the body. */
export async function cookieLogin(email: string, password: string): Promise<{ status: number; body: any; refreshToken: string | undefined }> {
  const response = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: await response.json(), refreshToken: refreshCookieSetBy(response) };
}

/** Puts a refresh token in the browser's cookie jar exactly where the server would. */
export async function setRefreshCookie(context: BrowserContext, refreshToken: string): Promise<void> {
  await context.addCookies([{ name: REFRESH_COOKIE, value: refreshToken, domain: new URL(baseUrl()).hostname, path: '/api/v1/auth', httpOnly: true, sameSite: 'Strict', secure: false }]);
}

/** The refresh cookie in the browser's jar (scripts on the page cannot see it), if any. */
export async function refreshCookieIn(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(`${baseUrl()}/api/v1/auth/refresh`)).find((cookie) => cookie.name === REFRESH_COOKIE)?.value;
}

/**
 * Opens the app already signed in as this person, as if they had signed in on this device: a session of
 * its own (a cookie-mode sign-in) in the browser's cookie jar, so the API calls of the test never rotate it.
 */
export async function signInAs(page: Page, person: { email: string; password: string }, language: string | null = 'en'): Promise<void> {
  const login = await cookieLogin(person.email, person.password);
  if (login.status !== 200 || !login.refreshToken) throw new Error(`cookie sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
  await setRefreshCookie(page.context(), login.refreshToken);
  // null: no language chosen on this device, the organization's applies.
  if (language) await page.addInitScript((lang) => {
    if (!sessionStorage.getItem('e2e.seeded')) {
      localStorage.setItem('monopilot.language', lang);
      sessionStorage.setItem('e2e.seeded', '1');
    }
  }, language);
}
