import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest("the organization's language applies until a person picks their own", async ({ page }) => {
  const session = await signUp({ name: 'Jan Kowalski' });
  expect((await call('PATCH', '/settings', { locale: 'pl' }, session.accessToken)).status).toBe(200);
  await signInAs(page, session, null);
  await page.goto('/products');
  await page.getByRole('heading', { name: 'Produkty' }).waitFor();
  await page.getByText('Brak produktów. Utwórz pierwszy.').waitFor();
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe('pl');
  const shots = join(process.cwd(), 'e2e', 'screenshots', 'screens');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'products-polish-desktop.png') });

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Products' }).waitFor();
  await page.reload();
  // The person's own choice wins over the organization's default, also after a reload.
  await page.getByRole('heading', { name: 'Products' }).waitFor();
});
