import { expect } from 'vitest';
import { call, signUp, unique } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest('a new organization signs up, signs out and signs back in', async ({ page }) => {
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

  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
  // The refresh token was revoked on the server, not only forgotten by the browser.
  expect(await page.evaluate(() => localStorage.getItem('monopilot.tokens'))).toBeNull();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
  await page.getByRole('heading', { name: 'Hello, Maria' }).waitFor();
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

browserTest('a wrong password is refused with a message, and nothing else happens', async ({ page }) => {
  const session = await signUp();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(session.email);
  await page.getByLabel(/^Password/).fill('wrong password entirely');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('email or password is wrong').waitFor();
  expect(page.url()).toContain('/sign-in');
});

browserTest('an expired access token is refreshed quietly and the screen still loads', async ({ page }) => {
  const session = await signUp({ name: 'Quiet Refresh' });
  await page.addInitScript(
    ([refreshToken]) => {
      if (!sessionStorage.getItem('e2e.seeded')) {
        localStorage.setItem('monopilot.tokens', JSON.stringify({ accessToken: 'expired-or-garbage', refreshToken }));
        localStorage.setItem('monopilot.language', 'en');
        sessionStorage.setItem('e2e.seeded', '1');
      }
    },
    [session.refreshToken],
  );
  await page.goto('/dashboard');
  await page.getByRole('heading', { name: 'Hello, Quiet' }).waitFor();
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('monopilot.tokens')))!);
  expect(stored.accessToken).not.toBe('expired-or-garbage');
  expect(stored.refreshToken).not.toBe(session.refreshToken);
  // The old refresh token was rotated away: using it again is refused.
  expect((await call('POST', '/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
});
