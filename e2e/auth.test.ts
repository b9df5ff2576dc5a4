import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, refreshCookieIn, signInAs, signUp, unique } from './api.js';
import { baseUrl, browserTest, useBrowser } from './browser.js';

useBrowser();

/** Everything a script on the page can read: localStorage, sessionStorage and document.cookie. */
async function readableByScripts(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { localStorage, sessionStorage, document } = globalThis as any;
    const dump = (storage: any) => Array.from({ length: storage.length }, (_, index) => `${storage.key(index)}=${storage.getItem(storage.key(index))}`).join('\n');
    return [dump(localStorage), dump(sessionStorage), document.cookie].join('\n');
  });
}

const jwtPattern = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** The refresh token is in an HttpOnly, SameSite=Strict cookie for the auth paths only; no script can read any token. */
async function expectTokensOutOfReach(page: Page, context: BrowserContext): Promise<string> {
  const cookies = await context.cookies(`${baseUrl()}/api/v1/auth/refresh`);
  const cookie = cookies.find((each) => each.name === 'monopilot_refresh');
  expect(cookie, 'the refresh cookie').toBeDefined();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
  const readable = await readableByScripts(page);
  expect(readable).not.toContain(cookie!.value);
  expect(readable).not.toMatch(jwtPattern);
  // Nor is it sent anywhere but to the auth endpoints.
  expect((await context.cookies(`${baseUrl()}/api/v1/me`)).map((each) => each.name)).not.toContain('monopilot_refresh');
  return cookie!.value;
}

browserTest('a new organization signs up, signs out and signs back in, with no token where a script can read it', async ({ page, context }) => {
  const email = `${unique('owner')}@example.com`;
  await page.goto('/');
  await page.waitForURL('**/sign-in');
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Organization name').fill('Piekarnia Testowa');
  await page.getByLabel('Your name').fill('Maria Nowak');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('correct horse battery');
  await page.getByRole('button', { name: 'Create organization' }).click();

  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { name: 'Hello, Maria' }).waitFor();
  expect(await page.getByText('Piekarnia Testowa').first().isVisible()).toBe(true);
  const refreshToken = await expectTokensOutOfReach(page, context);

  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
  // The refresh token was revoked on the server and its cookie cleared, not only forgotten by the page.
  expect(await refreshCookieIn(context)).toBeUndefined();
  expect((await call('POST', '/auth/refresh', { refreshToken })).status).toBe(401);
  await page.reload();
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { name: 'Hello, Maria' }).waitFor();
  await expectTokensOutOfReach(page, context);
});

browserTest('a reload keeps a signed-in person signed in, on the screen they were on', async ({ page, context }) => {
  const session = await signUp({ name: 'Reload Person' });
  await signInAs(page, session);
  await page.goto('/products');
  await page.getByRole('heading', { name: 'Products' }).waitFor();
  const before = await expectTokensOutOfReach(page, context);

  await page.reload();
  await page.getByRole('heading', { name: 'Products' }).waitFor();
  expect(page.url()).toContain('/products');
  // Each page load exchanged the cookie for an access token, and the refresh token rotated with it.
  const after = await expectTokensOutOfReach(page, context);
  expect(after).not.toBe(before);
  expect((await call('POST', '/auth/refresh', { refreshToken: before })).status).toBe(401);
});

browserTest('without a refresh cookie the sign-in page shows, and no error', async ({ page }) => {
  await page.goto('/work-orders');
  await page.waitForURL('**/sign-in');
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(await page.getByText('session has ended').count()).toBe(0);
  // Signing in goes on to where the person was headed.
  const session = await signUp({ name: 'Headed Somewhere' });
  await page.getByLabel('Email').fill(session.email);
  await page.getByLabel(/^Password/).fill(session.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/work-orders');
});

browserTest('tokens an earlier version kept in localStorage are removed on start', async ({ page }) => {
  const session = await signUp();
  await page.addInitScript(
    ([tokens]) => {
      if (!sessionStorage.getItem('e2e.seeded')) {
        localStorage.setItem('monopilot.tokens', tokens!);
        sessionStorage.setItem('e2e.seeded', '1');
      }
    },
    [JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken })],
  );
  await page.goto('/dashboard');
  await page.waitForURL('**/sign-in');
  expect(await page.evaluate(() => localStorage.getItem('monopilot.tokens'))).toBeNull();
});

browserTest('an access token the server refuses is refreshed quietly and the screen still loads', async ({ page, context }) => {
  const session = await signUp({ name: 'Quiet Refresh' });
  await signInAs(page, session);
  let current: string | null = null;
  let expired: string | null = null;
  await page.route('**/api/v1/**', async (route) => {
    const authorization = await route.request().headerValue('authorization');
    if (authorization && authorization === expired) {
      return route.fulfill({ status: 401, contentType: 'application/problem+json', json: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'the access token has expired' } });
    }
    current = authorization ?? current;
    return route.continue();
  });
  await page.goto('/dashboard');
  await page.getByRole('heading', { name: 'Hello, Quiet' }).waitFor();
  await page.waitForLoadState('networkidle');
  // A token issued in the same second would be the very same text: let a second pass first.
  await page.waitForTimeout(1100);
  expired = current; // as if it had just run out: the server refuses it from now on
  const refreshes: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/auth/refresh')) refreshes.push(request.url());
  });

  await page.getByTestId('nav-products').click();
  await page.getByRole('heading', { name: 'Products' }).waitFor();
  await page.getByText('No products yet').waitFor();
  expect(refreshes.length).toBe(1);
  expect(current).not.toBe(expired);
  expect(await page.getByRole('alert').count()).toBe(0);
  await expectTokensOutOfReach(page, context);
});

browserTest('signing out in one tab signs out every tab', async ({ page, context }) => {
  const session = await signUp({ name: 'Two Tabs' });
  await signInAs(page, session);
  await page.goto('/dashboard');
  await page.getByRole('heading', { name: 'Hello, Two' }).waitFor();
  const other = await context.newPage();
  await other.goto('/products');
  await other.getByRole('heading', { name: 'Products' }).waitFor();

  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
  await other.waitForURL('**/sign-in', { timeout: 5000 });
  await other.reload();
  await other.getByRole('heading', { name: 'Welcome back' }).waitFor();
});

browserTest('tabs that load at the same moment refresh one after the other and all stay signed in', async ({ page, context }) => {
  const session = await signUp({ name: 'Many Tabs' });
  await signInAs(page, session);
  const tabs = [page, await context.newPage(), await context.newPage()];
  const refreshes: Array<{ start: number; end: number }> = [];
  const started = new Map<object, number>();
  context.on('request', (request) => {
    if (request.url().endsWith('/api/v1/auth/refresh')) started.set(request, Date.now());
  });
  context.on('requestfinished', (request) => {
    if (started.has(request)) refreshes.push({ start: started.get(request)!, end: Date.now() });
  });
  // Refresh tokens rotate and a reused one revokes the whole family: without the cross-tab lock, these would collide.
  await Promise.all(tabs.map((tab, index) => tab.goto(['/dashboard', '/products', '/warehouses'][index]!)));
  await page.getByRole('heading', { name: 'Hello, Many' }).waitFor();
  await tabs[1]!.getByRole('heading', { name: 'Products' }).waitFor();
  await tabs[2]!.getByRole('heading', { name: 'Warehouses' }).waitFor();
  expect(refreshes.length).toBe(3);
  refreshes.sort((a, b) => a.start - b.start);
  for (let index = 1; index < refreshes.length; index += 1) expect(refreshes[index]!.start).toBeGreaterThanOrEqual(refreshes[index - 1]!.end - 5);

  await tabs[1]!.reload();
  await tabs[1]!.getByRole('heading', { name: 'Products' }).waitFor();
  expect(await page.getByText('session has ended').count()).toBe(0);
});

browserTest('a wrong password is refused with a message, and nothing else happens', async ({ page, context }) => {
  const session = await signUp();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(session.email);
  await page.getByLabel(/^Password/).fill('wrong password entirely');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('email or password is wrong').waitFor();
  expect(page.url()).toContain('/sign-in');
  expect(await refreshCookieIn(context)).toBeUndefined();
});

browserTest('the sign-up form checks its fields before sending, like the API', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel(/^Password/).fill('short');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByText('Enter an email address').waitFor();
  await page.getByText('At least 10 characters').first().waitFor();
  expect(page.url()).toContain('/sign-up');
});
