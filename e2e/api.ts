import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
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

/** Opens the app already signed in as this session (as if the person had signed in on this device). */
export async function signInAs(page: Page, session: Session, language = 'en'): Promise<void> {
  await page.addInitScript(
    ([tokens, lang]) => {
      if (!sessionStorage.getItem('e2e.seeded')) {
        localStorage.setItem('monopilot.tokens', tokens!);
        localStorage.setItem('monopilot.language', lang!);
        sessionStorage.setItem('e2e.seeded', '1');
      }
    },
    [JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken }), language],
  );
}
