import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { call, cookieLogin, refreshCookieIn, signInAs, signUp, unique } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

/** The error message shown on a form field (the element its aria-describedby names as the error). */
async function errorOn(field: Locator): Promise<string | null> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const error = field.page().locator(`[id="${ids[0]}"]`);
  return ids.length > 0 && (await error.count()) > 0 ? error.innerText() : null;
}

async function loginStatus(email: string, password: string): Promise<number> {
  return (await call('POST', '/auth/login', { email, password })).status;
}

async function openProfile(page: Page): Promise<void> {
  await page.goto('/dashboard');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('profile').click();
  await page.waitForURL('**/profile');
}

browserTest('a person changes their own password on the profile page', async ({ page, context }) => {
  const session = await signUp({ name: 'Ola Piekarz' });
  await signInAs(page, session);
  await openProfile(page);
  const account = page.getByTestId('profile-account');
  await account.getByText('Ola Piekarz').waitFor();
  await account.getByText(session.email).waitFor();
  await account.getByText(session.organizationName).waitFor();
  await account.getByText('Administrator').waitFor();

  const current = page.getByLabel(/^Current password/);
  const next = page.getByLabel(/^New password/);
  const repeat = page.getByLabel(/^Repeat the new password/);
  const submit = page.getByTestId('change-password').getByRole('button', { name: 'Change password' });

  // A wrong current password: the error is on that field, and nothing changed.
  await current.fill('not my password at all');
  await next.fill('a brand new password');
  await repeat.fill('a brand new password');
  await submit.click();
  await expect.poll(() => errorOn(current), { timeout: 10_000 }).toBe('This is not your current password'); // argon2 and the failed-attempt slowdown take a moment
  expect(await errorOn(next)).toBeNull();
  expect(await loginStatus(session.email, session.password)).toBe(200);

  // The repetition is checked before anything is sent.
  await current.fill(session.password);
  await repeat.fill('a brand new passwork');
  await submit.click();
  await expect.poll(() => errorOn(repeat), { timeout: 5000 }).toBe('The two passwords are not the same');

  await repeat.fill('a brand new password');
  await submit.click();
  await page.getByText('Password changed. Your other devices are signed out.').waitFor();
  expect(await current.inputValue()).toBe('');

  // The old password no longer signs in, the new one does; the other session (the API's) has ended.
  expect(await loginStatus(session.email, session.password)).toBe(401);
  expect(await loginStatus(session.email, 'a brand new password')).toBe(200);
  expect((await call('POST', '/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);

  // This device stays signed in, also across a reload.
  await page.reload();
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  expect(await refreshCookieIn(context)).toBeDefined();

  // And signing in through the screen takes the new password.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
  await page.getByLabel('Email').fill(session.email);
  await page.getByLabel(/^Password/).fill('a brand new password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/profile'); // back where they signed out
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
});

browserTest('an administrator sets a user\'s password, which signs that user out everywhere', async ({ page }) => {
  const admin = await signUp({ name: 'Admin Person' });
  const email = `${unique('operator')}@example.com`;
  const created = await call('POST', '/users', { email, name: 'Piotr Operator', password: 'first password here', roles: ['operator'] }, admin.accessToken);
  expect(created.status).toBe(201);
  // The operator is signed in on a device of their own.
  const operatorDevice = await cookieLogin(email, 'first password here');
  expect(operatorDevice.status).toBe(200);

  await signInAs(page, admin);
  await page.goto('/users');
  // One's own password is changed on the profile page, not here.
  await page.getByTestId('row').filter({ hasText: 'Admin Person' }).click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('set-password').count()).toBe(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });

  await page.getByTestId('row').filter({ hasText: 'Piotr Operator' }).click();
  await page.getByTestId('set-password').click();
  const dialog = page.getByRole('dialog', { name: 'New password for Piotr Operator' });
  await dialog.getByText('Piotr Operator is signed out on every device at once').waitFor();
  await dialog.getByLabel(/^New password/).fill('short');
  await dialog.getByRole('button', { name: 'Set password and sign out' }).click();
  await expect.poll(() => errorOn(dialog.getByLabel(/^New password/)), { timeout: 5000 }).toBe('At least 10 characters');
  expect(await loginStatus(email, 'first password here')).toBe(200);

  await dialog.getByLabel(/^New password/).fill('second password here');
  await dialog.getByRole('button', { name: 'Set password and sign out' }).click();
  await page.getByText('Password set. Piotr Operator is signed out everywhere.').waitFor();
  await dialog.waitFor({ state: 'detached' });

  const refused = await fetch(new URL('/api/v1/auth/refresh', page.url()), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1', cookie: `monopilot_refresh=${operatorDevice.refreshToken}` },
    body: '{}',
  });
  expect(refused.status).toBe(401);
  expect(await loginStatus(email, 'first password here')).toBe(401);
  expect(await loginStatus(email, 'second password here')).toBe(200);
});
