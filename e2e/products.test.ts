import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

browserTest('a planner creates a product with allergens and finds it by search', async ({ page }) => {
  const session = await signUp();
  await signInAs(page, session);
  await page.goto('/products');
  await page.getByText('No products yet').waitFor();

  await page.getByTestId('new-product').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code').fill('FLOUR-T550');
  await dialog.getByLabel('Name').fill('Wheat flour type 550');
  await dialog.getByLabel('Shelf life (days)').fill('180');
  await dialog.getByText('Cereals containing gluten').click();
  await dialog.getByRole('button', { name: 'Create' }).click();

  await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: 'Wheat flour type 550' }).waitFor();
  await page.getByTestId('allergen-gluten').waitFor();

  const listed = await call('GET', '/products?search=flour', undefined, session.accessToken);
  expect(listed.body.items).toHaveLength(1);
  expect(listed.body.items[0]).toMatchObject({ code: 'FLOUR-T550', type: 'raw', uom: 'kg', shelfLifeDays: 180, allergens: ['gluten'] });

  await page.goto('/products');
  await page.getByRole('searchbox').fill('T550');
  await page.getByTestId('products').getByText('Wheat flour type 550').waitFor();
  await page.getByRole('searchbox').fill('no such thing');
  await page.getByText('Nothing matches these filters.').waitFor();
});

browserTest('a duplicate product code is shown next to the code field', async ({ page }) => {
  const session = await signUp();
  expect((await call('POST', '/products', { code: 'SUGAR', name: 'Sugar', type: 'raw', uom: 'kg' }, session.accessToken)).status).toBe(201);
  await signInAs(page, session);
  await page.goto('/products');
  await page.getByTestId('new-product').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code').fill('SUGAR');
  await dialog.getByLabel('Name').fill('Another sugar');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const codeField = dialog.getByLabel('Code');
  await expect.poll(() => codeField.getAttribute('aria-invalid')).toBe('true');
  expect(await dialog.isVisible()).toBe(true);
  const listed = await call('GET', '/products', undefined, session.accessToken);
  expect(listed.body.items).toHaveLength(1);
});
